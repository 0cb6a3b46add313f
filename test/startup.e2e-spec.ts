import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  BUILT_API_MAIN,
  BuiltApi,
  builtApiEnv,
  clusterFolder,
  ensureApiBuilt,
  freePort,
  isAlive,
  postmasterPid,
  spawnBuiltApi,
} from './support/built-api';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { waitUntil } from './support/fixtures';

/** Runs the built API expecting it to refuse to start; resolves with its exit code and output. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILT_API_MAIN], {
      env: builtApiEnv({ LOG_LEVEL: 'silent', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `npm start` as a user meets it: the embedded database on first start, a second start while
 * one runs, a bad setting, and a start after a crash that left the database server behind.
 */
describe('start-up of the built API on the embedded database', () => {
  const dataDir = path.resolve(__dirname, `../.data/startup-test-${process.pid}`);
  let embeddedPort: number;
  let first: BuiltApi | undefined;
  let db: TestDatabase;

  beforeAll(async () => {
    await ensureApiBuilt();
    embeddedPort = await freePort();
    db = await createTestDatabase();
  }, 300_000);

  afterAll(async () => {
    first?.child.kill('SIGKILL');
    const cluster = clusterFolder(dataDir);
    if (existsSync(`${cluster}.away`)) renameSync(`${cluster}.away`, cluster);
    const pidFile = path.join(cluster, 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGINT');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const leftover of [dataDir, cluster, `${dataDir}.owner`, `${dataDir}.password`])
      rmSync(leftover, { recursive: true, force: true });
    await db.drop();
  });

  const embeddedEnv = () => ({
    EMBEDDED_DB_DIR: dataDir,
    EMBEDDED_DB_PORT: String(embeddedPort),
    SEED_ON_START: 'auto',
  });

  it('initialises, migrates and seeds the embedded database on first start', async () => {
    first = await spawnBuiltApi(embeddedEnv(), 1200);
    const sessions = (await (await fetch(`${first.baseUrl}/api/v1/sessions?limit=100`)).json()) as {
      page: { total: number };
    };
    expect(sessions.page.total).toBe(6);
  }, 180_000);

  it('refuses a second start on the same data folder with one line, not a stack trace', async () => {
    const second = await runToExit({ ...embeddedEnv(), PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(/in use by process \d+/);
  }, 60_000);

  it('refuses a start on a port already in use with one line naming the port', async () => {
    const clash = await runToExit({ DATABASE_URL: db.url, PORT: String(first!.port), SEED_ON_START: 'never' });
    expect(clash.code).toBe(1);
    expect(clash.stderr.trim()).toBe(
      `Port ${first!.port} is already in use (is the API already running?). Set PORT to use another.`,
    );
  }, 60_000);

  it('reads .env from the working folder, the real environment winning over it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ttdn-dotenv-'));
    // PORT=1 would fail to bind: the real environment's PORT must win. DATABASE_URL only in .env:
    // without it the API would start an embedded cluster in <folder>/.data instead.
    writeFileSync(path.join(folder, '.env'), `DATABASE_URL=${db.url}\nSEED_ON_START=never\nPORT=1\n`);
    const api = await spawnBuiltApi({ LOG_LEVEL: 'info' }, 600, path.resolve(__dirname, '..'), folder);
    try {
      expect((await fetch(`${api.baseUrl}/api/v1/sessions/tap-huan-ttdn-2025-hcm`)).status).toBe(200);
      expect(api.port).not.toBe(1);
      expect(api.output()).toContain(`Configuration read from ${path.join(folder, '.env')}`);
      expect(existsSync(path.join(folder, '.data'))).toBe(false);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a bad setting with a message naming the variable', async () => {
    const bad = await runToExit({ PORT: 'eighty', DATABASE_URL: db.url });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^Invalid configuration: .*PORT/);
  }, 60_000);

  it('recovers after a crash that left the database server running, and stops it on SIGTERM', async () => {
    first!.child.kill('SIGKILL');
    await first!.exited;
    const orphan = postmasterPid(clusterFolder(dataDir));
    expect(isAlive(orphan)).toBe(true);

    first = await spawnBuiltApi(embeddedEnv(), 1200);
    expect(isAlive(orphan)).toBe(false);
    expect((await fetch(`${first.baseUrl}/api/v1/sessions/tap-huan-ttdn-2025-hcm`)).status).toBe(200);

    const current = postmasterPid(clusterFolder(dataDir));
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    first = undefined;
    for (let i = 0; i < 100 && isAlive(current); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isAlive(current)).toBe(false);
  }, 180_000);

  it('restarts the embedded PostgreSQL when it dies, and fails liveness once it cannot', async () => {
    // The same six attempts with doubling waits, from 10 ms rather than 250 ms: the give-up is
    // reached in under a second instead of 16.
    const api = await spawnBuiltApi({ ...embeddedEnv(), EMBEDDED_DB_FIRST_RESTART_DELAY_MS: '10' }, 1200);
    const cluster = clusterFolder(dataDir);
    try {
      const killed = postmasterPid(cluster);
      process.kill(killed, 'SIGKILL');
      // Said at once, before the flood of not-ready answers below scrolls it out of the kept output.
      await waitUntil(
        () => /Embedded PostgreSQL exited unexpectedly \(SIGKILL\): restarting/.test(api.output()),
        'the death is reported',
      );
      await waitUntil(
        async () => {
          const now = existsSync(path.join(cluster, 'postmaster.pid')) ? postmasterPid(cluster) : 0;
          return now !== killed && isAlive(now) && (await fetch(`${api.baseUrl}/health/ready`)).status === 200;
        },
        'a new server answers',
        { intervalMs: 200, maxAttempts: 300 },
      );
      expect(api.output()).toContain('Embedded PostgreSQL restarted');
      expect((await fetch(`${api.baseUrl}/api/v1/sessions/tap-huan-ttdn-2025-hcm`)).status).toBe(200);
      expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);

      // Beyond repair: the cluster folder is gone when the server dies again.
      renameSync(cluster, `${cluster}.away`);
      process.kill(postmasterPid(`${cluster}.away`), 'SIGKILL');
      await waitUntil(async () => (await fetch(`${api.baseUrl}/health`)).status === 503, 'liveness fails', {
        intervalMs: 100,
      });
      const live = await fetch(`${api.baseUrl}/health`);
      expect(live.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await live.json()) as { type: string }).type).toMatch(/embedded-database-failed$/);
      expect(api.output()).toMatch(/restarting in 320 ms \(attempt 6 of 6\)/);
      expect(api.output()).toMatch(/could not be restarted after 6 attempts/);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
      if (existsSync(`${cluster}.away`)) renameSync(`${cluster}.away`, cluster);
    }
  }, 180_000);
});
