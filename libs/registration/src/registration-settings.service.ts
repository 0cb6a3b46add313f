import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, requireAccess } from '@app/accounts';
import { conflict, FieldError, notFound, RequestValidationException } from '@app/common';
import { RegistrationSettingsDto, RegistrationSettingsResponse } from './dto/registration.dto';
import { mapSettings } from './registration.mapper';
import { RegistrationRepository } from './registration.repository';
import { uninvitedQuotaError, windowIsOpen } from './registration.rules';
import { WaitlistService } from './waitlist.service';

/**
 * A session's registration terms: the window, moderation, total capacity and per-province
 * quotas. Raising a quota or the capacity promotes waitlisted people in the same transaction.
 */
@Injectable()
export class RegistrationSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registrations: RegistrationRepository,
    private readonly waitlist: WaitlistService,
    private readonly audit: AuditLogWriter,
  ) {}

  async configure(
    sessionId: number,
    input: RegistrationSettingsDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<RegistrationSettingsResponse> {
    requireAccess(user, { session: sessionId, action: 'registration.configure' });
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
      while (await this.waitlist.promoteOldestWaitlisted(manager, sessionId, actor));
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
    const access = requireAccess(user, { session: sessionId, action: 'registration.settings' });
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

  private async settingsView(manager: EntityManager, sessionId: number, sessionStatus: string) {
    const settings = await this.registrations.settings(manager, sessionId);
    if (!settings) return undefined;
    return mapSettings(
      settings,
      await this.registrations.quotas(manager, sessionId),
      windowIsOpen(sessionStatus, settings),
    );
  }
}
