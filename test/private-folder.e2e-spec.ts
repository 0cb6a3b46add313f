import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { relocatedClusterName, relocationRoots } from '@app/database';
import { ensureApiBuilt, freePort, spawnBuiltApi } from './support/built-api';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

/**
 * A fresh clone in a folder other users cannot enter (`mktemp -d` is 0700, so is /root), started
 * as root: the embedded PostgreSQL runs as the `postgres` user, who cannot reach the binaries or
 * the data inside it. The start and the test harness must both work there anyway.
 */
const asRoot = process.getuid?.() === 0;
(asRoot ? describe : describe.skip)('a clone in a private (0700) folder, run as root', () => {
  let privateDir: string;
  let clone: string;

  beforeAll(async () => {
    await ensureApiBuilt();
    privateDir = await fs.mkdtemp(path.join(tmpdir(), 'ttdn-private-'));
    expect((await fs.stat(privateDir)).mode & 0o777).toBe(0o700);
    clone = path.join(privateDir, 'clone');
    // The working tree as git sees it (tracked and new files), the built dist/, and node_modules as
    // hard links: the binaries' path now runs through the 0700 folder, as after `npm install` there.
    const { stdout } = await execFileAsync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const file of stdout.split('\0').filter(Boolean)) {
      const from = path.join(ROOT, file);
      if (!(await fs.stat(from).catch(() => undefined))?.isFile()) continue;
      await fs.mkdir(path.dirname(path.join(clone, file)), { recursive: true });
      await fs.copyFile(from, path.join(clone, file));
    }
    await execFileAsync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')]);
    await execFileAsync('cp', ['-r', path.join(ROOT, 'dist'), path.join(clone, 'dist')]);
  }, 180_000);

  afterAll(async () => {
    if (!privateDir) return;
    await fs.rm(privateDir, { recursive: true, force: true });
    // The clusters kept outside the clone belong to it: remove them with it.
    for (const requested of ['.data/postgres', '.data/postgres-test']) {
      for (const root of relocationRoots()) {
        await fs.rm(path.join(root, 'clusters', relocatedClusterName(path.join(clone, requested))), {
          recursive: true,
          force: true,
        });
      }
    }
  }, 60_000);

  it('npm start: serves /health/ready and the seeded catalogue, naming where the cluster is kept', async () => {
    const api = await spawnBuiltApi({ EMBEDDED_DB_PORT: String(await freePort()), LOG_LEVEL: 'info' }, 900, clone);
    try {
      const sessions = (await (await fetch(`${api.baseUrl}/api/v1/sessions?limit=100`)).json()) as {
        page: { total: number };
      };
      expect(sessions.page.total).toBeGreaterThanOrEqual(6);
      const expectedCluster = relocatedClusterName(path.join(clone, '.data/postgres'));
      expect(api.output()).toContain(`Embedded PostgreSQL cluster kept in `);
      expect(api.output()).toContain(expectedCluster);
    } finally {
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    }
  }, 240_000);

  it('npm test: the harness starts its own cluster there and clones a seeded test database', async () => {
    const probe = path.join(clone, 'test', 'harness-probe.e2e-spec.ts');
    await fs.writeFile(
      probe,
      `import { Client } from 'pg';
import { createTestDatabase } from './support/test-database';
it('clones a seeded database from the template', async () => {
  const db = await createTestDatabase();
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM training_session');
    expect(rows[0].n).toBeGreaterThanOrEqual(6);
  } finally {
    await client.end();
    await db.drop();
  }
});
`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, TEST_EMBEDDED_DB_PORT: String(await freePort()) };
    for (const name of ['TEST_DATABASE_URL', 'TTDN_TEST_ADMIN_URL', 'TTDN_TEST_TEMPLATE_DATABASE', 'JEST_WORKER_ID']) {
      delete env[name];
    }
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        // The pattern goes first: --selectProjects takes every value after it.
        [path.join(clone, 'node_modules/jest/bin/jest.js'), 'test/harness-probe', '--selectProjects', 'e2e'],
        { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.once('exit', (code) => resolve({ code, output }));
    });
    expect(result.output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(result.code).toBe(0);
  }, 240_000);
});
