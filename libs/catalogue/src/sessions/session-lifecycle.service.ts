import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, requireAccess } from '@app/accounts';
import { conflict, notFound, RequestValidationException } from '@app/common';
import { SessionChangeMail } from '@app/notifications';
import { ChangeStatusDto } from './dto/session-write.dto';
import { SessionDetailDto } from './dto/session.response';
import { SessionWriteRepository } from './session-write.repository';
import { isLegalTransition, LEGAL_TRANSITIONS, SessionStatus } from './session.rules';
import { SessionQueryService } from './session.service';
import { ORGANISER_VIEW } from './session-write-support';

/** A session's life: draft → published → … → cancelled, and deleting a draft or cancelled one. */
@Injectable()
export class SessionLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionWriteRepository,
    private readonly queries: SessionQueryService,
    private readonly audit: AuditLogWriter,
    private readonly changeMail: SessionChangeMail,
  ) {}

  async changeStatus(id: number, input: ChangeStatusDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    requireAccess(user, { session: id, action: 'session.change' });
    await this.dataSource.transaction(async (manager) => {
      const current = await this.sessions.lock(manager, id);
      if (!current) throw notFound('Session', id);
      const from = current.status as SessionStatus;
      const to = input.status as SessionStatus;
      if (!isLegalTransition(from, to)) {
        throw conflict('illegal-transition', `A ${from} session cannot become ${to}`, {
          from,
          to,
          allowed: LEGAL_TRANSITIONS[from],
        });
      }
      if (to === 'cancelled' && !input.reason) {
        throw new RequestValidationException([{ path: 'reason', message: 'is required to cancel a session' }]);
      }
      await this.sessions.setStatus(manager, id, to);
      await this.audit.record(manager, {
        ...actor,
        action: 'session.status_changed',
        entityType: 'training_session',
        entityId: id,
        before: { status: from },
        after: { status: to, reason: input.reason ?? null },
      });
      if (to === 'cancelled') await this.changeMail.cancelled(manager, id, input.reason ?? null);
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async remove(id: number, user: AuthUser, actor: AuditActor): Promise<void> {
    requireAccess(user, { session: id, action: 'session.change' });
    await this.dataSource.transaction(async (manager) => {
      const current = await this.sessions.lock(manager, id);
      if (!current) throw notFound('Session', id);
      if (current.status !== 'draft' && current.status !== 'cancelled') {
        throw conflict(
          'session-published',
          `Only draft or cancelled sessions can be deleted; session ${id} is ${current.status}`,
          {
            sessionStatus: current.status,
          },
        );
      }
      await this.sessions.delete(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'session.deleted',
        entityType: 'training_session',
        entityId: id,
        before: current,
      });
    });
  }
}
