import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { IdField, TextField } from '@app/common';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
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

export class CreatePersonDto {
  @ApiProperty({ example: 'Nguyễn Văn A' })
  @TextField({ min: 2, max: 200 })
  fullName: string;

  @ApiPropertyOptional({ description: 'Derived from the name when omitted' })
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(120)
  slug?: string;

  @ApiPropertyOptional({ example: 'PGS.TS' })
  @TextField({ max: 50, optional: true })
  academicTitle?: string;

  @ApiPropertyOptional({ example: 'Thiếu tướng' })
  @TextField({ max: 50, optional: true })
  militaryRank?: string;

  @ApiPropertyOptional({ example: 'đồng chí' })
  @TextField({ max: 50, optional: true })
  honorific?: string;

  @ApiPropertyOptional()
  @TextField({ max: 2000, optional: true })
  note?: string;
}

export class UpdatePersonDto extends PartialType(CreatePersonDto) {}

export class CreatePositionDto {
  @ApiProperty({ example: 'Thứ trưởng Thường trực' })
  @TextField({ min: 2, max: 300 })
  title: string;

  @ApiPropertyOptional()
  @IdField({ optional: true })
  organisationId?: number;

  @ApiPropertyOptional({ description: 'A date on which a source states the post' })
  @IsOptional()
  @IsDateString({ strict: true })
  attestedOn?: string;

  @ApiPropertyOptional({ description: 'Start of the term, when known' })
  @IsOptional()
  @IsDateString({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ description: 'End of the term, when known' })
  @IsOptional()
  @IsDateString({ strict: true })
  validTo?: string;
}

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

export class CreateDocumentDto {
  @ApiPropertyOptional({ example: '57-KL/TW' })
  @TextField({ max: 60, optional: true })
  number?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(120)
  slug?: string;

  @ApiProperty({ example: 'Kết luận' })
  @TextField({ min: 2, max: 60 })
  kind: string;

  @ApiProperty()
  @TextField({ min: 2, max: 1000 })
  title: string;

  @ApiPropertyOptional()
  @IdField({ optional: true })
  issuerId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true })
  issuedOn?: string;
}

export class UpdateDocumentDto extends PartialType(CreateDocumentDto) {}

export class CreatedDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
}
