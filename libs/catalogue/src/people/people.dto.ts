import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional } from 'class-validator';
import { PageMeta } from '@app/common';
import { RoleAtSessionDto } from '../appearances/appearances.dto';
import { PositionDto } from '../sessions/dto/session.response';

export class AtDateQuery {
  @ApiPropertyOptional({ description: 'Show what was in force on this date', example: '2024-08-07' })
  @IsOptional()
  @IsDateString({ strict: true })
  at?: string;
}

export class PersonSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) academicTitle: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) militaryRank: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) honorific: string | null;
}

export class PersonPageDto {
  @ApiProperty({ type: [PersonSummaryDto] }) items: PersonSummaryDto[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
}

export class PresentationDto {
  @ApiProperty() sessionId: number;
  @ApiProperty() sessionSlug: string;
  @ApiProperty() sessionTitle: string;
  @ApiPropertyOptional({ type: String, nullable: true }) startsOn: string | null;
  @ApiProperty() agendaItemId: number;
  @ApiProperty() agendaItemTitle: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: [PositionDto], description: 'Posts stated at that session first, then those held at its date' })
  positionsThen: PositionDto[];
}

export class PersonDetailDto extends PersonSummaryDto {
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [PositionDto], description: 'Every recorded post' }) positions: PositionDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The date asked for with ?at=' }) at: string | null;
  @ApiProperty({ type: [PositionDto], description: 'Posts held on `at` (today when not given)' })
  positionsAt: PositionDto[];
  @ApiProperty({ type: [PresentationDto] }) presentations: PresentationDto[];
  @ApiProperty({ type: [RoleAtSessionDto], description: 'Chair, guest, speaker, lecturer, award recipient' })
  roles: RoleAtSessionDto[];
}
