import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { TextField } from '@app/common';

export const SOURCE_KEY = /^[A-Za-z0-9_-]{1,40}$/;

/** Where a source supports a fact: its key, the paragraph (numbered by the documented rule) and the words. */
export class CitationInputDto {
  @ApiProperty({ example: '000', description: 'Key of the source' })
  @Matches(SOURCE_KEY, { message: 'source must be a source key such as 000' })
  source: string;

  @ApiProperty({ example: 2, description: 'Paragraph number: the n-th non-blank line of the source text' })
  @IsInt()
  @Min(1)
  @Max(100000)
  paragraph: number;

  @ApiPropertyOptional({
    example: 'Chiều 8/3, tại Đại học Quốc gia Thành phố Hồ Chí Minh',
    description: 'The words of the source; required, and an exact substring of the paragraph, when its text is on file',
  })
  @TextField({ min: 1, max: 2000, optional: true })
  quote?: string;
}

export const SESSION_ASPECTS = ['title', 'schedule', 'venue', 'invitation', 'audience', 'format', 'note'] as const;
export type SessionAspect = (typeof SESSION_ASPECTS)[number];

/** A citation of a session field: `aspect` names the part of the session it supports. */
export class SessionCitationInputDto extends CitationInputDto {
  @ApiPropertyOptional({ enum: SESSION_ASPECTS, default: 'title', description: 'What of the session it supports' })
  @IsOptional()
  @IsIn(SESSION_ASPECTS)
  aspect?: SessionAspect;
}

/** The optional `citations` list of a fact write. */
export const CitationsField = (type: typeof CitationInputDto = CitationInputDto) =>
  applyDecorators(
    ApiPropertyOptional({ type: [type], description: 'Where the sources say so; checked against the source text' }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    ValidateNested({ each: true }),
    Type(() => type),
  );
