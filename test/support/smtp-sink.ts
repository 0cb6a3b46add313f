import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { freePort } from '@app/database';
import type { TestApp } from './test-app';
import { waitUntil } from './wait';

// The same free-port probe as the embedded launcher's (bound and released, so the sink can be
// stopped and restarted on it).
export { freePort };

/**
 * A real SMTP server in the test process (npm `smtp-server`), keeping every message it accepted,
 * parsed by mailparser. `stop()` closes it (connections are refused, as with a server that is
 * down) and `start()` opens it again on the same port. `hold()` keeps each message's DATA
 * unanswered until `release()`: a delivery then cannot finish, whatever the timing.
 * `refuse(address)` answers 550 for that recipient.
 */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  private server?: SMTPServer;
  private gate?: { promise: Promise<void>; open: () => void };
  private readonly refused = new Set<string>();

  private constructor(readonly port: number) {}

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink(await freePort());
    await sink.start();
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // On stop, smtp-server waits this long for open connections to end before it closes them
      // (421): 30 s by default, and the API's pooled connections sit idle, never ending by
      // themselves. A server that is down closes them at once.
      closeTimeout: 50,
      onRcptTo: (address, _session, callback) => {
        if (this.refused.has(address.address.toLowerCase())) {
          const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
          return callback(error);
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        const gate = this.gate?.promise ?? Promise.resolve();
        simpleParser(stream, { keepCidLinks: true })
          .then(async (mail) => {
            await gate;
            this.messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  hold(): void {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
  }

  release(): void {
    this.gate?.open();
    this.gate = undefined;
  }

  refuse(address: string): void {
    this.refused.add(address.toLowerCase());
  }

  accept(address: string): void {
    this.refused.delete(address.toLowerCase());
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((mail) => addressesOf(mail).includes(address.toLowerCase()));
  }
}

export const addressesOf = (mail: ParsedMail): string[] =>
  [mail.to ?? []].flat().flatMap((group) => group.value.map((entry) => (entry.address ?? '').toLowerCase()));

/** Content lines of an iCalendar text (RFC 5545 unfolding), as [name with parameters, value]. */
export function icsLines(text: string): [string, string][] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n/)
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon < 1) throw new Error(`not an iCalendar content line: ${line}`);
      return [line.slice(0, colon), line.slice(colon + 1)];
    });
}

/** The value of the first property `name` (parameters ignored). */
export const icsValue = (lines: [string, string][], name: string) =>
  lines.find(([key]) => key === name || key.startsWith(`${name};`))?.[1];

/**
 * The environment of an API whose delivery worker sends to `sink`: short polls and retry delays so
 * the notification tests wait for states reached in seconds, and a long connect timeout because
 * those tests start several processes on one database.
 */
export const mailWorkerEnv = (sink: SmtpSink, extra: Record<string, string> = {}): Record<string, string> => ({
  SMTP_URL: sink.url,
  MAIL_WORKER: 'true',
  MAIL_POLL_INTERVAL_SECONDS: '0.5',
  MAIL_RETRY_DELAY_SECONDS: '1',
  MAIL_RETRY_DELAY_MAX_SECONDS: '2',
  DB_CONNECT_TIMEOUT_MS: '60000',
  ...extra,
});

/** Messages of the outbox still to be delivered (queued, being sent, or failed and to be retried). */
export const UNSETTLED_MAIL = `SELECT count(*) AS n FROM notification_message WHERE state IN ('queued', 'sending', 'failed')`;

/** Waits until the outbox has nothing left to deliver: a state, not a guessed time. */
export const outboxSettled = (t: TestApp, { intervalMs = 100, maxAttempts = 1200 } = {}): Promise<void> =>
  waitUntil(async () => Number((await t.app.get(DataSource).query(UNSETTLED_MAIL))[0].n) === 0, 'the outbox settles', {
    intervalMs,
    maxAttempts,
  });
