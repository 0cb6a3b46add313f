import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../roles';

/** Who did it and in which request: what `@AuditContext()` gives a controller to pass on. */
export interface AuditActor {
  actorUserId: number | null;
  requestId: string | null;
}

export interface AuditEntry extends Partial<AuditActor> {
  /** Dotted verb, e.g. `user.created`, `registration.confirmed`. */
  action: string;
  /** Table-like noun, e.g. `user`, `registration`. */
  entityType: string;
  entityId: string | number;
  /** JSON-serialisable snapshots (response DTOs, never entities with secrets). */
  before?: unknown;
  after?: unknown;
}

/**
 * Appends to `audit_log` inside the caller's transaction, so the entry commits or rolls back
 * with the change it describes. Shared by every feature (exported from @app/accounts).
 */
@Injectable()
export class AuditLogWriter {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)`,
      [
        entry.actorUserId ?? null,
        entry.action,
        entry.entityType,
        String(entry.entityId),
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
        entry.requestId ?? null,
      ],
    );
  }
}

/** Parameter decorator: `{ actorUserId, requestId }` of the current request, for AuditLogWriter.record. */
export const AuditContext = createParamDecorator((_data: unknown, context: ExecutionContext): AuditActor => {
  const request = context.switchToHttp().getRequest<{ id?: unknown; user?: AuthUser }>();
  return {
    actorUserId: request.user?.id ?? null,
    requestId: request.id === undefined ? null : String(request.id),
  };
});
