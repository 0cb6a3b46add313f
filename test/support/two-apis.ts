import { Client } from 'pg';
import { type BuiltApi, ensureApiBuilt, spawnBuiltApi, stopBuiltApis } from './built-api';
import { ADMIN_URL_ENV, urlForDatabase, withAdminClient } from './test-database';

export interface TwoApis {
  a: BuiltApi;
  b: BuiltApi;
  /** A connection of the test's own to the shared database, for reading what both wrote. */
  sql: Client;
  databaseUrl: string;
  /** Stops both processes, closes the connection and drops the database. */
  stop(): Promise<void>;
}

/**
 * Two built API processes (as production runs them) on one database of their own, created empty:
 * the first start migrates and seeds it and creates `admin`. `together` starts both at once (the
 * race the advisory lock settles); otherwise one after the other. Limits are lifted so that
 * hundreds of requests wait for the pools, not for a timeout or a rate limit; `env` adds to that.
 */
export async function startTwoApis(options: {
  name: string;
  admin: { email: string; password: string };
  env?: Record<string, string>;
  together?: boolean;
}): Promise<TwoApis> {
  await ensureApiBuilt();
  const adminUrl = process.env[ADMIN_URL_ENV]!;
  const database = `ttdn_${options.name}_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = urlForDatabase(adminUrl, database);
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
  const env = {
    DATABASE_URL: databaseUrl,
    SEED_ON_START: 'always',
    ADMIN_EMAIL: options.admin.email,
    ADMIN_PASSWORD: options.admin.password,
    DB_CONNECT_TIMEOUT_MS: '60000',
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...options.env,
  };
  let a: BuiltApi | undefined;
  let b: BuiltApi | undefined;
  let sql: Client | undefined;
  const stop = async () => {
    await sql?.end();
    await stopBuiltApis(a, b);
    await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  };
  try {
    if (options.together) [a, b] = await Promise.all([spawnBuiltApi(env), spawnBuiltApi(env)]);
    else {
      a = await spawnBuiltApi(env);
      b = await spawnBuiltApi(env);
    }
    sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { a, b, sql, databaseUrl, stop };
}
