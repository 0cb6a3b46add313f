import { Logger } from '@nestjs/common';
import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '@migrations';
import { unavailableAwarePg } from './unavailable-aware-pg';

const poolLogger = new Logger('DatabasePool');

export interface PoolSettings {
  poolSize: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
}

export const DEFAULT_POOL: PoolSettings = { poolSize: 20, connectTimeoutMs: 5000, statementTimeoutMs: 15000 };

/**
 * The one place that says how we talk to PostgreSQL. Used by the API, the CLI and the
 * test harness, so all three run the same migrations with the same pool limits.
 */
export function buildDataSourceOptions(url: string, pool: PoolSettings = DEFAULT_POOL): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // pg with a pool whose connection failures are DatabaseUnavailableError (503 by class).
    driver: unavailableAwarePg,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    // Never: the schema changes only through migrations/.
    synchronize: false,
    // Extensions are created by a migration, with the rest of the schema.
    installExtensions: false,
    poolSize: pool.poolSize,
    // pg: how long to wait for a free pooled client (and for a new connection) before failing.
    connectTimeoutMS: pool.connectTimeoutMs,
    extra: {
      connectionTimeoutMillis: pool.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: pool.statementTimeoutMs,
      query_timeout: pool.statementTimeoutMs + 2000,
      idle_in_transaction_session_timeout: 60_000,
      application_name: 'ttdn-api',
      keepAlive: true,
    },
    // A backend terminated under an idle pooled client must not crash the process: pg emits
    // 'error' on the pool, and an unhandled 'error' event would throw.
    poolErrorHandler: (error: unknown) => {
      poolLogger.warn(`PostgreSQL pool client error: ${(error as Error)?.message ?? String(error)}`);
    },
    logging: false,
  };
}
