import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser } from '@app/accounts';
import { conflict, FieldError, notFound, RequestValidationException } from '@app/common';
import { CitationWriter } from '../citations/citation.writer';
import { SessionDetailDto } from '../sessions/dto/session.response';
import { SessionFactTransaction } from '../shared/session-fact-transaction';
import { CreateDelegationDto, UpdateDelegationDto } from './delegations.dto';
import { DelegationRepository } from './delegation.repository';

/**
 * Delegations as a report lists them: a province's people by agency, each with an optional
 * headcount, or the province's delegation as a whole. One row per province and agency.
 */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly facts: SessionFactTransaction,
    private readonly delegations: DelegationRepository,
    private readonly citations: CitationWriter,
    private readonly audit: AuditLogWriter,
  ) {}

  add(sessionId: number, input: CreateDelegationDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      await this.checkReferences(manager, input);
      const cited = await this.citations.check(manager, input.citations);
      const organisationId = input.organisationId ?? null;
      const delegationId = await this.delegations.insert(manager, sessionId, {
        provinceId: input.provinceId,
        organisationId,
        headcount: input.headcount ?? null,
        note: input.note ?? null,
      });
      if (delegationId === undefined) {
        const existing = await this.delegations.existing(manager, sessionId, input.provinceId, organisationId);
        throw conflict(
          'delegation-exists',
          `This delegation is already recorded (id ${existing}); change it with PATCH instead`,
          {
            delegationId: existing,
            errors: [{ path: 'organisationId', message: 'is already recorded for this province' }],
          },
        );
      }
      await this.citations.add(manager, sessionId, 'session_delegation', delegationId, cited);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_delegation.created',
        entityType: 'session_delegation',
        entityId: delegationId,
        after: input,
      });
    });
  }

  /** A changed headcount is a different fact: its old citations are retired. */
  update(
    sessionId: number,
    delegationId: number,
    input: UpdateDelegationDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      const before = await this.delegations.find(manager, sessionId, delegationId);
      if (!before) throw notFound('Delegation', delegationId);
      const cited = await this.citations.check(manager, input.citations);
      const values: Record<string, unknown> = {};
      if (input.headcount !== undefined) values.headcount = input.headcount;
      if (input.note !== undefined) values.note = input.note;
      if (values.headcount !== undefined && values.headcount !== before.headcount) {
        await this.citations.retire(manager, 'session_delegation', [delegationId]);
      }
      await this.delegations.update(manager, delegationId, values);
      await this.citations.add(manager, sessionId, 'session_delegation', delegationId, cited);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_delegation.updated',
        entityType: 'session_delegation',
        entityId: delegationId,
        before,
        after: input,
      });
    });
  }

  remove(sessionId: number, delegationId: number, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      const before = await this.delegations.find(manager, sessionId, delegationId);
      if (!before) throw notFound('Delegation', delegationId);
      await this.citations.removeAll(manager, 'session_delegation', [delegationId]);
      await this.delegations.delete(manager, delegationId);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_delegation.deleted',
        entityType: 'session_delegation',
        entityId: delegationId,
        before,
      });
    });
  }

  private async checkReferences(manager: EntityManager, input: CreateDelegationDto) {
    const errors: FieldError[] = [];
    if ((await this.facts.missing(manager, 'province', [input.provinceId])).length > 0) {
      errors.push({ path: 'provinceId', message: `province ${input.provinceId} does not exist` });
    }
    if (
      input.organisationId !== undefined &&
      (await this.facts.missing(manager, 'organisation', [input.organisationId])).length > 0
    ) {
      errors.push({ path: 'organisationId', message: `organisation ${input.organisationId} does not exist` });
    }
    if (errors.length > 0) throw new RequestValidationException(errors);
  }
}
