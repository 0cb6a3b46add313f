import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter } from '@app/accounts';
import { RegistrationMail } from '@app/notifications';
import { RegistrationRepository } from './registration.repository';

/** A fresh check-in code (the QR) for a confirmed place. */
export const newCheckInCode = () => randomBytes(16).toString('base64url');

/**
 * Places and the waitlist: a registration takes a place if its province's quota and the
 * session's capacity leave one, otherwise it waits; a freed or added place goes to the
 * longest-waiting person. Always inside the caller's transaction, audited there.
 */
@Injectable()
export class WaitlistService {
  constructor(
    private readonly registrations: RegistrationRepository,
    private readonly audit: AuditLogWriter,
    private readonly mail: RegistrationMail,
  ) {}

  async confirmOrWaitlist(
    manager: EntityManager,
    id: number,
    sessionId: number,
    provinceId: number,
  ): Promise<'confirmed' | 'waitlisted'> {
    return this.registrations.placeOrWaitlist(manager, id, sessionId, provinceId, newCheckInCode());
  }

  /** The longest-waiting person of any province with a free place takes it; false when nobody can. */
  async promoteOldestWaitlisted(manager: EntityManager, sessionId: number, actor: AuditActor) {
    const next = await this.registrations.oldestPromotable(manager, sessionId);
    if (!next) return false;
    if (!(await this.registrations.takePlace(manager, sessionId, next.provinceId))) return false;
    await this.promote(manager, next.id, actor);
    return true;
  }

  /** The freed place goes to the province's first waitlisted person, in the same transaction. */
  async promoteNext(manager: EntityManager, sessionId: number, provinceId: number, actor: AuditActor) {
    const next = await this.registrations.firstWaitlisted(manager, sessionId, provinceId);
    if (next === undefined) return;
    if (!(await this.registrations.takePlace(manager, sessionId, provinceId))) return;
    await this.promote(manager, next, actor);
  }

  private async promote(manager: EntityManager, id: number, actor: AuditActor) {
    await this.registrations.setStatus(manager, id, 'confirmed', 'promoted from the waitlist', newCheckInCode());
    await this.mail.statusChanged(manager, id, 'waitlisted', actor.actorUserId);
    await this.audit.record(manager, {
      ...actor,
      action: 'registration.promoted',
      entityType: 'registration',
      entityId: id,
      before: { status: 'waitlisted' },
      after: { status: 'confirmed' },
    });
  }
}
