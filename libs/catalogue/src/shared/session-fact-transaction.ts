import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, requireAccess } from '@app/accounts';
import { notFound } from '@app/common';
import { SessionDetailDto } from '../sessions/dto/session.response';
import { SessionWriteRepository, SessionWriteRow } from '../sessions/session-write.repository';
import { SessionQueryService } from '../sessions/session.service';

/**
 * The frame of every write of a fact about one session (counts, delegations, roles, awards,
 * posts stated there): the organiser check, one transaction that locks the session row, the
 * work, the version bump and search refresh; the answer is the session as it now reads.
 */
@Injectable()
export class SessionFactTransaction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionWriteRepository,
    private readonly queries: SessionQueryService,
  ) {}

  async run(
    user: AuthUser,
    sessionId: number,
    work: (manager: EntityManager, session: SessionWriteRow) => Promise<void>,
  ): Promise<SessionDetailDto> {
    // The facts of a session are part of it: the same policy as its own fields.
    requireAccess(user, { session: sessionId, action: 'session.change' });
    await this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.lock(manager, sessionId);
      if (!session) throw notFound('Session', sessionId);
      await work(manager, session);
      await this.sessions.touch(manager, sessionId);
    });
    return this.queries.detail(String(sessionId), { canSeeDrafts: true });
  }

  /** Ids among `ids` missing from a table, for field errors. */
  missing(manager: EntityManager, table: 'province' | 'organisation' | 'person', ids: number[]) {
    return this.sessions.missing(manager, table, ids);
  }
}
