import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CitationDto } from '../shared/citations';

export class DelegationAtSessionDto {
  @ApiProperty() id: number;
  @ApiProperty() sessionId: number;
  @ApiProperty() sessionSlug: string;
  @ApiProperty() sessionTitle: string;
  @ApiPropertyOptional({ type: String, nullable: true }) startsOn: string | null;
  @ApiProperty() provinceId: number;
  @ApiProperty({ description: 'The unit as the session knew it' }) provinceName: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: the delegation as a whole' })
  organisationId: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) organisationName: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) headcount: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class RoleAtSessionDto {
  @ApiProperty() id: number;
  @ApiProperty() sessionId: number;
  @ApiProperty() sessionSlug: string;
  @ApiProperty() sessionTitle: string;
  @ApiPropertyOptional({ type: String, nullable: true }) startsOn: string | null;
  @ApiProperty({ enum: ['chair', 'guest', 'speaker', 'lecturer', 'award_recipient'] }) role: string;
  @ApiPropertyOptional({ type: String, nullable: true }) awardTitle: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) statedAs: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}
