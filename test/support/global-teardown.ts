import { rm } from 'node:fs/promises';
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
  const embedded = globalThis.__TTDN_TEST_PG__;
  await embedded?.stop();
  // A test cluster kept outside a private clone (root, 0700 folder) would outlive the clone: it is
  // throw-away (fsync off) and initdb takes a second, so remove it rather than leave it behind.
  if (embedded?.placement.relocatedFrom) await rm(embedded.placement.dataDir, { recursive: true, force: true });
}
