import { Client } from 'pg';
import { ALL_MIGRATIONS } from '@migrations';
import { type BuiltApi, call, ensureApiBuilt, login, ok, spawnBuiltApi } from './support/built-api';
import { fromNow, HOUR, testRedisUrl, uniqueRedisPrefix, vnDayFromNow } from './support/fixtures';
import { createTestDatabase } from './support/test-database';
import { startTwoApis, type TwoApis } from './support/two-apis';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Two built API processes (`node dist/apps/api/src/main.js`, as production runs them) on one
 * database: they start together on an empty database (the migrations run once, under the
 * advisory lock), then share the work: quotas, check-ins and, with Redis, the rate limits.
 * Without a Redis at 127.0.0.1:6379 (or TEST_REDIS_URL) the rate-limit test is skipped.
 */
jest.setTimeout(300_000);

const ADMIN = { email: 'quantri@multi.test', password: 'multi-process-admin-password' };
const LOGIN_LIMIT = 10;
const redisUrl = testRedisUrl();
const itWithRedis = redisUrl ? it : it.skip;

describe('two API processes on one database', () => {
  let a: BuiltApi;
  let b: BuiltApi;
  let sql: Client;
  let apis: TwoApis | undefined;

  async function user(admin: string, name: string, roles: Record<string, unknown>[]): Promise<string> {
    const email = `${name}@multi.test`;
    const password = `mat-khau-${name}-khong-doan-duoc`;
    await ok(a, 'POST', '/api/v1/users', admin, { email, password, displayName: name, roles });
    return login(b, email, password);
  }

  beforeAll(async () => {
    apis = await startTwoApis({
      name: 'multi',
      admin: ADMIN,
      // Both at once, on an empty database.
      together: true,
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
        // The rate-limit test speaks for other client addresses through X-Forwarded-For.
        TRUST_PROXY: '127.0.0.1',
        ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: uniqueRedisPrefix('multi-process') } : {}),
      },
    });
    ({ a, b, sql } = apis);
  });
  afterAll(() => apis?.stop());

  it('started together on an empty database: every migration applied once, the seed and the administrator once', async () => {
    const { rows } = await sql.query<{ name: string; n: number }>(
      `SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name`,
    );
    expect(rows).toHaveLength(ALL_MIGRATIONS.length);
    expect(rows.filter((row) => row.n !== 1)).toEqual([]);
    const fromA = await ok<{ page: { total: number } }>(a, 'GET', '/api/v1/sessions?limit=1');
    const fromB = await ok<{ page: { total: number } }>(b, 'GET', '/api/v1/sessions?limit=1');
    expect(fromA.page.total).toBeGreaterThan(0);
    expect(fromB.page.total).toBe(fromA.page.total);
    expect((await sql.query(`SELECT 1 FROM app_user WHERE email = $1`, [ADMIN.email])).rowCount).toBe(1);
    // A seed loaded twice side by side would have made each seeded session twice.
    const seed = JSON.parse(readFileSync(path.resolve(__dirname, '../seeds/catalogue.json'), 'utf8')) as {
      sessions: unknown[];
    };
    const { rows: seeded } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM training_session`);
    expect(seeded[0].n).toBe(seed.sessions.length);
  });

  it('400 simultaneous registrations split across both never exceed a quota; a code scanned on both is recorded once', async () => {
    const admin = await login(a, ADMIN.email, ADMIN.password);
    const organiser = await user(admin, 'to-chuc', [{ role: 'organiser' }]);
    const provinces = (
      await ok<{ items: { id: number }[] }>(a, 'GET', '/api/v1/provinces?era=2025&limit=100')
    ).items.slice(0, 4);
    const QUOTA = 25;

    async function openSession(title: string, startsOn: string, endsOn: string, quota: number) {
      const session = await ok<{ id: number }>(a, 'POST', '/api/v1/sessions', organiser, {
        title,
        kind: 'training_conference',
        startsOn,
        endsOn,
      });
      const at = (path: string) => `/api/v1/sessions/${session.id}${path}`;
      await ok(b, 'PUT', at('/invitations'), organiser, { provinceIds: provinces.map((p) => p.id) });
      for (const status of ['scheduled', 'registration_open'])
        await ok(a, 'POST', at('/status'), organiser, { status });
      await ok(b, 'PUT', at('/registration-settings'), organiser, {
        opensAt: fromNow(-HOUR),
        closesAt: fromNow(24 * HOUR),
        moderated: false,
        quotas: provinces.map((p) => ({ provinceId: p.id, quota })),
      });
      return session.id;
    }

    const sessionId = await openSession('Tập huấn hai tiến trình', vnDayFromNow(30), vnDayFromNow(31), QUOTA);
    const delegates = await Promise.all(
      provinces.map((p, i) => user(admin, `dai-bieu-${i}`, [{ role: 'province_delegate', provinceId: p.id }])),
    );
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        call<{ status: string }>(
          i % 2 === 0 ? a : b,
          'POST',
          `/api/v1/sessions/${sessionId}/registrations`,
          delegates[i % 4],
          { fullName: `Người Thứ ${i}`, agency: 'Sở Văn hóa', phone: `09${String(10_000_000 + i)}` },
        ),
      ),
    );
    expect(results.filter((res) => res.status !== 201).map((res) => res.status)).toEqual([]);
    const statuses = results.map((res) => res.body.status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(4 * QUOTA);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(400 - 4 * QUOTA);
    const { rows: quotas } = await sql.query<{ confirmed_count: number; quota: number; rows: number }>(
      `SELECT q.confirmed_count, q.quota,
              (SELECT count(*)::int FROM registration r
                WHERE r.session_id = q.session_id AND r.province_id = q.province_id AND r.status = 'confirmed') AS rows
         FROM province_quota q WHERE q.session_id = $1`,
      [sessionId],
    );
    expect(quotas).toEqual(provinces.map(() => ({ confirmed_count: QUOTA, quota: QUOTA, rows: QUOTA })));

    // Check-in: a session on now, a part under way, one confirmed person scanned on both at once.
    const today = await openSession('Tập huấn đang diễn ra', vnDayFromNow(-1), vnDayFromNow(1), 5);
    const coordinator = await user(admin, 'dieu-phoi', [{ role: 'coordinator', sessionId: today }]);
    const part = await ok<{ id: number }>(a, 'POST', `/api/v1/sessions/${today}/parts`, organiser, {
      label: 'Buổi sáng',
      startsAt: fromNow(-HOUR),
      endsAt: fromNow(HOUR),
    });
    const person = await ok<{ id: number; status: string }>(
      b,
      'POST',
      `/api/v1/sessions/${today}/registrations`,
      delegates[0],
      { fullName: 'Nguyễn Thị Điểm Danh', agency: 'Ban Tuyên giáo Tỉnh ủy', phone: '0987000111' },
    );
    expect(person.status).toBe('confirmed');
    const { code } = await ok<{ code: string }>(
      a,
      'GET',
      `/api/v1/registrations/${person.id}/check-in-code`,
      delegates[0],
    );
    const scans = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call<{ outcome: string }>(
          i % 2 === 0 ? a : b,
          'POST',
          `/api/v1/sessions/${today}/parts/${part.id}/check-ins`,
          coordinator,
          { code },
        ),
      ),
    );
    expect(scans.filter((res) => res.status !== 200 && res.status !== 201).map((res) => res.status)).toEqual([]);
    expect(scans.filter((res) => res.body.outcome === 'checked_in')).toHaveLength(1);
    expect(scans.filter((res) => res.body.outcome === 'already')).toHaveLength(99);
    const { rows: attendance } = await sql.query(`SELECT 1 FROM attendance WHERE part_id = $1`, [part.id]);
    expect(attendance).toHaveLength(1);
  });

  itWithRedis('with Redis the login limit is one budget across both processes, not one each', async () => {
    // One client address (a proxy's X-Forwarded-For), attempts alternating between the processes.
    const from = { 'x-forwarded-for': '203.0.113.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LOGIN_LIMIT; i++) {
      const res = await call(
        i % 2 === 0 ? a : b,
        'POST',
        '/api/v1/auth/login',
        undefined,
        {
          email: 'khong-co@multi.test',
          password: 'sai-mat-khau',
        },
        from,
      );
      statuses.push(res.status);
    }
    // In memory each process would let LOGIN_LIMIT through (2 × LOGIN_LIMIT in all).
    expect(statuses.filter((status) => status !== 429)).toHaveLength(LOGIN_LIMIT);
    expect(statuses.slice(LOGIN_LIMIT)).toEqual(Array(LOGIN_LIMIT).fill(429));
    // Another address still has its own budget.
    const other = await call(
      a,
      'POST',
      '/api/v1/auth/login',
      undefined,
      { email: 'x@multi.test', password: 'y' },
      {
        'x-forwarded-for': '203.0.113.78',
      },
    );
    expect(other.status).not.toBe(429);
  });
});

/** Live processes whose parent is `pid` (from /proc: Linux, as this suite's start-up tests). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') children.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return children;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!condition()) throw new Error(`gave up waiting: ${what}`);
}

describe('WEB_CONCURRENCY=2: one port, two worker processes (node:cluster)', () => {
  it('runs two workers on one port, replaces one that dies, and on SIGTERM stops both and exits 0', async () => {
    await ensureApiBuilt();
    const db = await createTestDatabase();
    let api: BuiltApi | undefined;
    try {
      // LOG_LEVEL info: the start and stop of each worker are logged at that level.
      api = await spawnBuiltApi({
        DATABASE_URL: db.url,
        SEED_ON_START: 'never',
        WEB_CONCURRENCY: '2',
        LOG_LEVEL: 'info',
      });
      const primary = api.child.pid!;
      // The primary says so once both workers listen (the first one alone already answers /health/ready).
      await until(() => api!.output().includes('2 API processes listening'), 'both workers listening');
      expect(childrenOf(primary)).toHaveLength(2);
      const workers = childrenOf(primary);
      const baseUrl = api.baseUrl;
      const sessions = async () => (await fetch(`${baseUrl}/api/v1/sessions?limit=1`)).status;
      expect(await Promise.all(Array.from({ length: 20 }, sessions))).toEqual(Array(20).fill(200));

      // A worker killed outright is replaced; the port keeps answering meanwhile.
      process.kill(workers[0], 'SIGKILL');
      await until(() => {
        const now = childrenOf(primary);
        return now.length === 2 && !now.includes(workers[0]);
      }, 'a replacement worker');
      expect(await sessions()).toBe(200);

      // SIGTERM: each worker runs the API's own graceful shutdown (in-flight requests finish,
      // tested in startup.e2e-spec for one process); the primary waits for all, then exits 0.
      const current = childrenOf(primary);
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
      expect(api.output()).toContain('2 workers finishing their requests');
      expect(api.output()).toContain('All workers stopped');
      expect(current.filter(existsProcess)).toEqual([]);
    } finally {
      if (api?.child.exitCode === null) {
        const workers = childrenOf(api.child.pid!);
        api.child.kill('SIGKILL');
        for (const pid of workers) process.kill(pid, 'SIGKILL');
      }
      await db.drop();
    }
  });
});

function existsProcess(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
