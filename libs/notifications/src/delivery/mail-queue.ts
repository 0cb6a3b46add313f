import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PgBoss, type Db, type JobWithMetadata, type WorkOptions } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@app/common';

export const NOTIFICATIONS_DATABASE_URL = Symbol('NOTIFICATIONS_DATABASE_URL');

/** One job per outbox row. */
export const MAIL_QUEUE = 'notification-mail';
/** Where pg-boss copies a mail job whose retries are used up. */
export const MAIL_DEAD_LETTER_QUEUE = 'notification-mail-dead';
/** The periodic scan that enqueues reminders, coordinators' briefings and moderation digests. */
export const SCAN_QUEUE = 'notification-scan';

export interface MailJob {
  messageId: number;
}

/**
 * pg-boss on the product's own database (schema `pgboss`, installed and upgraded by pg-boss on
 * start). Every process starts it, because the use cases add jobs inside their own transaction;
 * only a process with MAIL_WORKER=true fetches jobs, runs the maintenance and the cron clock.
 */
@Injectable()
export class MailQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('MailQueue');
  private readonly boss: PgBoss;

  constructor(
    private readonly config: AppConfig,
    @Inject(NOTIFICATIONS_DATABASE_URL) databaseUrl: string,
  ) {
    const worker = config.MAIL_WORKER;
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      application_name: 'ttdn-notifications',
      max: worker ? 6 : 2,
      migrate: true,
      supervise: worker,
      schedule: worker,
      useListenNotify: worker,
      openTelemetry: { enabled: false },
    });
    // pg-boss reports lost connections and failed maintenance as events; unhandled they would stop the process.
    this.boss.on('error', (error) => this.logger.warn(`pg-boss: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    const retries = {
      retryLimit: this.config.MAIL_MAX_ATTEMPTS - 1,
      retryDelay: this.config.MAIL_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      retryDelayMax: this.config.MAIL_RETRY_DELAY_MAX_SECONDS,
      // A job whose worker died is handed out again after this; the handler then finds the
      // message still "sending" past its lease and reconciles it instead of sending it twice.
      expireInSeconds: Math.ceil(this.config.MAIL_SEND_TIMEOUT_MS / 1000) + 30,
    };
    await this.boss.createQueue(MAIL_DEAD_LETTER_QUEUE, { retryLimit: 0 });
    await this.boss.createQueue(MAIL_QUEUE, { ...retries, deadLetter: MAIL_DEAD_LETTER_QUEUE, notify: true });
    // createQueue keeps an existing queue as it was: bring its retry policy in line with this configuration.
    await this.boss.updateQueue(MAIL_QUEUE, { ...retries, deadLetter: MAIL_DEAD_LETTER_QUEUE });
    await this.boss.createQueue(SCAN_QUEUE, { retryLimit: 1, expireInSeconds: 600 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5000, close: true });
  }

  /** Adds one job per message inside the caller's transaction: rolled back with it, committed with it. */
  async addInTransaction(manager: EntityManager, messageIds: number[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.boss.insert(
      MAIL_QUEUE,
      messageIds.map((messageId) => ({ data: { messageId } satisfies MailJob })),
      { db: transactionDb(manager) },
    );
  }

  async add(messageId: number): Promise<void> {
    await this.boss.send(MAIL_QUEUE, { messageId } satisfies MailJob);
  }

  /** A fresh job for the message, due `seconds` from now (the job handing it over completes). */
  async addLater(messageId: number, seconds: number): Promise<void> {
    await this.boss.send(MAIL_QUEUE, { messageId } satisfies MailJob, { startAfter: seconds });
  }

  async work<T extends object>(
    queue: string,
    options: WorkOptions,
    handler: (jobs: JobWithMetadata<T>[]) => Promise<void>,
  ): Promise<string> {
    const withMetadata: WorkOptions & { includeMetadata: true } = { ...options, includeMetadata: true };
    return this.boss.work<T, void, typeof withMetadata>(queue, withMetadata, handler);
  }

  /**
   * Jobs of `queue` fetched `batchSize` at a time by each of `workers` workers, each job of a
   * batch handled side by side; a job whose handler throws fails alone (and is retried by the
   * queue's policy), the others complete. While fetches come back full the next batch is fetched
   * at once: with one job per fetch, pg-boss waits its poll interval between jobs after the first
   * NOTIFY, and four workers sent four mails every two seconds.
   */
  async workEach<T extends object>(
    queue: string,
    options: WorkOptions & { batchSize: number; workers: number },
    handle: (job: JobWithMetadata<T>) => Promise<void>,
  ): Promise<string> {
    const { workers, ...polling } = options;
    return this.boss.work<T, void, WorkOptions & { includeMetadata: true; perJobResults: true }>(
      queue,
      { ...polling, localConcurrency: workers, burstWhenBatchFull: true, includeMetadata: true, perJobResults: true },
      async (jobs) => {
        const outcomes = await Promise.allSettled(jobs.map((job) => handle(job)));
        return jobs.map((job, i) => {
          const outcome = outcomes[i];
          if (outcome.status === 'fulfilled') return { id: job.id, status: 'completed' as const };
          const error = outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason));
          return { id: job.id, status: 'failed' as const, output: { message: error.message } };
        });
      },
    );
  }

  /** A cron entry kept in pg-boss: whichever worker's clock sees the minute first sends the one job for it. */
  async schedule(queue: string, cron: string): Promise<void> {
    await this.boss.schedule(queue, cron, null, { tz: 'Asia/Ho_Chi_Minh' });
  }

  async offWork(queue: string): Promise<void> {
    await this.boss.offWork(queue);
  }
}

/** pg-boss's database adapter over the connection that holds the caller's transaction. */
function transactionDb(manager: EntityManager): Db {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('MailQueue.addInTransaction needs a transaction');
  return {
    // Through TypeORM's runner rather than its raw client, so that a lost connection fails as the
    // use case's own queries do (mapped to 503 "database unavailable", never a 500).
    executeSql: async (text: string, values?: unknown[]) => {
      const result = await runner.query(text, values, true);
      return { rows: result.records as never[] };
    },
  } as Db;
}
