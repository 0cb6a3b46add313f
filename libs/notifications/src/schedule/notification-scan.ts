import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/common';
import { MailFactsRepository } from '../compose/mail-facts.repository';
import { MailQueue, SCAN_QUEUE } from '../delivery/mail-queue';
import type { OutgoingMail } from '../notification.types';
import { Outbox } from '../outbox';

const vnDay = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(date);

/**
 * The scheduled messages, enqueued by one job every 15 minutes (a pg-boss cron entry: one job per
 * tick whatever the number of API processes). Each message's idempotency key names its occasion,
 * so a scan that runs twice, or two that overlap, still enqueue each message once:
 * - the reminder, MAIL_REMINDER_HOURS_BEFORE before a session's first part, to each confirmed person;
 * - the coordinators' briefing the day before a session (Việt Nam date), with the export link;
 * - the organisers' moderation digest, once a day from 08:00, when registrations wait for them;
 * - the opening of a registration window: one mail per delegate of each invited province and
 *   session, for every window open now that the delegate was not told of (however long ago it
 *   opened: a session opened for registration after its window's start is announced too).
 */
@Injectable()
export class NotificationScan implements OnApplicationBootstrap {
  private readonly logger = new Logger('NotificationScan');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly facts: MailFactsRepository,
    private readonly outbox: Outbox,
    private readonly queue: MailQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.MAIL_WORKER) return;
    await this.queue.schedule(SCAN_QUEUE, '*/15 * * * *');
    await this.queue.work(SCAN_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
      const counts = await this.run(new Date());
      this.logger.log(`scheduled messages enqueued: ${JSON.stringify(counts)}`);
    });
  }

  /** Enqueues what is due at `now`; returns how many new messages of each kind. */
  async run(
    now: Date,
    reminderWindowMs = this.config.MAIL_REMINDER_HOURS_BEFORE * 3600_000,
  ): Promise<{ reminders: number; briefings: number; digests: number; openings: number }> {
    return this.dataSource.transaction(async (manager) => {
      const reminders = await this.reminders(manager, now, reminderWindowMs);
      const briefings = await this.briefings(manager, now);
      const digests = await this.digests(manager, now);
      const openings = await this.openings(manager, now);
      return { reminders, briefings, digests, openings };
    });
  }

  private async reminders(manager: DataSource['manager'], now: Date, windowMs: number): Promise<number> {
    const due = await this.facts.dueReminders(manager, now, new Date(now.getTime() + windowMs));
    if (due.length === 0) return 0;
    const rows = await this.facts.registrations(
      manager,
      due.map((item) => item.registrationId),
    );
    const sessions = await this.facts.sessions(manager, [...new Set(rows.map((row) => row.sessionId))]);
    const startsAt = new Map(due.map((item) => [item.registrationId, item.startsAt.toISOString()]));
    const mails: OutgoingMail[] = rows.map((row) => ({
      // The start time is in the key: a rescheduled session gets a new reminder, the same one never two.
      idempotencyKey: `reminder:${row.id}:${startsAt.get(row.id)}`,
      category: 'reminder',
      template: 'reminder',
      to: row.email!,
      sessionId: row.sessionId,
      data: {
        session: sessions.get(row.sessionId),
        registrationId: row.id,
        person: { fullName: row.fullName },
        checkInCode: row.checkInCode,
      },
    }));
    return (await this.outbox.enqueue(manager, mails)).length;
  }

  private async briefings(manager: DataSource['manager'], now: Date): Promise<number> {
    const tomorrow = vnDay(new Date(now.getTime() + 86_400_000));
    const starting = await this.facts.sessionsStartingOn(manager, tomorrow);
    if (starting.length === 0) return 0;
    const sessions = await this.facts.sessions(
      manager,
      starting.map((item) => item.sessionId),
    );
    const base = this.config.PUBLIC_URL.replace(/\/$/, '');
    const mails: OutgoingMail[] = starting.flatMap((item) =>
      item.coordinators.map((coordinator) => ({
        idempotencyKey: `briefing:${item.sessionId}:${tomorrow}:${coordinator.userId}`,
        category: 'coordinator_briefing' as const,
        template: 'coordinator_briefing' as const,
        to: coordinator.email,
        userId: coordinator.userId,
        sessionId: item.sessionId,
        data: {
          session: sessions.get(item.sessionId),
          recipient: { name: coordinator.name },
          confirmed: item.confirmed,
          exportUrl: `${base}/api/v1/sessions/${item.sessionId}/attendance.xlsx`,
        },
      })),
    );
    return (await this.outbox.enqueue(manager, mails)).length;
  }

  private async digests(manager: DataSource['manager'], now: Date): Promise<number> {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' }).format(now),
    );
    if (hour < 8) return 0;
    const today = vnDay(now);
    const waiting = await this.facts.pendingModeration(manager);
    const mails: OutgoingMail[] = waiting.map(({ recipient, sessions }) => ({
      idempotencyKey: `moderation:${today}:${recipient.userId}`,
      category: 'moderation_digest',
      template: 'moderation_digest',
      to: recipient.email,
      userId: recipient.userId,
      data: {
        recipient: { name: recipient.name },
        sessions,
        total: sessions.reduce((sum, session) => sum + session.pending, 0),
      },
    }));
    return (await this.outbox.enqueue(manager, mails)).length;
  }

  private async openings(manager: DataSource['manager'], now: Date): Promise<number> {
    const opened = await this.facts.openWindowsNotAnnounced(manager, now);
    if (opened.length === 0) return 0;
    const sessions = await this.facts.sessions(manager, [...new Set(opened.map((item) => item.sessionId))]);
    const mails: OutgoingMail[] = opened.map((item) => ({
      // Also read by openWindowsNotAnnounced: the two must name the announcement the same way.
      idempotencyKey: `registration-opened:${item.sessionId}:${item.delegate.userId}`,
      category: 'delegate_updates',
      template: 'registration_opened',
      to: item.delegate.email,
      userId: item.delegate.userId,
      sessionId: item.sessionId,
      data: {
        session: sessions.get(item.sessionId),
        delegate: { name: item.delegate.name },
        provinceName: item.provinceName,
        quota: item.quota,
        closesAt: item.closesAt,
      },
    }));
    return (await this.outbox.enqueue(manager, mails)).length;
  }
}
