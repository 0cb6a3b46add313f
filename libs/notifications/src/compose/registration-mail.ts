import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutgoingMail, SessionFacts, TemplateName } from '../notification.types';
import { Outbox } from '../outbox';
import { MailFactsRepository, RegistrationFacts } from './mail-facts.repository';

const PERSON_TEMPLATE: Record<string, TemplateName> = {
  confirmed: 'registration_confirmed',
  waitlisted: 'registration_waitlisted',
  pending: 'registration_pending',
  rejected: 'registration_rejected',
  withdrawn: 'registration_withdrawn',
};

/**
 * Who hears about a registration, called by the registration use cases inside their transaction:
 * the registered person (when an address is known) about every outcome; the delegate who
 * registered them about outcomes someone else caused (a promotion, an organiser's decision),
 * and, for a bulk upload, one digest per session and province instead of a mail per person.
 * A registration enters each status at most once, so "registration, status, recipient" is the
 * idempotency key.
 */
@Injectable()
export class RegistrationMail {
  constructor(
    private readonly facts: MailFactsRepository,
    private readonly outbox: Outbox,
  ) {}

  /** New registrations (form or upload) in the status they got. */
  async registered(
    manager: EntityManager,
    registrationIds: number[],
    mode: 'single' | 'bulk',
    actorUserId: number | null,
  ): Promise<void> {
    const rows = await this.facts.registrations(manager, registrationIds);
    if (rows.length === 0) return;
    const sessions = await this.facts.sessions(manager, [...new Set(rows.map((row) => row.sessionId))]);
    const mails = rows.flatMap((row) => this.personMail(row, sessions.get(row.sessionId)!, row.status));
    if (mode === 'bulk' && actorUserId !== null) {
      const delegate = await this.facts.user(manager, actorUserId);
      const first = rows[0];
      if (delegate) {
        const count = (status: string) => rows.filter((row) => row.status === status).length;
        mails.push({
          idempotencyKey: `upload-digest:${first.sessionId}:${first.provinceId}:${first.id}-${rows.at(-1)!.id}`,
          category: 'delegate_updates',
          template: 'delegate_upload_digest',
          to: delegate.email,
          userId: delegate.userId,
          sessionId: first.sessionId,
          data: {
            session: sessions.get(first.sessionId),
            delegate: { name: delegate.name },
            provinceName: first.provinceName,
            counts: { confirmed: count('confirmed'), waitlisted: count('waitlisted'), pending: count('pending') },
            people: rows.map((row) => ({
              fullName: row.fullName,
              agency: row.agency,
              status: row.status,
              email: row.email,
            })),
          },
        });
      }
    }
    await this.outbox.enqueue(manager, mails);
  }

  /** A registration moved from `previousStatus` to the status it has now (approval, promotion, rejection, withdrawal). */
  async statusChanged(
    manager: EntityManager,
    registrationId: number,
    previousStatus: string,
    actorUserId: number | null,
  ): Promise<void> {
    const [row] = await this.facts.registrations(manager, [registrationId]);
    if (!row || row.status === previousStatus) return;
    const session = (await this.facts.sessions(manager, [row.sessionId])).get(row.sessionId)!;
    const mails = this.personMail(row, session, row.status, previousStatus);
    if (row.createdBy !== null && row.createdBy !== actorUserId && row.delegateEmail) {
      mails.push({
        idempotencyKey: `registration:${row.id}:${row.status}:delegate`,
        category: 'delegate_updates',
        template: 'delegate_update',
        to: row.delegateEmail,
        userId: row.createdBy,
        sessionId: row.sessionId,
        data: {
          session,
          delegate: { name: row.delegateName },
          person: { fullName: row.fullName },
          provinceName: row.provinceName,
          status: row.status,
          reason: row.statusReason,
        },
      });
    }
    await this.outbox.enqueue(manager, mails);
  }

  private personMail(
    row: RegistrationFacts,
    session: SessionFacts,
    status: string,
    previousStatus?: string,
  ): OutgoingMail[] {
    const template =
      status === 'confirmed' && previousStatus === 'waitlisted' ? 'registration_promoted' : PERSON_TEMPLATE[status];
    if (!row.email || !template) return [];
    return [
      {
        idempotencyKey: `registration:${row.id}:${status}:person`,
        category: 'registration',
        template,
        to: row.email,
        sessionId: row.sessionId,
        data: {
          session,
          registrationId: row.id,
          person: { fullName: row.fullName },
          checkInCode: status === 'confirmed' ? row.checkInCode : null,
          reason: status === 'rejected' || status === 'withdrawn' ? row.statusReason : null,
          wasConfirmed: previousStatus === 'confirmed',
        },
      },
    ];
  }
}
