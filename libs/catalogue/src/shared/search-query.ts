import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { NormalisedText, PageQuery } from '@app/common';

export class SearchPageQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Accent-insensitive search; every word must match' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NormalisedText()
  q?: string;
}
