import { ADMIN_URL_ENV, TEMPLATE_ENV, withAdminClient } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ADMIN_URL_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (adminUrl && template) {
    await withAdminClient(adminUrl, async (client) => {
      await client.query(`ALTER DATABASE "${template}" IS_TEMPLATE false`);
      await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    });
  }
  await globalThis.__TTDN_TEST_PG__?.stop();
}
