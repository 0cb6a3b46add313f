import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, canActOnSession } from '@app/accounts';
import { conflict, foldForSearch, notFound, ProblemException, RequestValidationException } from '@app/common';
import { HttpStatus } from '@nestjs/common';
import {
  ChangeStatusDto,
  CreateAgendaItemDto,
  CreateBridgePointDto,
  CreateSessionDto,
  ReplaceInvitationsDto,
  ReplaceOrganisersDto,
  UpdateAgendaItemDto,
  UpdateSessionDto,
} from './dto/session-write.dto';
import { SessionDetailDto } from './dto/session.response';
import { SESSION_WRITABLE_COLUMNS, SessionColumnValues, SessionWriteRepository } from './session-write.repository';
import { isLegalTransition, LEGAL_TRANSITIONS, SessionStatus, spanForPrecision } from './session.rules';
import { SessionQueryService } from './session.service';

const ORGANISER_VIEW = { canSeeDrafts: true };

const notAllowed = (what: string) =>
  new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', `Your organiser role does not allow you to ${what}.`);

/** Session-scoped organisers may change their own session only. */
function assertOrganiserOf(user: AuthUser, sessionId: number) {
  if (!canActOnSession(user, 'organiser', sessionId)) throw notAllowed(`change session ${sessionId}`);
}

const slugFromTitle = (title: string) =>
  foldForSearch(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);

/**
 * Organisers' changes to sessions and their agenda. Each use case is one transaction that
 * locks the session row, applies the rules, writes, records the audit entry and commits;
 * the answer is the session as it now reads.
 */
@Injectable()
export class SessionCommandService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionWriteRepository,
    private readonly queries: SessionQueryService,
    private readonly audit: AuditLogWriter,
  ) {}

  /**
   * A slug nobody holds, from the title: yearly trainings repeat their titles, so a taken one
   * gets the session's year, then a counter (`…-2027`, `…-2027-2`). A slug the organiser chose
   * is theirs: a taken one is refused instead.
   */
  private async derivedSlug(manager: EntityManager, title: string, startsOn: string | undefined): Promise<string> {
    const base = slugFromTitle(title);
    if (!base || !(await this.sessions.slugTaken(manager, base))) return base;
    const year = /^\d{4}/.exec(startsOn ?? '')?.[0];
    const withYear = year && !base.endsWith(`-${year}`) ? `${base}-${year}` : base;
    if (withYear !== base && !(await this.sessions.slugTaken(manager, withYear))) return withYear;
    for (let counter = 2; ; counter++) {
      const candidate = `${withYear}-${counter}`;
      if (!(await this.sessions.slugTaken(manager, candidate))) return candidate;
    }
  }

  async create(input: CreateSessionDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    // Creating a session needs an organiser grant that is not limited to one session.
    if (
      !canActOnSession(user, 'organiser', 0) ||
      !user.roles.some((g) => g.role === 'admin' || (g.role === 'organiser' && g.sessionId === null))
    ) {
      throw notAllowed('create sessions');
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const values = await this.columnValues(manager, input, undefined);
      const slug = input.slug ?? (await this.derivedSlug(manager, input.title, input.startsOn));
      if (await this.sessions.slugTaken(manager, slug)) {
        throw conflict('slug-taken', `A session with slug ${slug} already exists`, {
          errors: [{ path: 'slug', message: 'is already used by another session' }],
        });
      }
      const newId = await this.sessions.insert(manager, { ...values, slug });
      await this.audit.record(manager, {
        ...actor,
        action: 'session.created',
        entityType: 'training_session',
        entityId: newId,
        after: input,
      });
      return newId;
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async update(id: number, input: UpdateSessionDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    assertOrganiserOf(user, id);
    const before = await this.queries.detail(String(id), ORGANISER_VIEW);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.sessions.lock(manager, id);
      if (!current) throw notFound('Session', id);
      if (current.version !== input.version) {
        throw conflict(
          'stale-version',
          `Session ${id} was changed by someone else (now version ${current.version}); reload and retry`,
          {
            currentVersion: current.version,
          },
        );
      }
      const { version: _version, ...changes } = input;
      if (changes.slug && (await this.sessions.slugTaken(manager, changes.slug, id))) {
        throw conflict('slug-taken', `A session with slug ${changes.slug} already exists`, {
          errors: [{ path: 'slug', message: 'is already used by another session' }],
        });
      }
      const values = await this.columnValues(manager, changes, before);
      if (Object.keys(values).length > 0) await this.sessions.update(manager, id, values);
      await this.audit.record(manager, {
        ...actor,
        action: 'session.updated',
        entityType: 'training_session',
        entityId: id,
        before,
        after: changes,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async changeStatus(id: number, input: ChangeStatusDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    assertOrganiserOf(user, id);
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
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async remove(id: number, user: AuthUser, actor: AuditActor): Promise<void> {
    assertOrganiserOf(user, id);
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

  async replaceOrganisers(
    id: number,
    input: ReplaceOrganisersDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    assertOrganiserOf(user, id);
    await this.withLockedSession(id, async (manager) => {
      const ids = input.organisers.map((organiser) => organiser.organisationId);
      if (new Set(ids).size !== ids.length) {
        throw new RequestValidationException([{ path: 'organisers', message: 'lists an organisation twice' }]);
      }
      await this.requireExisting(manager, 'organisation', ids, (index) => `organisers.${index}.organisationId`);
      await this.sessions.replaceOrganisers(manager, id, input.organisers);
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'session.organisers_replaced',
        entityType: 'training_session',
        entityId: id,
        after: input,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  /** Invite provinces one by one and/or whole regions (expanded to the units in force on the start date). */
  async replaceInvitations(
    id: number,
    input: ReplaceInvitationsDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    assertOrganiserOf(user, id);
    await this.withLockedSession(id, async (manager, startsOn) => {
      const provinceIds = input.provinceIds ?? [];
      const regionIds = input.regionIds ?? [];
      await this.requireExisting(manager, 'province', provinceIds, (index) => `provinceIds.${index}`);
      await this.requireExisting(manager, 'region', regionIds, (index) => `regionIds.${index}`);
      const fromRegions = await this.sessions.provincesOfRegions(manager, regionIds, startsOn);
      const all = [...new Set([...provinceIds, ...fromRegions])];
      const scope = input.scope ?? (regionIds.length > 0 ? 'regions' : all.length > 0 ? 'provinces' : null);
      await this.sessions.replaceInvitations(manager, id, scope, all, regionIds);
      await this.audit.record(manager, {
        ...actor,
        action: 'session.invitations_replaced',
        entityType: 'training_session',
        entityId: id,
        after: { scope, provinceIds: all, regionIds },
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async addBridgePoint(
    id: number,
    input: CreateBridgePointDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    assertOrganiserOf(user, id);
    await this.withLockedSession(id, async (manager) => {
      if (input.provinceId !== undefined)
        await this.requireExisting(manager, 'province', [input.provinceId], () => 'provinceId');
      if (input.organisationId !== undefined) {
        await this.requireExisting(manager, 'organisation', [input.organisationId], () => 'organisationId');
      }
      const pointId = await this.sessions.insertBridgePoint(manager, id, {
        name: input.name,
        provinceId: input.provinceId ?? null,
        organisationId: input.organisationId ?? null,
        abroad: input.abroad ?? false,
        isGroup: input.isGroup ?? false,
      });
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'bridge_point.created',
        entityType: 'bridge_point',
        entityId: pointId,
        after: input,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async removeBridgePoint(id: number, pointId: number, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    assertOrganiserOf(user, id);
    await this.withLockedSession(id, async (manager) => {
      const uses = await this.sessions.bridgePointUse(manager, id, pointId);
      if (uses === undefined) throw notFound('Bridge point', pointId);
      if (uses > 0) {
        throw conflict(
          'still-referenced',
          `Bridge point ${pointId} is still referenced by ${uses} attendance records or headcounts`,
          {
            referencedBy: [{ what: 'attendance records and headcounts', count: uses }],
          },
        );
      }
      await this.sessions.deleteBridgePoint(manager, pointId);
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'bridge_point.deleted',
        entityType: 'bridge_point',
        entityId: pointId,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async addAgendaItem(
    id: number,
    input: CreateAgendaItemDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    assertOrganiserOf(user, id);
    await this.withLockedSession(id, async (manager) => {
      await this.checkAgendaReferences(manager, input);
      const length = await this.sessions.agendaLength(manager, id);
      const position = Math.min(input.position ?? length + 1, length + 1);
      if (position <= length) await this.sessions.shiftPositions(manager, id, position, 1);
      const itemId = await this.sessions.insertAgendaItem(manager, id, {
        position,
        kind: input.kind,
        title: input.title,
        summary: input.summary ?? null,
        startsAt: input.startsAt ?? null,
        endsAt: input.endsAt ?? null,
      });
      await this.sessions.replacePresenters(manager, itemId, input.presenters ?? []);
      await this.sessions.replaceItemDocuments(manager, itemId, input.documentIds ?? []);
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'agenda_item.created',
        entityType: 'agenda_item',
        entityId: itemId,
        after: input,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async updateAgendaItem(
    id: number,
    itemId: number,
    input: UpdateAgendaItemDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    assertOrganiserOf(user, id);
    await this.withLockedSession(id, async (manager) => {
      const item = await this.sessions.agendaItem(manager, id, itemId);
      if (!item) throw notFound('Agenda item', itemId);
      await this.checkAgendaReferences(manager, input);
      const values: Record<string, unknown> = {};
      if (input.kind !== undefined) values.kind = input.kind;
      if (input.title !== undefined) values.title = input.title;
      if (input.summary !== undefined) values.summary = input.summary;
      if (input.startsAt !== undefined) values.starts_at = input.startsAt;
      if (input.endsAt !== undefined) values.ends_at = input.endsAt;
      // null means "leave as is" for the position and "none" for the lists below.
      if (input.position != null && input.position !== item.position) {
        const length = await this.sessions.agendaLength(manager, id);
        const target = Math.min(input.position, length);
        await this.sessions.shiftPositions(manager, id, item.position + 1, -1);
        await this.sessions.shiftPositions(manager, id, target, 1);
        values.position = target;
      }
      await this.sessions.updateAgendaItem(manager, itemId, values);
      if (input.presenters !== undefined)
        await this.sessions.replacePresenters(manager, itemId, input.presenters ?? []);
      if (input.documentIds !== undefined) {
        await this.sessions.replaceItemDocuments(manager, itemId, input.documentIds ?? []);
      }
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'agenda_item.updated',
        entityType: 'agenda_item',
        entityId: itemId,
        after: input,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async removeAgendaItem(id: number, itemId: number, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    assertOrganiserOf(user, id);
    await this.withLockedSession(id, async (manager) => {
      const item = await this.sessions.agendaItem(manager, id, itemId);
      if (!item) throw notFound('Agenda item', itemId);
      await this.sessions.deleteAgendaItem(manager, itemId);
      await this.sessions.shiftPositions(manager, id, item.position + 1, -1);
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'agenda_item.deleted',
        entityType: 'agenda_item',
        entityId: itemId,
        before: item,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  private async withLockedSession(id: number, work: (manager: EntityManager, startsOn: string) => Promise<void>) {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.sessions.lock(manager, id);
      if (!current) throw notFound('Session', id);
      await work(manager, current.starts_on);
    });
  }

  private async checkAgendaReferences(manager: EntityManager, input: UpdateAgendaItemDto) {
    const presenters = input.presenters ?? [];
    const badPresenter = presenters.findIndex(
      (presenter) => (presenter.personId === undefined) === (presenter.organisationId === undefined),
    );
    if (badPresenter >= 0) {
      throw new RequestValidationException([
        { path: `presenters.${badPresenter}`, message: 'needs exactly one of personId or organisationId' },
      ]);
    }
    if (input.startsAt && input.endsAt && input.endsAt < input.startsAt) {
      throw new RequestValidationException([{ path: 'endsAt', message: 'must not be before startsAt' }]);
    }
    const personIds = presenters.map((p) => p.personId).filter((v): v is number => v !== undefined);
    const organisationIds = presenters.map((p) => p.organisationId).filter((v): v is number => v !== undefined);
    await this.requireExisting(
      manager,
      'person',
      personIds,
      (index) => `presenters.${presenters.findIndex((p) => p.personId === personIds[index])}.personId`,
    );
    await this.requireExisting(
      manager,
      'organisation',
      organisationIds,
      (index) =>
        `presenters.${presenters.findIndex((p) => p.organisationId === organisationIds[index])}.organisationId`,
    );
    await this.requireExisting(manager, 'document', input.documentIds ?? [], (index) => `documentIds.${index}`);
  }

  /** A reference to a row that does not exist is a field error (400), not a database error. */
  private async requireExisting(
    manager: EntityManager,
    table: 'province' | 'region' | 'organisation' | 'person' | 'document',
    ids: number[],
    pathOf: (index: number) => string,
  ) {
    const missing = new Set(await this.sessions.missing(manager, table, ids));
    if (missing.size === 0) return;
    throw new RequestValidationException(
      ids.flatMap((value, index) =>
        missing.has(value) ? [{ path: pathOf(index), message: `${table} ${value} does not exist` }] : [],
      ),
    );
  }

  /** Turns DTO fields into columns, filling the date span from the precision and checking references. */
  private async columnValues(
    manager: EntityManager,
    input: Partial<CreateSessionDto>,
    before: SessionDetailDto | undefined,
  ): Promise<SessionColumnValues> {
    const values: SessionColumnValues = {};
    for (const [field, column] of Object.entries(SESSION_WRITABLE_COLUMNS)) {
      const value = (input as Record<string, unknown>)[field];
      if (value !== undefined) values[column] = value;
    }
    if (input.hostProvinceId !== undefined) {
      await this.requireExisting(manager, 'province', [input.hostProvinceId], () => 'hostProvinceId');
    }
    if (input.startsOn !== undefined || input.precision !== undefined || input.endsOn !== undefined) {
      const precision =
        input.precision ?? (before?.schedule.precision as 'day' | 'month' | 'year' | undefined) ?? 'day';
      const startsOn = input.startsOn ?? before!.schedule.startsOn;
      const span = spanForPrecision(startsOn, precision);
      const endsOn =
        input.endsOn ??
        (precision === 'day' ? (before && !input.startsOn ? before.schedule.endsOn : startsOn) : span.endsOn);
      if (endsOn < (precision === 'day' ? startsOn : span.startsOn)) {
        throw new RequestValidationException([{ path: 'endsOn', message: 'must not be before startsOn' }]);
      }
      values.starts_on = precision === 'day' ? startsOn : span.startsOn;
      values.ends_on = endsOn;
      values.date_precision = precision;
    }
    if (values.slug === undefined) delete values.slug;
    return values;
  }
}
