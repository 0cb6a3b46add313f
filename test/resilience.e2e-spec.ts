import { monitorEventLoopDelay } from 'node:perf_hooks';
import { signedInUser, startTestApp, TestApp } from './support/fixtures';

/**
 * Issue 11: anonymous requests that cost the server far more than they cost the sender must not
 * take the API down for everyone else. Each test runs the attack and, at the same time, ordinary
 * authenticated traffic that must keep being served. Latencies are figures for `npm run bench`,
 * not assertions here.
 */
describe('resilience: bounded work per request', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = (await signedInUser(t, { role: 'organiser' })).token;
  });
  afterAll(() => t.close());

  const me = () => t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' });

  describe('search (item 1)', () => {
    // 66 distinct two-character words: 197 characters, under the 200-character cap of `q`.
    const worstCase = Array.from({ length: 66 }, (_, i) => `${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${i % 10}`).join(
      ' ',
    );
    const SEARCHES = ['organisations', 'documents', 'people', 'sessions', 'provinces'];

    it('ignores repeated words and words past the eighth', async () => {
      const base = await t.http().get('/api/v1/organisations').query({ q: 'tuyen giao' }).expect(200);
      expect(base.body.page.total).toBeGreaterThan(0);
      const repeated = await t
        .http()
        .get('/api/v1/organisations')
        .query({ q: 'tuyen tuyen giao tuyen giao giao' })
        .expect(200);
      expect(repeated.body.page.total).toBe(base.body.page.total);
      // Eight distinct words that all occur in one body's name, then one that occurs nowhere:
      // the ninth word on is ignored, so the body is still found (and a repeat does not count).
      const eight = 'ban tuyen giao va dan van trung uong';
      const found = await t.http().get('/api/v1/organisations').query({ q: eight }).expect(200);
      expect(found.body.page.total).toBeGreaterThan(0);
      const capped = await t
        .http()
        .get('/api/v1/organisations')
        .query({ q: `${eight} ban zzqx` })
        .expect(200);
      expect(capped.body.page.total).toBe(found.body.page.total);
      const people = await t.http().get('/api/v1/people').query({ q: worstCase }).expect(200);
      expect(people.body.items).toEqual([]);
    });

    it('keeps serving authenticated requests during 50 parallel worst-case searches (none 503)', async () => {
      expect(worstCase.length).toBeLessThanOrEqual(200);
      expect(new Set(worstCase.split(' ')).size).toBe(66);
      const searches = Array.from({ length: 50 }, (_, i) =>
        t
          .http()
          .get(`/api/v1/${SEARCHES[i % SEARCHES.length]}`)
          .query({ q: worstCase })
          .then((res) => res.status),
      );
      // Ordinary traffic sent while the searches are in flight.
      const ordinary = Array.from({ length: 10 }, () => me().then((res) => res.status));
      const ready = t
        .http()
        .get('/health/ready')
        .then((res) => res.status);
      const [searchStatuses, ordinaryStatuses, readyStatus] = await Promise.all([
        Promise.all(searches),
        Promise.all(ordinary),
        ready,
      ]);
      expect(ordinaryStatuses).toEqual(Array(10).fill(200));
      expect(readyStatus).toBe(200);
      expect(searchStatuses).toEqual(Array(50).fill(200));
    });
  });

  describe('JSON bodies with very many keys (item 2)', () => {
    const manyKeys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',')}}`;

    it('refuses an object with too many keys with a 413 problem before validating it', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(manyKeys(1_001))
        .expect(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toMatch(/too-many-keys$/);
      expect(res.body.detail).toContain('1000');
    });

    it('refuses a body with too many keys in all, spread over small objects', async () => {
      const body = `[${Array.from({ length: 11 }, () => manyKeys(1_000)).join(',')}]`;
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(body)
        .expect(413);
      expect(res.body.type).toMatch(/too-many-keys$/);
      expect(res.body.detail).toContain('10000');
    });

    it('reports at most 50 field errors, with the count of the rest', async () => {
      const body = JSON.parse(manyKeys(300)) as Record<string, number>;
      const res = await t
        .http()
        .post('/api/v1/people')
        .auth(token, { type: 'bearer' })
        .send({ fullName: 'Nguyễn Văn A', ...body })
        .expect(400);
      expect(res.body.errors).toHaveLength(50);
      expect(res.body.omittedErrors).toBe(250);
      expect(res.body.detail).toMatch(/^300 fields are invalid: .* and 250 more$/);
    });

    it('keeps /health answering, and the event loop free, during 10 requests of 90,000 keys', async () => {
      const body = manyKeys(90_000);
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      try {
        const attacks = Array.from({ length: 10 }, () =>
          t
            .http()
            .post('/api/v1/auth/login')
            .set('content-type', 'application/json')
            .send(body)
            .then((res) => res.status),
        );
        const health = Array.from({ length: 10 }, () =>
          t
            .http()
            .get('/health')
            .then((res) => res.status),
        );
        const [attackStatuses, healthStatuses] = await Promise.all([Promise.all(attacks), Promise.all(health)]);
        expect(attackStatuses).toEqual(Array(10).fill(413));
        expect(healthStatuses).toEqual(Array(10).fill(200));
      } finally {
        histogram.disable();
      }
      // A resilience bound, not a latency target: before the key caps one such body held the
      // event loop for about 5 s on a quiet machine (and far longer on a loaded one, where the
      // capped scan has been seen near 1 s). The figure itself is reported by `npm run bench`.
      expect(histogram.max / 1e6).toBeLessThan(4_000);
    });
  });

  describe('refresh-token rotation under contention (item 4)', () => {
    it('50 concurrent refreshes of one token: exactly one succeeds, none 503, other users are served', async () => {
      const user = await signedInUser(t, { role: 'coordinator' });
      const login = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
      const refreshToken = login.body.refreshToken as string;
      const refreshes = Array.from({ length: 50 }, () =>
        t
          .http()
          .post('/api/v1/auth/refresh')
          .send({ refreshToken })
          .then((res) => res.status),
      );
      const unrelated = Array.from({ length: 5 }, () => me().then((res) => res.status));
      const [statuses, unrelatedStatuses] = await Promise.all([Promise.all(refreshes), Promise.all(unrelated)]);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 401)).toHaveLength(49);
      expect(unrelatedStatuses).toEqual(Array(5).fill(200));
    });
  });
});
