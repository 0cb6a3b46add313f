import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser } from '@app/accounts';
import {
  conflict,
  FieldError,
  notFound,
  Page,
  ProblemException,
  RequestValidationException,
  toPage,
} from '@app/common';
import {
  CreateRegistrationDto,
  RegistrationDto,
  RegistrationListQuery,
  RegistrationSettingsDto,
  RegistrationSettingsResponse,
  UpdateRegistrationDto,
} from './dto/registration.dto';
import { BulkRowError, bulkProblem } from './bulk/bulk-registration';
import { accessFor, canSeeRow, forbidden, RegistrationAccess } from './registration-access';
import { mapRegistration, mapSettings } from './registration.mapper';
import { NewRegistration, RegistrationRepository, RegistrationRow } from './registration.repository';
import {
  CAN_APPROVE,
  CAN_REJECT,
  CAN_WITHDRAW,
  normaliseEmail,
  normalisePhone,
  personKey,
  phoneForStorage,
  RegistrationStatus,
  uninvitedQuotaError,
  windowIsOpen,
} from './registration.rules';

const newCheckInCode = () => randomBytes(16).toString('base64url');

const DUPLICATE_INDEXES = ['registration_same_person_phone', 'registration_same_person_email'];

/**
 * Registration rules: windows, per-province quotas and total capacity, moderation, the
 * waitlist with promotion, duplicate people, and who may touch which province's people.
 * Every use case is one transaction; every change is audited in it.
 */
@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registrations: RegistrationRepository,
    private readonly audit: AuditLogWriter,
  ) {}

  async configure(
    sessionId: number,
    input: RegistrationSettingsDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<RegistrationSettingsResponse> {
    this.requireManage(user, sessionId);
    if (new Date(input.closesAt) <= new Date(input.opensAt)) {
      throw new RequestValidationException([{ path: 'closesAt', message: 'must be after opensAt' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const session = await this.registrations.lockSession(manager, sessionId);
      if (!session) throw notFound('Session', sessionId);
      const invited = new Set(await this.registrations.invitedProvinceIds(manager, sessionId));
      const outsiders = input.quotas.filter((quota) => !invited.has(quota.provinceId));
      const succession = new Map(
        (
          await this.registrations.provinceSuccession(
            manager,
            outsiders.map((quota) => quota.provinceId),
          )
        ).map((row) => [row.id, row]),
      );
      const errors: FieldError[] = input.quotas.flatMap((quota, index) =>
        invited.has(quota.provinceId)
          ? []
          : [uninvitedQuotaError(`quotas.${index}.provinceId`, quota.provinceId, succession.get(quota.provinceId))],
      );
      const seen = new Set<number>();
      input.quotas.forEach((quota, index) => {
        if (seen.has(quota.provinceId)) errors.push({ path: `quotas.${index}.provinceId`, message: 'is listed twice' });
        seen.add(quota.provinceId);
      });
      if (errors.length > 0) throw new RequestValidationException(errors);
      const before = await this.settingsView(manager, sessionId, session.status);
      const confirmed = await this.registrations.confirmedCount(manager, sessionId);
      if (input.capacity !== undefined && input.capacity < confirmed) {
        throw conflict(
          'capacity-below-confirmed',
          `${confirmed} places are already confirmed; capacity cannot be ${input.capacity}`,
          {
            errors: [{ path: 'capacity', message: `must be at least ${confirmed}` }],
          },
        );
      }
      await this.registrations.upsertSettings(manager, sessionId, {
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        capacity: input.capacity ?? null,
        moderated: input.moderated,
      });
      const current = await this.registrations.quotas(manager, sessionId);
      const kept = new Set(input.quotas.map((quota) => quota.provinceId));
      // Leaving a province out removes its quota, unless people of it already hold places.
      const dropped = current.filter((quota) => !kept.has(quota.province_id));
      const holding = dropped.filter((quota) => quota.confirmed_count > 0);
      if (holding.length > 0) {
        throw conflict(
          'quota-has-confirmed',
          `${holding.map((q) => `${q.province_name} has ${q.confirmed_count} confirmed place(s)`).join('; ')}: keep its quota, or withdraw or reject those registrations first`,
          {
            provinces: holding.map((q) => ({
              provinceId: q.province_id,
              provinceName: q.province_name,
              confirmed: q.confirmed_count,
            })),
            errors: [{ path: 'quotas', message: `must keep ${holding.map((q) => q.province_name).join(', ')}` }],
          },
        );
      }
      const used = new Map(current.map((q) => [q.province_id, q.confirmed_count]));
      for (const [index, quota] of input.quotas.entries()) {
        const confirmedHere = used.get(quota.provinceId) ?? 0;
        if (quota.quota < confirmedHere) {
          throw conflict(
            'quota-below-confirmed',
            `Province ${quota.provinceId} already has ${confirmedHere} confirmed places`,
            {
              errors: [{ path: `quotas.${index}.quota`, message: `must be at least ${confirmedHere}` }],
            },
          );
        }
        await this.registrations.setQuota(manager, sessionId, quota.provinceId, quota.quota);
      }
      await this.registrations.removeQuotas(
        manager,
        sessionId,
        dropped.map((quota) => quota.province_id),
      );
      // Places added by a raised quota or capacity go to the waitlist at once, oldest first.
      while (await this.promoteOldestWaitlisted(manager, sessionId, actor));
      const after = await this.settingsView(manager, sessionId, session.status);
      await this.audit.record(manager, {
        ...actor,
        action: 'registration_settings.updated',
        entityType: 'training_session',
        entityId: sessionId,
        before,
        after,
      });
      return after!;
    });
  }

  async settings(sessionId: number, user: AuthUser): Promise<RegistrationSettingsResponse> {
    const access = accessFor(user, sessionId);
    if (!access) throw forbidden('Only organisers, coordinators and province delegates see registration settings.');
    return this.dataSource.transaction(async (manager) => {
      const session = await this.registrations.lockSession(manager, sessionId);
      if (!session) throw notFound('Session', sessionId);
      const view = await this.settingsView(manager, sessionId, session.status);
      if (!view) throw notFound('Registration settings of session', sessionId);
      // A delegate sees the session's terms and their own province's quota only.
      if (access.kind === 'delegate')
        view.quotas = view.quotas.filter((quota) => quota.provinceId === access.provinceId);
      return view;
    });
  }

  async register(
    sessionId: number,
    input: CreateRegistrationDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<RegistrationDto> {
    const access = accessFor(user, sessionId);
    if (access?.kind !== 'delegate') throw forbidden('Registrations are made by the province delegates.');
    const [created] = await this.registerMany(sessionId, access.provinceId, [input], user, actor);
    return created;
  }

  /** Registers people of one province, all or none; used by the form and by bulk upload. */
  async registerMany(
    sessionId: number,
    provinceId: number,
    inputs: CreateRegistrationDto[],
    user: AuthUser,
    actor: AuditActor,
    mode: 'single' | 'bulk' = 'single',
    rowNumbers: number[] = [],
  ): Promise<RegistrationDto[]> {
    return this.translateDuplicate(() =>
      this.dataSource.transaction(async (manager) => {
        const settings = await this.openWindow(manager, sessionId);
        if (!(await this.registrations.isInvited(manager, sessionId, provinceId))) {
          throw forbidden('Your province is not invited to this session.');
        }
        const candidates = inputs.map((input) => this.toNewRegistration(sessionId, provinceId, input, user.id));
        const rowErrors: BulkRowError[] = [];
        for (const [index, candidate] of candidates.entries()) {
          const duplicate = await this.registrations.findSamePerson(
            manager,
            sessionId,
            candidate.nameFolded,
            candidate.phoneNormalised,
            candidate.emailNormalised,
          );
          if (!duplicate) continue;
          if (mode === 'single')
            throw this.duplicateProblem(Number(duplicate.id), duplicate.province_id === provinceId);
          rowErrors.push({
            row: rowNumbers[index] ?? index + 1,
            column: 'Họ và tên',
            message: 'this person is already registered for this session',
            key: 'already-registered',
          });
        }
        if (rowErrors.length > 0) throw bulkProblem(rowErrors);
        const ids: number[] = [];
        for (const [index, candidate] of candidates.entries()) {
          const id = await this.registrations.insert(manager, candidate, 'pending');
          const status = settings.moderated
            ? 'pending'
            : await this.confirmOrWaitlist(manager, id, sessionId, provinceId);
          await this.audit.record(manager, {
            ...actor,
            action: mode === 'bulk' ? 'registration.created_by_upload' : 'registration.created',
            entityType: 'registration',
            entityId: id,
            after: { ...inputs[index], status },
          });
          ids.push(id);
        }
        return (await this.registrations.findMany(manager, ids)).map((row) => mapRegistration(row, true));
      }),
    );
  }

  async list(sessionId: number, query: RegistrationListQuery, user: AuthUser): Promise<Page<RegistrationDto>> {
    const access = this.requireAccess(user, sessionId);
    const provinceId = access.kind === 'delegate' ? access.provinceId : query.province;
    const { rows, total } = await this.registrations.list(this.dataSource.manager, sessionId, {
      provinceId,
      status: query.status,
      sort: query.sort,
      limit: query.limit,
      offset: query.offset,
    });
    return toPage(
      rows.map((row) => mapRegistration(row, true)),
      total,
      query,
    );
  }

  async get(id: number, user: AuthUser): Promise<RegistrationDto> {
    const row = await this.registrations.find(this.dataSource.manager, id);
    if (!row) throw notFound('Registration', id);
    const access = accessFor(user, Number(row.session_id));
    if (!access || !canSeeRow(access, row.province_id)) throw notFound('Registration', id);
    return mapRegistration(row, true);
  }

  async update(id: number, input: UpdateRegistrationDto, user: AuthUser, actor: AuditActor): Promise<RegistrationDto> {
    return this.translateDuplicate(() =>
      this.dataSource.transaction(async (manager) => {
        const row = await this.lockVisible(manager, id, user, ['manage', 'delegate']);
        await this.openWindow(manager, Number(row.session_id));
        if (row.version !== input.version) {
          throw conflict('stale-version', `Registration ${id} was changed meanwhile (now version ${row.version})`, {
            currentVersion: row.version,
          });
        }
        if (row.status === 'withdrawn' || row.status === 'rejected') {
          throw conflict('registration-closed', `A ${row.status} registration cannot be edited`, {
            registrationStatus: row.status,
          });
        }
        const merged = {
          fullName: input.fullName ?? row.full_name,
          gender: input.gender ?? row.gender ?? undefined,
          position: input.position ?? row.position ?? undefined,
          agency: input.agency ?? row.agency,
          phone: input.phone ?? row.phone ?? undefined,
          email: input.email ?? row.email ?? undefined,
        };
        const candidate = this.toNewRegistration(Number(row.session_id), row.province_id, merged, user.id);
        const duplicate = await this.registrations.findSamePerson(
          manager,
          Number(row.session_id),
          candidate.nameFolded,
          candidate.phoneNormalised,
          candidate.emailNormalised,
          id,
        );
        if (duplicate) throw this.duplicateProblem(Number(duplicate.id), duplicate.province_id === row.province_id);
        // A different person in the place (substitution): the old QR must not admit anyone any
        // more. Issue a new code and keep the old one as retired, so a scan of it says so.
        const substituted = row.check_in_code !== null && candidate.nameFolded !== personKey(row.full_name);
        if (substituted) await this.registrations.retireCheckInCode(manager, id, row.check_in_code!, 'substituted');
        await this.registrations.update(manager, id, {
          ...(substituted ? { check_in_code: newCheckInCode() } : {}),
          full_name: candidate.fullName,
          name_folded: candidate.nameFolded,
          gender: candidate.gender,
          position: candidate.position,
          agency: candidate.agency,
          phone: candidate.phone,
          phone_normalised: candidate.phoneNormalised,
          email: candidate.email,
          email_normalised: candidate.emailNormalised,
        });
        const after = await this.registrations.find(manager, id);
        await this.audit.record(manager, {
          ...actor,
          action: 'registration.updated',
          entityType: 'registration',
          entityId: id,
          before: mapRegistration(row, true),
          after: mapRegistration(after!, true),
        });
        return mapRegistration(after!, true);
      }),
    );
  }

  withdraw(id: number, reason: string | undefined, user: AuthUser, actor: AuditActor): Promise<RegistrationDto> {
    return this.transition(id, user, actor, ['manage', 'delegate'], CAN_WITHDRAW, 'withdrawn', reason ?? null, true);
  }

  reject(id: number, reason: string, user: AuthUser, actor: AuditActor): Promise<RegistrationDto> {
    return this.transition(id, user, actor, ['manage'], CAN_REJECT, 'rejected', reason, false);
  }

  /** Approval takes a place if one is free; otherwise the person joins the waitlist. */
  async approve(id: number, user: AuthUser, actor: AuditActor): Promise<RegistrationDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockVisible(manager, id, user, ['manage']);
      this.requireFrom(row, CAN_APPROVE);
      const sessionId = Number(row.session_id);
      const status = await this.confirmOrWaitlist(manager, id, sessionId, row.province_id);
      if (row.status === 'waitlisted' && status === 'waitlisted') {
        throw conflict(
          'no-place',
          `No place is free for province ${row.province_name}; the registration stays waitlisted`,
        );
      }
      return this.finish(manager, id, row, actor, 'registration.approved');
    });
  }

  async auditTrail(id: number, user: AuthUser) {
    const row = await this.registrations.find(this.dataSource.manager, id);
    if (!row || accessFor(user, Number(row.session_id))?.kind !== 'manage') throw notFound('Registration', id);
    const entries: { at: Date; actor_user_id: string | null; action: string; before: unknown; after: unknown }[] =
      await this.registrations.auditTrail(this.dataSource.manager, id);
    return entries.map((entry) => ({
      at: entry.at.toISOString(),
      actorUserId: entry.actor_user_id === null ? null : Number(entry.actor_user_id),
      action: entry.action,
      before: entry.before,
      after: entry.after,
    }));
  }

  private async transition(
    id: number,
    user: AuthUser,
    actor: AuditActor,
    allowed: RegistrationAccess['kind'][],
    from: readonly RegistrationStatus[],
    to: 'withdrawn' | 'rejected',
    reason: string | null,
    requireOpenWindowForDelegate: boolean,
  ): Promise<RegistrationDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockVisible(manager, id, user, allowed);
      const sessionId = Number(row.session_id);
      if (requireOpenWindowForDelegate && accessFor(user, sessionId)?.kind === 'delegate') {
        await this.openWindow(manager, sessionId);
      }
      this.requireFrom(row, from);
      await this.registrations.setStatus(manager, id, to, reason);
      if (row.status === 'confirmed') {
        await this.registrations.releasePlace(manager, sessionId, row.province_id);
        await this.promoteNext(manager, sessionId, row.province_id, actor);
      }
      return this.finish(manager, id, row, actor, `registration.${to}`);
    });
  }

  /** The longest-waiting person of any province with a free place takes it; false when nobody can. */
  private async promoteOldestWaitlisted(manager: EntityManager, sessionId: number, actor: AuditActor) {
    const next = await this.registrations.oldestPromotable(manager, sessionId);
    if (!next) return false;
    if (!(await this.registrations.takePlace(manager, sessionId, next.provinceId))) return false;
    await this.registrations.setStatus(manager, next.id, 'confirmed', 'promoted from the waitlist', newCheckInCode());
    await this.audit.record(manager, {
      ...actor,
      action: 'registration.promoted',
      entityType: 'registration',
      entityId: next.id,
      before: { status: 'waitlisted' },
      after: { status: 'confirmed' },
    });
    return true;
  }

  /** The freed place goes to the province's first waitlisted person, in the same transaction. */
  private async promoteNext(manager: EntityManager, sessionId: number, provinceId: number, actor: AuditActor) {
    const next = await this.registrations.firstWaitlisted(manager, sessionId, provinceId);
    if (next === undefined) return;
    if (!(await this.registrations.takePlace(manager, sessionId, provinceId))) return;
    await this.registrations.setStatus(manager, next, 'confirmed', 'promoted from the waitlist', newCheckInCode());
    await this.audit.record(manager, {
      ...actor,
      action: 'registration.promoted',
      entityType: 'registration',
      entityId: next,
      before: { status: 'waitlisted' },
      after: { status: 'confirmed' },
    });
  }

  private async confirmOrWaitlist(
    manager: EntityManager,
    id: number,
    sessionId: number,
    provinceId: number,
  ): Promise<'confirmed' | 'waitlisted'> {
    if (await this.registrations.takePlace(manager, sessionId, provinceId)) {
      await this.registrations.setStatus(manager, id, 'confirmed', null, newCheckInCode());
      return 'confirmed';
    }
    await this.registrations.setStatus(manager, id, 'waitlisted', 'no place left in the quota or capacity');
    return 'waitlisted';
  }

  private async finish(manager: EntityManager, id: number, before: RegistrationRow, actor: AuditActor, action: string) {
    const after = (await this.registrations.find(manager, id))!;
    await this.audit.record(manager, {
      ...actor,
      action,
      entityType: 'registration',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, reason: after.status_reason },
    });
    return mapRegistration(after, true);
  }

  private async openWindow(manager: EntityManager, sessionId: number) {
    const session = await this.registrations.lockSession(manager, sessionId);
    if (!session) throw notFound('Session', sessionId);
    const settings = await this.registrations.settings(manager, sessionId);
    if (!windowIsOpen(session.status, settings)) {
      throw conflict('registration-closed', 'Registration for this session is not open', {
        sessionStatus: session.status,
        opensAt: settings?.opens_at ?? null,
        closesAt: settings?.closes_at ?? null,
      });
    }
    return settings!;
  }

  private async lockVisible(manager: EntityManager, id: number, user: AuthUser, allowed: RegistrationAccess['kind'][]) {
    const row = await this.registrations.find(manager, id, true);
    if (!row) throw notFound('Registration', id);
    const access = accessFor(user, Number(row.session_id));
    if (!access || !canSeeRow(access, row.province_id)) throw notFound('Registration', id);
    if (!allowed.includes(access.kind)) throw forbidden('Your role cannot change this registration.');
    return row;
  }

  private requireFrom(row: RegistrationRow, from: readonly RegistrationStatus[]) {
    if (!from.includes(row.status as RegistrationStatus)) {
      throw conflict('illegal-transition', `A ${row.status} registration cannot do that`, {
        registrationStatus: row.status,
        allowedFrom: from,
      });
    }
  }

  private requireManage(user: AuthUser, sessionId: number) {
    if (accessFor(user, sessionId)?.kind !== 'manage')
      throw forbidden('Only organisers of this session change its registration settings.');
  }

  private requireAccess(user: AuthUser, sessionId: number): RegistrationAccess {
    const access = accessFor(user, sessionId);
    if (!access) throw forbidden('Only organisers, coordinators and province delegates see registrations.');
    return access;
  }

  private async settingsView(manager: EntityManager, sessionId: number, sessionStatus: string) {
    const settings = await this.registrations.settings(manager, sessionId);
    if (!settings) return undefined;
    return mapSettings(
      settings,
      await this.registrations.quotas(manager, sessionId),
      windowIsOpen(sessionStatus, settings),
    );
  }

  private toNewRegistration(
    sessionId: number,
    provinceId: number,
    input: CreateRegistrationDto,
    createdBy: number,
  ): NewRegistration {
    const phoneNormalised = normalisePhone(input.phone);
    const emailNormalised = normaliseEmail(input.email);
    if (!phoneNormalised && !emailNormalised) {
      throw new RequestValidationException([
        { path: 'phone', message: 'phone or email is required', key: 'phone-or-email' },
      ]);
    }
    return {
      sessionId,
      provinceId,
      fullName: input.fullName,
      nameFolded: personKey(input.fullName),
      gender: input.gender ?? null,
      position: input.position ?? null,
      agency: input.agency,
      phone: phoneForStorage(input.phone),
      phoneNormalised,
      email: input.email ?? null,
      emailNormalised,
      createdBy,
    };
  }

  private duplicateProblem(existingId: number, sameProvince: boolean) {
    return conflict(
      'duplicate-person',
      sameProvince
        ? `This person already holds registration ${existingId} for this session`
        : 'This person is already registered for this session by another province',
      {
        existingRegistrationId: sameProvince ? existingId : null,
        errors: [{ path: 'fullName', message: 'is already registered' }],
      },
    );
  }

  /** The unique indexes are the last word on duplicates (two requests racing past the check). */
  private async translateDuplicate<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const constraint = (error as QueryFailedError & { driverError?: { constraint?: string } }).driverError
        ?.constraint;
      if (error instanceof QueryFailedError && constraint && DUPLICATE_INDEXES.includes(constraint)) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'duplicate-person',
          'This person is already registered for this session',
        );
      }
      throw error;
    }
  }
}
