import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AuditLogFilter {
  limit: number;
  offset: number;
  userId?: number;
  sessionId?: number;
  /** Exact action, or a prefix when it ends with a dot. */
  action?: string;
}

export interface AuditLogRow {
  id: string;
  at: Date;
  action: string;
  entity_type: string;
  entity_id: string;
  actor_user_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  session_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  total: string;
}

/**
 * The session an entry is about. Entries name their entity, not always its session: the session
 * itself; registrations and registration settings carry `sessionId` in their snapshots; agenda
 * items, bridge points, parts and attendance are looked up by their id (read only), so the entry
 * of one deleted since is found only through its snapshot.
 */
const SESSION_OF_ENTRY = `
  CASE a.entity_type
    WHEN 'training_session' THEN a.entity_id
    WHEN 'agenda_item' THEN (SELECT session_id::text FROM agenda_item WHERE id::text = a.entity_id)
    WHEN 'bridge_point' THEN (SELECT session_id::text FROM bridge_point WHERE id::text = a.entity_id)
    WHEN 'session_part' THEN (SELECT session_id::text FROM session_part WHERE id::text = a.entity_id)
    WHEN 'attendance' THEN (SELECT p.session_id::text FROM attendance t JOIN session_part p ON p.id = t.part_id
                             WHERE t.id::text = a.entity_id)
  END`;

/** Reads of audit_log (written by AuditLogWriter inside each use case's transaction). */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: AuditLogFilter): Promise<{ rows: AuditLogRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.userId !== undefined) {
      params.push(filter.userId);
      where.push(`e.actor_user_id = $${params.length}`);
    }
    if (filter.sessionId !== undefined) {
      params.push(String(filter.sessionId));
      where.push(`e.session_id = $${params.length}`);
    }
    if (filter.action !== undefined) {
      if (filter.action.endsWith('.')) {
        params.push(filter.action);
        where.push(`starts_with(e.action, $${params.length})`);
      } else {
        params.push(filter.action);
        where.push(`e.action = $${params.length}`);
      }
    }
    params.push(filter.limit, filter.offset);
    const rows: AuditLogRow[] = await this.dataSource.query(
      `WITH e AS (
         SELECT a.*, coalesce(${SESSION_OF_ENTRY}, a.after->>'sessionId', a.before->>'sessionId') AS session_id
           FROM audit_log a)
       SELECT e.id, e.at, e.action, e.entity_type, e.entity_id, e.actor_user_id, e.session_id,
              e.before, e.after, e.request_id, u.email AS actor_email, u.display_name AS actor_name,
              count(*) OVER () AS total
         FROM e LEFT JOIN app_user u ON u.id = e.actor_user_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.at DESC, e.id DESC
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.countBeyondPage(where, params);
    return { rows, total };
  }

  /** An offset past the end still reports how many entries match. */
  private async countBeyondPage(where: string[], params: unknown[]): Promise<number> {
    const [{ n }]: { n: string }[] = await this.dataSource.query(
      `WITH e AS (
         SELECT a.*, coalesce(${SESSION_OF_ENTRY}, a.after->>'sessionId', a.before->>'sessionId') AS session_id
           FROM audit_log a)
       SELECT count(*) AS n FROM e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params.slice(0, -2),
    );
    return Number(n);
  }
}
