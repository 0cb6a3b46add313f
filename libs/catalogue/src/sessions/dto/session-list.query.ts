import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NormalisedText, PageQuery } from '@app/common';
import { SESSION_SEARCH_SYNTAX } from '../../search/search-syntax';
import { SESSION_KINDS, SESSION_STATUSES, SessionKind, SessionStatus } from '../session.rules';

const Id = () => [IsOptional(), Type(() => Number), IsInt(), Min(1), Max(2_147_483_647)];
const applyAll =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

export class SessionListQuery extends PageQuery {
  @ApiPropertyOptional({ description: SESSION_SEARCH_SYNTAX, example: 'kết luận 57' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NormalisedText()
  q?: string;

  @ApiPropertyOptional({ example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1945)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Sessions ending on or after this date', example: '2024-01-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Sessions starting on or before this date', example: '2024-12-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: SESSION_STATUSES })
  @IsOptional()
  @IsIn(SESSION_STATUSES)
  status?: SessionStatus;

  @ApiPropertyOptional({ enum: SESSION_KINDS })
  @IsOptional()
  @IsIn(SESSION_KINDS)
  kind?: SessionKind;

  @ApiPropertyOptional({ description: 'Host province id' })
  @applyAll(Id())
  hostProvince?: number;

  @ApiPropertyOptional({ description: 'Invited province id (a 2025 unit also matches its predecessors)' })
  @applyAll(Id())
  invitedProvince?: number;

  @ApiPropertyOptional({ description: 'Region id: invited as a region, or hosting or inviting a province of it' })
  @applyAll(Id())
  region?: number;

  @ApiPropertyOptional({ description: 'Person id of a presenter' })
  @applyAll(Id())
  presenter?: number;

  @ApiPropertyOptional({ description: 'Organisation id: organiser or presenting body' })
  @applyAll(Id())
  organisation?: number;

  @ApiPropertyOptional({ description: 'Guiding document id covered by the session or one of its items' })
  @applyAll(Id())
  document?: number;

  @ApiPropertyOptional({ enum: ['date', 'title'], default: 'date' })
  @IsOptional()
  @IsIn(['date', 'title'])
  sort: 'date' | 'title' = 'date';

  @ApiPropertyOptional({
    description:
      'Also answer `facets`: counts of the matching sessions per year, kind, region and host province (one more query)',
    default: false,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  facets?: boolean;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}
