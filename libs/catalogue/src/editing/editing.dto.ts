import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NormalisedText } from '@app/common';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ID = 2_147_483_647;
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
  @IsString()
  @NormalisedText()
  @MinLength(2)
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ description: 'Derived from the name when omitted' })
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(120)
  slug?: string;

  @ApiPropertyOptional({ example: 'PGS.TS' })
  @IsOptional()
  @IsString()
  @NormalisedText()
  @MaxLength(50)
  academicTitle?: string;

  @ApiPropertyOptional({ example: 'Thiếu tướng' })
  @IsOptional()
  @IsString()
  @NormalisedText()
  @MaxLength(50)
  militaryRank?: string;

  @ApiPropertyOptional({ example: 'đồng chí' })
  @IsOptional()
  @IsString()
  @NormalisedText()
  @MaxLength(50)
  honorific?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @NormalisedText()
  @MaxLength(2000)
  note?: string;
}

export class UpdatePersonDto extends PartialType(CreatePersonDto) {}

export class CreatePositionDto {
  @ApiProperty({ example: 'Thứ trưởng Thường trực' })
  @IsString()
  @NormalisedText()
  @MinLength(2)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
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
  @IsString()
  @NormalisedText()
  @MinLength(2)
  @MaxLength(300)
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
  @IsOptional()
  @IsString()
  @NormalisedText()
  @MaxLength(100)
  shortName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  parentId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  provinceId?: number;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

export class RenameOrganisationDto {
  @ApiProperty({ example: 'Ban Tuyên giáo và Dân vận Trung ương' })
  @IsString()
  @NormalisedText()
  @MinLength(2)
  @MaxLength(300)
  name: string;

  @ApiProperty({ description: 'First day of the new name; the old one ends the day before' })
  @IsDateString({ strict: true })
  effectiveFrom: string;
}

export class CreateDocumentDto {
  @ApiPropertyOptional({ example: '57-KL/TW' })
  @IsOptional()
  @IsString()
  @NormalisedText()
  @MaxLength(60)
  number?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(120)
  slug?: string;

  @ApiProperty({ example: 'Kết luận' })
  @IsString()
  @NormalisedText()
  @MinLength(2)
  @MaxLength(60)
  kind: string;

  @ApiProperty()
  @IsString()
  @NormalisedText()
  @MinLength(2)
  @MaxLength(1000)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
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
