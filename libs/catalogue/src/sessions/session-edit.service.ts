import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditActor,
  AuditLogWriter,
  AuditTrail,
  AuthUser,
  hasUnscopedRole,
  organiserOrganisationIds,
  requireAccess,
} from '@app/accounts';
import { conflict, forbidden, notFound, RequestValidationException, slugOf } from '@app/common';
import { SessionChangeMail } from '@app/notifications';
import {
  CLEARABLE_SESSION_FIELDS,
  CreateSessionDto,
  UpdateSessionDto,
  type SessionChanges,
} from './dto/session-write.dto';
import { SessionDetailDto } from './dto/session.response';
import { SESSION_WRITABLE_COLUMNS, SessionColumnValues, SessionWriteRepository } from './session-write.repository';
import { CitationWriter } from '../citations/citation.writer';
import { scheduleColumns } from './schedule.rules';
import { changedAspects } from './session-aspects';
import { SessionQueryService } from './session.service';
import { holdSlug } from '../shared/slug-lock';
import { ORGANISER_VIEW, requireExisting } from './session-write-support';

/**
 * Creating a session and editing its own fields (title, kind, dates with their precision,
 * venue, host, slug). Each use case is one transaction that locks the session row, applies
 * the rules, writes, records the audit entry and commits; the answer is the session as it
 * now reads.
 */
@Injectable()
export class SessionEditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionWriteRepository,
    private readonly queries: SessionQueryService,
    private readonly audit: AuditLogWriter,
    private readonly trail: AuditTrail,
    private readonly citations: CitationWriter,
    private readonly changeMail: SessionChangeMail,
  ) {}

  async create(input: CreateSessionDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    const id = await this.dataSource.transaction((manager) => this.createIn(manager, input, user, actor));
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  /**
   * `create` on the caller's transaction (an accepted import writes its source, the session and
   * its facts together); answers the new draft's id. `audited` is what the audit entry records
   * besides the input (how an import review changed the proposal).
   */
  async createIn(
    manager: EntityManager,
    input: CreateSessionDto,
    user: AuthUser,
    actor: AuditActor,
    audited: Record<string, unknown> = {},
  ): Promise<number> {
    // Creating a session needs an organiser grant for every session, or one bound to an
    // organisation: that organisation then leads the new session (so its organiser runs it);
    // a grant limited to one session is not enough.
    const boundTo = hasUnscopedRole(user, ['organiser']) ? undefined : organiserOrganisationIds(user)[0];
    if (!hasUnscopedRole(user, ['organiser']) && boundTo === undefined) {
      throw forbidden('Your organiser role does not allow you to create sessions.');
    }
    const values = await this.columnValues(manager, input, undefined);
    const cited = await this.citations.check(manager, input.citations);
    if (input.slug) await holdSlug(manager, 'training_session', input.slug);
    const slug = input.slug ?? (await this.derivedSlug(manager, input.title, input.startsOn));
    if (await this.sessions.slugTaken(manager, slug)) {
      throw conflict('slug-taken', `A session with slug ${slug} already exists`, {
        errors: [{ path: 'slug', message: 'is already used by another session' }],
      });
    }
    const newId = await this.sessions.insert(manager, { ...values, slug });
    const organisers = boundTo === undefined ? [] : [{ organisationId: boundTo, role: 'lead' }];
    if (organisers.length > 0) await this.sessions.replaceOrganisers(manager, newId, organisers);
    await this.citations.add(manager, newId, 'training_session', newId, cited);
    await this.audit.record(manager, {
      ...actor,
      action: 'session.created',
      entityType: 'training_session',
      entityId: newId,
      after: { ...input, ...(organisers.length > 0 ? { organisers } : {}), ...audited },
    });
    return newId;
  }

  async update(id: number, input: UpdateSessionDto, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    requireAccess(user, { session: id, action: 'session.change' });
    const before = await this.queries.detail(String(id), ORGANISER_VIEW);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.sessions.lock(manager, id);
      if (!current) throw notFound('Session', id);
      if (current.version !== input.version) {
        // Who moved it on, so the person whose save went stale knows whom to ask.
        const last = await this.trail.lastChange(manager, 'training_session', id);
        throw conflict(
          'stale-version',
          `Session ${id} was changed by someone else (now version ${current.version}); reload and retry`,
          {
            currentVersion: current.version,
            lastChange: last && { by: last.by, at: last.at.toISOString() },
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
      const cited = await this.citations.check(manager, changes.citations);
      if (Object.keys(values).length > 0) await this.sessions.update(manager, id, values);
      await this.citations.retire(manager, 'training_session', [id], changedAspects(changes, before));
      await this.citations.add(manager, id, 'training_session', id, cited);
      await this.audit.record(manager, {
        ...actor,
        action: 'session.updated',
        entityType: 'training_session',
        entityId: id,
        before,
        after: changes,
      });
      // People registered for a published session hear of new dates or a new venue.
      await this.changeMail.edited(manager, id, {
        startsOn: before.schedule.startsOn,
        endsOn: before.schedule.endsOn,
        venueName: before.venueName ?? null,
        venueAddress: before.venueAddress ?? null,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  /**
   * A slug nobody holds, from the title: yearly trainings repeat their titles, so a taken one
   * gets the session's year, then a counter (`…-2027`, `…-2027-2`). A slug the organiser chose
   * is theirs: a taken one is refused instead.
   */
  private async derivedSlug(manager: EntityManager, title: string, startsOn: string | undefined): Promise<string> {
    const base = slugOf(title);
    if (base) await holdSlug(manager, 'training_session', base);
    if (!base || !(await this.sessions.slugTaken(manager, base))) return base;
    const year = /^\d{4}/.exec(startsOn ?? '')?.[0];
    const withYear = year && !base.endsWith(`-${year}`) ? `${base}-${year}` : base;
    if (withYear !== base && !(await this.sessions.slugTaken(manager, withYear))) return withYear;
    for (let counter = 2; ; counter++) {
      const candidate = `${withYear}-${counter}`;
      if (!(await this.sessions.slugTaken(manager, candidate))) return candidate;
    }
  }

  /** Turns DTO fields into columns, filling the date span from the precision and checking references. */
  private async columnValues(
    manager: EntityManager,
    input: Partial<CreateSessionDto> | SessionChanges,
    before: SessionDetailDto | undefined,
  ): Promise<SessionColumnValues> {
    const values: SessionColumnValues = {};
    const refused = Object.entries(input)
      .filter(([field, value]) => value === null && !(CLEARABLE_SESSION_FIELDS as readonly string[]).includes(field))
      .map(([field]) => ({ path: field, key: 'not-clearable', message: 'cannot be cleared: leave it out to keep it' }));
    if (refused.length > 0) throw new RequestValidationException(refused);
    for (const [field, column] of Object.entries(SESSION_WRITABLE_COLUMNS)) {
      const value = (input as Record<string, unknown>)[field];
      if (value !== undefined) values[column] = value;
    }
    if (input.hostProvinceId != null) {
      await requireExisting(this.sessions, manager, 'province', [input.hostProvinceId], () => 'hostProvinceId');
    }
    const schedule = scheduleColumns(input, before?.schedule);
    if (schedule.errors.length > 0) throw new RequestValidationException(schedule.errors);
    Object.assign(values, schedule.values);
    if (values.slug === undefined) delete values.slug;
    return values;
  }
}
