import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { NormalisedText, PageQuery } from '@app/common';
import { SEARCH_SYNTAX } from '../search/search-syntax';

export class SearchPageQuery extends PageQuery {
  @ApiPropertyOptional({ description: SEARCH_SYNTAX })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NormalisedText()
  q?: string;
}
