import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser } from '@app/accounts';
import { FieldError, notFound, RequestValidationException } from '@app/common';
import { CitationWriter } from '../citations/citation.writer';
import { SessionDetailDto } from '../sessions/dto/session.response';
import { SessionFactTransaction } from '../shared/session-fact-transaction';
import { CreateAwardDto, CreateEventRoleDto, CreateStatedPostDto } from './roles.dto';
import { RoleRepository } from './role.repository';

type Party = { personId?: number; organisationId?: number };

/**
 * Who did what at an event (chair, guest, speaker, lecturer, award recipient), the awards given
 * there, and posts as a report states them at that appearance: such a post belongs to the
 * session and is never carried to another session by its date.
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly facts: SessionFactTransaction,
    private readonly roles: RoleRepository,
    private readonly citations: CitationWriter,
    private readonly audit: AuditLogWriter,
  ) {}

  addRole(sessionId: number, input: CreateEventRoleDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      await this.checkParties(manager, [input], (index, field) => field);
      const cited = await this.citations.check(manager, input.citations);
      const roleId = await this.roles.insertRole(manager, sessionId, {
        role: input.role,
        personId: input.personId ?? null,
        organisationId: input.organisationId ?? null,
        awardId: null,
        statedAs: input.statedAs ?? null,
        note: input.note ?? null,
      });
      await this.citations.add(manager, sessionId, 'session_role', roleId, cited);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_role.created',
        entityType: 'session_role',
        entityId: roleId,
        after: input,
      });
    });
  }

  removeRole(sessionId: number, roleId: number, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      const before = await this.roles.findRole(manager, sessionId, roleId);
      if (!before) throw notFound('Role', roleId);
      await this.citations.removeAll(manager, 'session_role', [roleId]);
      await this.roles.deleteRole(manager, roleId);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_role.deleted',
        entityType: 'session_role',
        entityId: roleId,
        before,
      });
    });
  }

  /** An award with its recipients (each an award_recipient role of the session). */
  addAward(sessionId: number, input: CreateAwardDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      const recipients = input.recipients ?? [];
      await this.checkParties(manager, recipients, (index, field) => `recipients.${index}.${field}`);
      if (
        input.conferredById !== undefined &&
        (await this.facts.missing(manager, 'organisation', [input.conferredById])).length > 0
      ) {
        throw new RequestValidationException([
          { path: 'conferredById', message: `organisation ${input.conferredById} does not exist` },
        ]);
      }
      const cited = await this.citations.check(manager, input.citations);
      const awardId = await this.roles.insertAward(manager, sessionId, {
        title: input.title,
        conferredById: input.conferredById ?? null,
        note: input.note ?? null,
      });
      for (const recipient of recipients) {
        await this.roles.insertRole(manager, sessionId, {
          role: 'award_recipient',
          personId: recipient.personId ?? null,
          organisationId: recipient.organisationId ?? null,
          awardId,
          statedAs: recipient.statedAs ?? null,
          note: null,
        });
      }
      await this.citations.add(manager, sessionId, 'session_award', awardId, cited);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_award.created',
        entityType: 'session_award',
        entityId: awardId,
        after: input,
      });
    });
  }

  removeAward(sessionId: number, awardId: number, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      const before = await this.roles.findAward(manager, sessionId, awardId);
      if (!before) throw notFound('Award', awardId);
      await this.citations.removeAll(manager, 'session_award', [awardId]);
      const roleIds = await this.roles.deleteAward(manager, awardId);
      await this.citations.removeAll(manager, 'session_role', roleIds);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_award.deleted',
        entityType: 'session_award',
        entityId: awardId,
        before,
      });
    });
  }

  addStatedPost(
    sessionId: number,
    input: CreateStatedPostDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      const errors: FieldError[] = [];
      if ((await this.facts.missing(manager, 'person', [input.personId])).length > 0) {
        errors.push({ path: 'personId', message: `person ${input.personId} does not exist` });
      }
      if (
        input.organisationId !== undefined &&
        (await this.facts.missing(manager, 'organisation', [input.organisationId])).length > 0
      ) {
        errors.push({ path: 'organisationId', message: `organisation ${input.organisationId} does not exist` });
      }
      if (errors.length > 0) throw new RequestValidationException(errors);
      const cited = await this.citations.check(manager, input.citations);
      const postId = await this.roles.insertStatedPost(manager, sessionId, {
        personId: input.personId,
        title: input.title,
        organisationId: input.organisationId ?? null,
        attestedOn: input.attestedOn ?? null,
      });
      await this.citations.add(manager, sessionId, 'person_position', postId, cited);
      await this.audit.record(manager, {
        ...actor,
        action: 'person.position_stated',
        entityType: 'person_position',
        entityId: postId,
        after: input,
      });
    });
  }

  removeStatedPost(sessionId: number, postId: number, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    return this.facts.run(user, sessionId, async (manager) => {
      if (!(await this.roles.deleteStatedPost(manager, sessionId, postId))) throw notFound('Position', postId);
      await this.citations.removeAll(manager, 'person_position', [postId]);
      await this.audit.record(manager, {
        ...actor,
        action: 'person.position_removed',
        entityType: 'person_position',
        entityId: postId,
      });
    });
  }

  /** Exactly one of person and organisation, and each must exist (400 naming the field). */
  private async checkParties(
    manager: EntityManager,
    parties: Party[],
    pathOf: (index: number, field: string) => string,
  ) {
    const errors: FieldError[] = [];
    for (const [index, party] of parties.entries()) {
      if ((party.personId === undefined) === (party.organisationId === undefined)) {
        errors.push({ path: pathOf(index, 'personId'), message: 'needs exactly one of personId or organisationId' });
      } else if (
        party.personId !== undefined &&
        (await this.facts.missing(manager, 'person', [party.personId])).length > 0
      ) {
        errors.push({ path: pathOf(index, 'personId'), message: `person ${party.personId} does not exist` });
      } else if (
        party.organisationId !== undefined &&
        (await this.facts.missing(manager, 'organisation', [party.organisationId])).length > 0
      ) {
        errors.push({
          path: pathOf(index, 'organisationId'),
          message: `organisation ${party.organisationId} does not exist`,
        });
      }
    }
    if (errors.length > 0) throw new RequestValidationException(errors);
  }
}
