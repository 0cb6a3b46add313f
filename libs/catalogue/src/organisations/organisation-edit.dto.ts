import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { IdField, TextField } from '@app/common';
import { SLUG } from '../shared/record-edit.dto';

export const ORGANISATION_KINDS = [
  'party_body',
  'state_body',
  'steering_committee',
  'local_government',
  'party_committee',
  'press',
  'academic',
  'international',
  'other',
] as const;

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Sở Ngoại vụ tỉnh Tuyên Quang' })
  @TextField({ min: 2, max: 300 })
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(120)
  slug?: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: string;

  @ApiPropertyOptional()
  @TextField({ max: 100, optional: true })
  shortName?: string;

  @ApiPropertyOptional()
  @IdField({ optional: true })
  parentId?: number;

  @ApiPropertyOptional()
  @IdField({ optional: true })
  provinceId?: number;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

export class RenameOrganisationDto {
  @ApiProperty({ example: 'Ban Tuyên giáo và Dân vận Trung ương' })
  @TextField({ min: 2, max: 300 })
  name: string;

  @ApiProperty({ description: 'First day of the new name; the old one ends the day before' })
  @IsDateString({ strict: true })
  effectiveFrom: string;
}
