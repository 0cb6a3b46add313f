import type { AuditEntryResponse } from './dto/audit-entry.response';
import type { AuditLogRow } from './audit-log.repository';

export const toAuditEntryResponse = (row: AuditLogRow): AuditEntryResponse => ({
  id: Number(row.id),
  at: row.at.toISOString(),
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  actorUserId: row.actor_user_id === null ? null : Number(row.actor_user_id),
  actorEmail: row.actor_email,
  actorName: row.actor_name,
  sessionId: row.session_id === null || !/^\d+$/.test(row.session_id) ? null : Number(row.session_id),
  before: row.before ?? null,
  after: row.after ?? null,
  requestId: row.request_id,
});
