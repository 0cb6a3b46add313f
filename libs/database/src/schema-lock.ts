import { Logger } from '@nestjs/common';
import type { DataSource, Migration } from 'typeorm';

/**
 * The advisory lock key every process of this product takes before changing the schema or
 * loading the seed: 'ttdn' as bytes, then 'schm' (any constant works; it only must not collide
 * with another application's keys in the same database).
 */
export const SCHEMA_LOCK_KEY = '8391728472346781037';

const RETRY_MS = 200;
const logger = new Logger('SchemaLock');

/**
 * Runs `work` while holding the schema lock (a session-level PostgreSQL advisory lock on a
 * connection of its own), so that processes starting together on one database take turns: the
 * first applies the migrations, the others then find nothing pending. Polled with
 * pg_try_advisory_lock rather than waited for, so that the pool's statement timeout never
 * cancels a process that is only waiting behind a long migration.
 */
export async function withSchemaLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    let waited = false;
    for (;;) {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock($1::bigint) AS locked`, [SCHEMA_LOCK_KEY]);
      if (locked) break;
      if (!waited) logger.log('Another process is migrating this database: waiting for it');
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    try {
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1::bigint)`, [SCHEMA_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Pending migrations, applied by one process at a time (each in its own transaction). */
export function runMigrationsExclusively(dataSource: DataSource): Promise<Migration[]> {
  return withSchemaLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
}
