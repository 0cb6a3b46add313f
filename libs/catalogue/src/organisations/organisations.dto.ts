import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMeta } from '@app/common';
import { DelegationAtSessionDto, RoleAtSessionDto } from '../appearances/appearances.dto';
import { CitationDto } from '../shared/citations';

export class OrganisationSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty() kind: string;
  @ApiProperty({ description: 'Current official name' }) name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) shortName: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) parentId: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) provinceId: number | null;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationSummaryDto] }) items: OrganisationSummaryDto[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
}

export class OrganisationNameDto {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'A variant spelling used by sources, not an official name' }) isAlias: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) validFrom: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) validTo: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class OrganisedSessionDto {
  @ApiProperty() sessionId: number;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) startsOn: string | null;
  @ApiProperty({ enum: ['lead', 'co_organiser', 'presenter'] }) role: string;
  @ApiProperty({ description: 'The organisation name in force at that session' }) nameThen: string;
}

export class OrganisationDetailDto extends OrganisationSummaryDto {
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) at: string | null;
  @ApiProperty({ description: 'The name in force on ?at= (today when not given)' }) nameAt: string;
  @ApiProperty({ type: [OrganisationNameDto] }) names: OrganisationNameDto[];
  @ApiProperty({ type: [OrganisationSummaryDto] }) children: OrganisationSummaryDto[];
  @ApiProperty({ type: [OrganisedSessionDto] }) sessions: OrganisedSessionDto[];
  @ApiProperty({ type: [DelegationAtSessionDto], description: 'Delegations it sent, as reports list them' })
  delegations: DelegationAtSessionDto[];
  @ApiProperty({ type: [RoleAtSessionDto], description: 'Roles at events (guest, award recipient…)' })
  roles: RoleAtSessionDto[];
}
