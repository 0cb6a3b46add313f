import { CitationInputDto, CitationsField } from '../citations/citation-input.dto';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsDateString, IsOptional, Matches, MaxLength } from 'class-validator';
import { IdField, TextField } from '@app/common';
import { SLUG } from '../shared/record-edit.dto';

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

  @CitationsField()
  citations?: CitationInputDto[];
}
