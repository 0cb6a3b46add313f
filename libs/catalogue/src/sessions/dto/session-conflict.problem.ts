import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LastChangeDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Display name of who made the change; null when no account did',
  })
  by: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
}

/** The 409 of a session PATCH: problem+json, with who changed the session last when the version was stale. */
export class SessionConflictProblemDto {
  @ApiProperty({
    example: 'https://ttdn.example.gov.vn/problems/stale-version',
    description: 'Ends in stale-version or slug-taken',
  })
  type: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty() detail: string;
  @ApiPropertyOptional({ description: 'stale-version: the version the session is at now' }) currentVersion?: number;
  @ApiPropertyOptional({
    type: LastChangeDto,
    nullable: true,
    description: 'stale-version: the newest audited change of the session (who and when); null when none is recorded',
  })
  lastChange?: LastChangeDto | null;
}
