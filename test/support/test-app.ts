import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadAppConfig } from '@app/common';
import { createApiApplication } from '../../apps/api/src/create-app';
import type { ModuleImport } from '../../apps/api/src/app.module';
import { createTestDatabase, TestDatabase } from './test-database';

/** The JWT secret every test app signs with (tests that forge or inspect tokens need it). */
export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * The real API (same factory as main.ts) on a database of its own.
 * `env` overrides configuration; `databaseUrl` points the app elsewhere (e.g. a fault proxy).
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    extraImports?: ModuleImport[];
    databaseUrl?: (db: TestDatabase) => string;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_SECRET,
    // Every test client is 127.0.0.1: lift the per-address limits unless a test sets its own.
    RATE_LIMIT_PER_MINUTE: '10000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000000',
    // The outbox is written in every test; only the notification tests deliver (to their own SMTP server).
    MAIL_WORKER: 'false',
    // Hundreds of requests in flight share a pool of 20 on a loaded 2-core machine: some wait
    // longer than production's 5 s for a connection. Races, not pool timeouts, are tested here;
    // the tests of the timeout itself set their own.
    DB_CONNECT_TIMEOUT_MS: '60000',
    ...options.env,
  });
  const app = await createApiApplication(config, options.databaseUrl?.(db) ?? db.url, options.extraImports);
  return {
    app,
    db,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
