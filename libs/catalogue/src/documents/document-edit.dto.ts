import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsDateString, IsOptional, Matches, MaxLength } from 'class-validator';
import { IdField, TextField } from '@app/common';
import { SLUG } from '../shared/record-edit.dto';

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
