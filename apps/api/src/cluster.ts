import { Logger } from '@nestjs/common';
import cluster, { type Worker } from 'node:cluster';
import { AppConfig } from '@app/common';
import type { ResolvedDatabase } from '@app/database';
import { createApiApplication } from './create-app';
import { seedIfNeeded } from './seed-on-start';

/** Set in the workers' environment: the database is prepared and owned by the primary. */
export const CLUSTER_WORKER_ENV = 'TTDN_CLUSTER_WORKER';
const RESTART_DELAY_MS = 1_000;

/**
 * The primary of `WEB_CONCURRENCY=N` (or `npm run start:cluster`): N API processes sharing the
 * port through node:cluster. The primary serves nothing itself. It owns the embedded PostgreSQL
 * (when there is no DATABASE_URL) and prepares the database once before any worker starts:
 * migrations, the seed, the first administrator. Then the first worker is started, and the others
 * once it listens. A worker that dies is replaced. On SIGTERM or SIGINT every worker drains
 * (its own graceful shutdown, bounded by SHUTDOWN_DRAIN_MS), then the embedded server stops and
 * the primary exits 0.
 */
export async function runClusterPrimary(config: AppConfig, database: ResolvedDatabase, count: number): Promise<void> {
  const logger = new Logger('Cluster');
  const prepared = await createApiApplication(config, database.url, [], database.embedded);
  await seedIfNeeded(prepared, config, database.embedded !== undefined);
  await prepared.init();
  await prepared.close();

  // The workers find a migrated, seeded database with an administrator: they only serve.
  const workerEnv = { DATABASE_URL: database.url, SEED_ON_START: 'never', [CLUSTER_WORKER_ENV]: '1' };
  let stopping = false;
  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork(workerEnv);
      worker.once('listening', () => resolve(worker));
      worker.once('exit', (code, signal) => reject(new Error(`worker exited (${signal ?? code}) before listening`)));
    });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.warn(`Worker ${worker.process.pid} exited (${signal ?? code}): starting another`);
    setTimeout(() => void fork().catch((error: Error) => logger.error(error.message)), RESTART_DELAY_MS);
  });

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    logger.log(`${signal} received: ${workers.length} workers finishing their requests`);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    await database.embedded?.stop();
    logger.log('All workers stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    await fork();
    await Promise.all(Array.from({ length: count - 1 }, fork));
  } catch (error) {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    await database.embedded?.stop();
    throw error;
  }
  logger.log(`${count} API processes listening on http://localhost:${config.PORT}`);
}
