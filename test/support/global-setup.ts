import './register-aliases';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, RunningEmbeddedPostgres, startEmbeddedPostgres } from '@app/database';
import { ADMIN_URL_ENV, TEMPLATE_ENV, urlForDatabase, withAdminClient } from './test-database';
import { redisAnswers, REDIS_ENV } from './redis';
import { seedTemplate } from './seed-template';

declare global {
  var __TTDN_TEST_PG__: RunningEmbeddedPostgres | undefined;
}

/**
 * Once per `jest` run: a PostgreSQL to test against (embedded with fsync off, or
 * TEST_DATABASE_URL), and a template database with every migration and the seed applied.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: process.env.TEST_EMBEDDED_DB_DIR ?? '.data/postgres-test',
      port: Number(process.env.TEST_EMBEDDED_DB_PORT ?? 29330),
      durable: false,
    });
    globalThis.__TTDN_TEST_PG__ = embedded;
    adminUrl = embedded.adminUrl;
  }
  const template = `ttdn_template_${process.pid}_${Date.now().toString(36)}`;
  await withAdminClient(adminUrl, async (client) => {
    // Leftovers of interrupted runs on our own throw-away cluster.
    if (!process.env.TEST_DATABASE_URL) {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'ttdn\\_test\\_%' OR datname LIKE 'ttdn\\_template\\_%'`,
      );
      for (const { datname } of rows) {
        await client.query(`ALTER DATABASE "${datname}" IS_TEMPLATE false`);
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await client.query(`CREATE DATABASE "${template}"`);
  });
  const dataSource = new DataSource({ ...buildDataSourceOptions(urlForDatabase(adminUrl, template)) });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seedTemplate(dataSource);
  } finally {
    await dataSource.destroy();
  }
  await withAdminClient(adminUrl, (client) => client.query(`ALTER DATABASE "${template}" IS_TEMPLATE true`));
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_ENV] = template;
  // Tests of several processes sharing rate limits need a Redis; without one they are skipped.
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(redisUrl)) process.env[REDIS_ENV] = redisUrl;
  else process.stdout.write(`\nNo Redis answers at ${redisUrl}: the tests that need one are skipped.\n`);
}
