import { Client } from 'pg';
import { RunningEmbeddedPostgres, startEmbeddedPostgres } from './embedded/embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded?: RunningEmbeddedPostgres;
}

export const EMBEDDED_DATABASE_NAME = 'ttdn';

/** Creates a database on a server unless it exists; quoting is ours, the name comes from code, not input. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(
        `CREATE DATABASE "${name.replace(/"/g, '""')}"${template ? ` TEMPLATE "${template.replace(/"/g, '""')}"` : ''}`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL wins; otherwise start (or reuse after a crash) the embedded cluster in
 * `dataDir` and make sure the product database exists on it.
 */
export async function resolveDatabase(options: {
  databaseUrl?: string;
  embeddedDir: string;
  embeddedPort: number;
  embeddedFirstRestartDelayMs?: number;
  log?: (line: string) => void;
}): Promise<ResolvedDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl };
  const embedded = await startEmbeddedPostgres({
    dataDir: options.embeddedDir,
    port: options.embeddedPort,
    durable: true,
    log: options.log,
    supervise: true,
    firstRestartDelayMs: options.embeddedFirstRestartDelayMs,
    // Loud and unconditional: whoever runs the API must see that its database died.
    onUnexpectedExit: (line) => process.stderr.write(`${line}\n`),
  });
  try {
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE_NAME);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.urlFor(EMBEDDED_DATABASE_NAME), embedded };
}

/** The database the configuration names: DATABASE_URL, else the embedded cluster it describes. */
export function resolveConfiguredDatabase(config: {
  DATABASE_URL?: string;
  EMBEDDED_DB_DIR: string;
  EMBEDDED_DB_PORT: number;
  EMBEDDED_DB_FIRST_RESTART_DELAY_MS: number;
}): Promise<ResolvedDatabase> {
  return resolveDatabase({
    databaseUrl: config.DATABASE_URL,
    embeddedDir: config.EMBEDDED_DB_DIR,
    embeddedPort: config.EMBEDDED_DB_PORT,
    embeddedFirstRestartDelayMs: config.EMBEDDED_DB_FIRST_RESTART_DELAY_MS,
  });
}
