import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@app/common';

export class ListAuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only what this user did', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  userId?: number;

  @ApiPropertyOptional({
    description:
      'Only entries about this session: the session itself, and its registrations, settings, agenda items, bridge points, parts and attendance',
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  sessionId?: number;

  @ApiPropertyOptional({
    description: 'An action (`session.updated`), or all of one kind when it ends with a dot (`session.`)',
    maxLength: 60,
    example: 'session.status_changed',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(/^[a-z_-]+(\.[a-z_-]*)?$/, {
    message: 'must be an action such as session.updated, or a kind such as session.',
  })
  action?: string;
}
