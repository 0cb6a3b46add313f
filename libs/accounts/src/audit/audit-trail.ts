import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The newest audit entry about one entity: who made it (their name, else their e-mail) and when. */
export interface LastChange {
  by: string | null;
  at: Date;
}

/**
 * Reads of the audit trail that use cases need inside their own transaction, e.g. to tell a
 * person whose save went stale who changed the thing since (audit_log is this library's table).
 */
@Injectable()
export class AuditTrail {
  async lastChange(manager: EntityManager, entityType: string, entityId: string | number): Promise<LastChange | null> {
    const [row]: { by: string | null; at: Date }[] = await manager.query(
      `SELECT coalesce(u.display_name, u.email) AS by, a.at
         FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_user_id
        WHERE a.entity_type = $1 AND a.entity_id = $2
        ORDER BY a.at DESC, a.id DESC
        LIMIT 1`,
      [entityType, String(entityId)],
    );
    return row ? { by: row.by, at: new Date(row.at) } : null;
  }
}
