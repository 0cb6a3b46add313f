import { Injectable } from '@nestjs/common';
import { AuditActor, AuditLogWriter, AuthUser } from '@app/accounts';
import { notFound } from '@app/common';
import { CitationWriter } from '../citations/citation.writer';
import { SessionDetailDto } from '../sessions/dto/session.response';
import { SessionFactTransaction } from '../shared/session-fact-transaction';
import { CreateClaimDto, UpdateClaimDto } from './claims.dto';
import { ClaimRepository } from './claim.repository';

/**
 * Reported counts: what a source says was counted, with its qualifier and citations. Claims are
 * never merged or resolved; the session page groups them by field and flags a conflict.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly facts: SessionFactTransaction,
    private readonly claims: ClaimRepository,
    private readonly citations: CitationWriter,
    private readonly audit: AuditLogWriter,
  ) {}

  add(sessionId: number, input: CreateClaimDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      const cited = await this.citations.check(manager, input.citations);
      const claimId = await this.claims.insert(manager, sessionId, {
        field: input.field,
        value: input.value,
        qualifier: input.qualifier ?? 'exact',
        note: input.note ?? null,
      });
      await this.citations.add(manager, sessionId, 'session_claim', claimId, cited);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_claim.created',
        entityType: 'session_claim',
        entityId: claimId,
        after: input,
      });
    });
  }

  /** A changed field, value or qualifier is a different claim: the old one's citations are retired. */
  update(
    sessionId: number,
    claimId: number,
    input: UpdateClaimDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      const before = await this.claims.find(manager, sessionId, claimId);
      if (!before) throw notFound('Reported count', claimId);
      const cited = await this.citations.check(manager, input.citations);
      const values: Record<string, unknown> = {};
      if (input.field !== undefined) values.field = input.field;
      if (input.value !== undefined) values.value = input.value;
      if (input.qualifier !== undefined) values.qualifier = input.qualifier;
      if (input.note !== undefined) values.note = input.note;
      const changed = (['field', 'value', 'qualifier'] as const).some(
        (key) => values[key] !== undefined && values[key] !== before[key],
      );
      if (changed) await this.citations.retire(manager, 'session_claim', [claimId]);
      await this.claims.update(manager, claimId, values);
      await this.citations.add(manager, sessionId, 'session_claim', claimId, cited);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_claim.updated',
        entityType: 'session_claim',
        entityId: claimId,
        before,
        after: input,
      });
    });
  }

  remove(sessionId: number, claimId: number, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      const before = await this.claims.find(manager, sessionId, claimId);
      if (!before) throw notFound('Reported count', claimId);
      await this.citations.removeAll(manager, 'session_claim', [claimId]);
      await this.claims.delete(manager, claimId);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_claim.deleted',
        entityType: 'session_claim',
        entityId: claimId,
        before,
      });
    });
  }
}
