import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutgoingMail, SessionFacts } from '../notification.types';
import { Outbox } from '../outbox';
import { MailFactsRepository } from './mail-facts.repository';

/** What the session looked like before an edit, as the catalogue holds it. */
export interface SessionBeforeEdit {
  startsOn: string | null;
  endsOn: string | null;
  venueName: string | null;
  venueAddress: string | null;
}

/** Statuses in which people can hold a registration that a change concerns. */
const ANNOUNCED = new Set(['scheduled', 'registration_open', 'in_progress']);

/**
 * Who hears about a change of a published session, called by the catalogue's use cases inside
 * their transaction: every person with an active registration (confirmed, waitlisted, pending)
 * and an address gets one mail. A reschedule or venue change is keyed by the session's version
 * after the edit (each committed edit has its own), a cancellation by the session (it happens
 * once), so a retried job or request never sends the same change twice.
 */
@Injectable()
export class SessionChangeMail {
  constructor(
    private readonly facts: MailFactsRepository,
    private readonly outbox: Outbox,
  ) {}

  /** After an edit of the session's own fields: mails when its dates or its venue changed. */
  async edited(manager: EntityManager, sessionId: number, before: SessionBeforeEdit): Promise<void> {
    const session = (await this.facts.sessions(manager, [sessionId])).get(sessionId);
    if (!session || !ANNOUNCED.has(session.status)) return;
    // As the facts query builds it (concat_ws skips nulls only).
    const previousVenue = [before.venueName, before.venueAddress].filter((part) => part !== null).join(', ') || null;
    const rescheduled = session.startsOn !== before.startsOn || session.endsOn !== before.endsOn;
    const venueChanged = session.venue !== previousVenue;
    if (!rescheduled && !venueChanged) return;
    const version = await this.facts.sessionVersion(manager, sessionId);
    const previous = { startsOn: before.startsOn, endsOn: before.endsOn, venue: previousVenue };
    await this.toRegistered(manager, session, (row) => ({
      idempotencyKey: `session:${sessionId}:v${version}:registration:${row.id}`,
      template: 'session_changed',
      data: { rescheduled, venueChanged, previous, wasConfirmed: row.status === 'confirmed' },
    }));
  }

  /** After the session became cancelled: a cancellation (with the invitation's CANCEL) to each person. */
  async cancelled(manager: EntityManager, sessionId: number, reason: string | null): Promise<void> {
    const session = (await this.facts.sessions(manager, [sessionId])).get(sessionId);
    if (!session || session.status !== 'cancelled') return;
    await this.toRegistered(manager, session, (row) => ({
      idempotencyKey: `session:${sessionId}:cancelled:registration:${row.id}`,
      template: 'session_cancelled',
      data: { reason, wasConfirmed: row.status === 'confirmed' },
    }));
  }

  private async toRegistered(
    manager: EntityManager,
    session: SessionFacts,
    mailFor: (row: { id: number; status: string }) => Pick<OutgoingMail, 'idempotencyKey' | 'template' | 'data'>,
  ): Promise<void> {
    const rows = await this.facts.registrations(manager, await this.facts.activeRegistrationIds(manager, session.id));
    const mails: OutgoingMail[] = rows
      .filter((row) => row.email)
      .map((row) => {
        const mail = mailFor(row);
        return {
          ...mail,
          category: 'session_changes',
          to: row.email!,
          sessionId: session.id,
          data: { session, registrationId: row.id, person: { fullName: row.fullName }, ...mail.data },
        };
      });
    await this.outbox.enqueue(manager, mails);
  }
}
