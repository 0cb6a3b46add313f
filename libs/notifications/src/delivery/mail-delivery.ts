import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobWithMetadata } from 'pg-boss';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/common';
import { OutboxRepository } from '../outbox.repository';
import { MailRenderer } from '../templates/mail-renderer';
import { MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE, MailJob, MailQueue } from './mail-queue';
import { DELIVERIES_AT_ONCE, MailTransport } from './mail-transport';

/**
 * Test seam: runs after the server accepted a message and before it is marked sent, to stand for
 * a process that dies there. Production provides nothing.
 */
export const AFTER_SEND_PROBE = Symbol('AFTER_SEND_PROBE');
export type AfterSendProbe = (messageId: number) => Promise<void>;

/** Messages one delivery worker fetches and sends together. */
const MAILS_PER_FETCH = 2;

/** How long a message held back behind an earlier one to the same address waits before it is tried again. */
const WAIT_FOR_EARLIER_SECONDS = 1;

/**
 * The delivery worker: one message per job (jobs fetched two at a time, see MailQueue.workEach),
 * recorded as `sending` (its Message-ID was fixed at insert) before talking to the server, then `sent`; a refusal or a network error marks it
 * `failed` and throws, so pg-boss retries it with exponential back-off, and after the last attempt
 * the message is `dead` (pg-boss moves the job to the dead-letter queue too). A message found still
 * `sending` past its lease was interrupted after the hand-over: it is reconciled as `unconfirmed`,
 * never sent twice.
 */
@Injectable()
export class MailDelivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailDelivery');
  private sweep?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly queue: MailQueue,
    private readonly outbox: OutboxRepository,
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    @Optional() @Inject(AFTER_SEND_PROBE) private readonly afterSend?: AfterSendProbe,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.MAIL_WORKER) return;
    // On start, and then as often as a delivery may last: messages a dead process left "sending".
    await this.reconcile();
    this.sweep = setInterval(() => void this.reconcile(), Math.max(this.config.MAIL_SEND_TIMEOUT_MS, 1000));
    this.sweep.unref();
    // NOTIFY wakes a worker for a new message at once; retries come due without one, so the
    // backstop poll must be as frequent as the ordinary one.
    const interval = this.config.MAIL_POLL_INTERVAL_SECONDS;
    const polling = { pollingIntervalSeconds: interval, notifyPollingIntervalSeconds: interval };
    // Two workers of two: DELIVERIES_AT_ONCE in flight, and one slow server answer holds back
    // only its own batch's next fetch.
    await this.queue.workEach<MailJob>(
      MAIL_QUEUE,
      { ...polling, batchSize: MAILS_PER_FETCH, workers: DELIVERIES_AT_ONCE / MAILS_PER_FETCH },
      (job) => this.deliver(job),
    );
    await this.queue.work<MailJob>(MAIL_DEAD_LETTER_QUEUE, { ...polling, batchSize: 1 }, async ([job]) => {
      await this.outbox.markDead(this.dataSource.manager, job.data.messageId, 'delivery attempts used up');
    });
    this.logger.log(`mail delivery started (${this.transport.destination})`);
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  async deliver(job: JobWithMetadata<MailJob>): Promise<void> {
    const id = job.data.messageId;
    const manager = this.dataSource.manager;
    const { message, waiting } = await this.outbox.claim(manager, id, this.config.MAIL_SEND_TIMEOUT_MS);
    if (waiting) {
      // An earlier message to the same person is still on its way: try this one again shortly.
      await this.queue.addLater(id, WAIT_FOR_EARLIER_SECONDS);
      return;
    }
    if (!message) {
      // Already sent, dead, unconfirmed, or left "sending" by a worker that died: nothing to send.
      await this.outbox.reconcileStale(manager, id);
      return;
    }
    try {
      const mail = await this.renderer.render({
        template: message.template,
        to: message.recipient_email,
        messageId: message.message_id,
        payload: message.payload,
      });
      await this.transport.send(mail, `${message.id}-${message.template}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!surelyNotDelivered(error)) {
        // Lost after the message data began (a timeout, a cut connection): the server may have
        // taken it. Sending again could make a duplicate, so it is left for a person to judge.
        await this.outbox.markUnconfirmed(manager, id, reason);
        this.logger.warn(`mail ${id}: outcome unknown, not resent: ${reason}`);
        return;
      }
      const dead = message.attempts >= this.config.MAIL_MAX_ATTEMPTS;
      await this.outbox.markFailed(manager, id, reason, dead);
      this.logger.warn(`mail ${id} attempt ${message.attempts} failed${dead ? ' (dead)' : ''}: ${reason}`);
      throw error;
    }
    if (this.afterSend) await this.afterSend(id);
    await this.outbox.markSent(manager, id);
  }

  async reconcile(): Promise<void> {
    try {
      const count = await this.outbox.reconcileStale(this.dataSource.manager);
      if (count > 0) this.logger.warn(`${count} message(s) interrupted after the hand-over marked unconfirmed`);
    } catch (error) {
      this.logger.warn(`reconciling interrupted messages failed: ${(error as Error).message}`);
    }
  }
}

/** SMTP steps before the message data: a failure there means the server did not take the message. */
const BEFORE_DATA = new Set([
  'EHLO',
  'HELO',
  'LHLO',
  'STARTTLS',
  'AUTH PLAIN',
  'AUTH LOGIN',
  'AUTH XOAUTH2',
  'AUTH CRAM-MD5',
  'MAIL FROM',
  'RCPT TO',
]);

const NEVER_CONNECTED =
  /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|Connection timeout|Greeting never received/;

/**
 * True when the server certainly did not accept the message: it answered with a refusal (a 4xx or
 * 5xx reply), the failure came before the DATA step, or rendering failed before any connection.
 */
export function surelyNotDelivered(error: unknown): boolean {
  const detail = error as { responseCode?: number; command?: string; code?: string };
  if (typeof detail.responseCode === 'number' && detail.responseCode >= 400) return true;
  if (detail.command && BEFORE_DATA.has(detail.command)) return true;
  // nodemailer labels every socket error CONN, also an idle timeout in the middle of DATA; only
  // these messages say the connection itself was never made.
  if (detail.command === 'CONN') return NEVER_CONNECTED.test(String((error as Error).message));
  return detail.code === undefined && detail.command === undefined;
}
