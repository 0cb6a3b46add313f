import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/common';

/** One line of the audit log, with the actor's name as it is now (null for the command line). */
export class AuditEntryResponse {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'session.status_changed' }) action: string;
  @ApiProperty({ example: 'training_session' }) entityType: string;
  @ApiProperty({ example: '42' }) entityId: string;
  @ApiProperty({ type: Number, nullable: true }) actorUserId: number | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The session the entry is about, when there is one' })
  sessionId: number | null;
  @ApiProperty({ type: Object, nullable: true, description: 'Snapshot before the change' }) before: unknown;
  @ApiProperty({ type: Object, nullable: true, description: 'Snapshot after the change' }) after: unknown;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
}

export class AuditEntryPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) items: AuditEntryResponse[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
}
