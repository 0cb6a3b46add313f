import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, requireAccess } from '@app/accounts';
import { RegistrationMail } from '@app/notifications';
import { conflict, forbidden, notFound, Page, ProblemException, RequestValidationException, toPage } from '@app/common';
import {
  CreateRegistrationDto,
  RegistrationDto,
  RegistrationListQuery,
  UpdateRegistrationDto,
} from './dto/registration.dto';
import { BulkRowError, bulkProblem } from './bulk/bulk-registration';
import { lockVisible, requireOpenWindow } from './registration-guards';
import { mapRegistration } from './registration.mapper';
import { NewRegistration, RegistrationRepository } from './registration.repository';
import { normaliseEmail, normalisePhone, personKey, phoneForStorage } from './registration.rules';
import { newCheckInCode, WaitlistService } from './waitlist.service';

const DUPLICATE_INDEXES = ['registration_same_person_phone', 'registration_same_person_email'];

/**
 * Registering people (the form, bulk upload), correcting or substituting them, and reading
 * registrations: duplicates of a person are refused, a province sees only its own people.
 * Every use case is one transaction; every change is audited in it.
 */
@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registrations: RegistrationRepository,
    private readonly waitlist: WaitlistService,
    private readonly audit: AuditLogWriter,
    private readonly mail: RegistrationMail,
  ) {}

  async register(
    sessionId: number,
    input: CreateRegistrationDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<RegistrationDto> {
    const access = requireAccess(user, { session: sessionId, action: 'registration.register' });
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
        const { settings, invited } = await requireOpenWindow(this.registrations, manager, sessionId, provinceId);
        if (!invited) throw forbidden('Your province is not invited to this session.');
        const candidates = inputs.map((input) => this.toNewRegistration(sessionId, provinceId, input, user.id));
        // Each person is written unless already registered (one statement each). An upload goes on
        // past a duplicate to name every such row, then writes nothing: the transaction is undone.
        const rowErrors: BulkRowError[] = [];
        const ids: number[] = [];
        for (const [index, candidate] of candidates.entries()) {
          const written = await this.registrations.insertUnlessSamePerson(manager, candidate);
          if ('id' in written) {
            ids.push(written.id);
            continue;
          }
          const { samePerson } = written;
          if (mode === 'single') throw this.duplicateProblem(samePerson.id, samePerson.provinceId === provinceId);
          rowErrors.push({
            row: rowNumbers[index] ?? index + 1,
            column: 'Họ và tên',
            message: 'this person is already registered for this session',
            key: 'already-registered',
          });
        }
        if (rowErrors.length > 0) throw bulkProblem(rowErrors);
        // Places last: the session's capacity row, locked by every taker, is held for as short as can be.
        for (const [index, id] of ids.entries()) {
          const status = settings.moderated
            ? 'pending'
            : await this.waitlist.confirmOrWaitlist(manager, id, sessionId, provinceId);
          await this.audit.record(manager, {
            ...actor,
            action: mode === 'bulk' ? 'registration.created_by_upload' : 'registration.created',
            entityType: 'registration',
            entityId: id,
            after: { ...inputs[index], status },
          });
        }
        await this.mail.registered(manager, ids, mode, actor.actorUserId);
        return (await this.registrations.findMany(manager, ids)).map(mapRegistration);
      }),
    );
  }

  async list(sessionId: number, query: RegistrationListQuery, user: AuthUser): Promise<Page<RegistrationDto>> {
    const access = requireAccess(user, { session: sessionId, action: 'registration.list' });
    const provinceId = access.kind === 'delegate' ? access.provinceId : query.province;
    const { rows, total } = await this.registrations.list(this.dataSource.manager, sessionId, {
      provinceId,
      status: query.status,
      q: query.q,
      sort: query.sort,
      limit: query.limit,
      offset: query.offset,
    });
    return toPage(rows.map(mapRegistration), total, query);
  }

  async get(id: number, user: AuthUser): Promise<RegistrationDto> {
    const row = await this.registrations.find(this.dataSource.manager, id);
    if (!row) throw notFound('Registration', id);
    requireAccess(user, {
      session: row.session_id,
      action: 'registration.read',
      province: row.province_id,
      resource: { what: 'Registration', id },
    });
    return mapRegistration(row);
  }

  async update(id: number, input: UpdateRegistrationDto, user: AuthUser, actor: AuditActor): Promise<RegistrationDto> {
    return this.translateDuplicate(() =>
      this.dataSource.transaction(async (manager) => {
        const row = await lockVisible(this.registrations, manager, id, user, 'registration.change');
        await requireOpenWindow(this.registrations, manager, Number(row.session_id));
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
          before: mapRegistration(row),
          after: mapRegistration(after!),
        });
        return mapRegistration(after!);
      }),
    );
  }

  async auditTrail(id: number, user: AuthUser) {
    const row = await this.registrations.find(this.dataSource.manager, id);
    if (!row) throw notFound('Registration', id);
    requireAccess(user, {
      session: row.session_id,
      action: 'registration.audit',
      province: row.province_id,
      resource: { what: 'Registration', id },
    });
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
