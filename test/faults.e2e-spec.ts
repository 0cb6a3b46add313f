import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { runSeed } from '@app/catalogue';
import { loadAppConfig } from '@app/common';
import { buildDataSourceOptions, ensureDatabase, RunningEmbeddedPostgres, startEmbeddedPostgres } from '@app/database';
import { createApiApplication } from '../apps/api/src/create-app';
import { ensureApiBuilt, freePort, sleep, spawnBuiltApi } from './support/built-api';
import { createTestDatabase, TestDatabase } from './support/test-database';
import {
  bearer,
  delegateOf,
  PROBLEM,
  STACK,
  type TestApp,
  tokenFor,
  waitUntil,
  vnDayFromNow,
} from './support/fixtures';

/*
 * Faults the API must survive. The pool-exhaustion case (503 instead of waiting) is in
 * foundation.e2e-spec.ts, "fails fast with 503 when the pool is exhausted".
 */

interface Outcome {
  op: string;
  phase: string;
  status: number;
  contentType: string;
  body: Record<string, unknown>;
  text: string;
  error?: string;
  /** Bulk uploads: which batch; single registrations: the name sent. */
  label?: string;
}

describe('faults: PostgreSQL stopped while requests flow', () => {
  const dataDir = path.resolve(`.data/pg-faults-${process.pid}`);
  const database = 'ttdn_faults';
  let pgPort: number;
  let pg: RunningEmbeddedPostgres | undefined;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let t: TestApp;

  beforeAll(async () => {
    pgPort = await freePort();
    pg = await startEmbeddedPostgres({ dataDir, port: pgPort, durable: false });
    await ensureDatabase(pg.adminUrl, database);
    const databaseUrl = pg.urlFor(database);
    const dataSource = new DataSource(buildDataSourceOptions(databaseUrl));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await runSeed(dataSource);
    } finally {
      await dataSource.destroy();
    }
    const config = loadAppConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'silent',
      JWT_SECRET: 'faults-test-secret-that-is-at-least-32-characters',
      DB_POOL_SIZE: '8',
      DB_CONNECT_TIMEOUT_MS: '1000',
      RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    });
    app = await createApiApplication(config, databaseUrl);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    const db: TestDatabase = { name: database, url: databaseUrl, drop: async () => undefined };
    t = { app, db, http: () => request(baseUrl), close: () => app.close() };
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await pg?.stop();
    // placement.dataDir differs from dataDir when the cluster had to be kept outside a private folder.
    const cluster = pg?.placement.dataDir ?? dataDir;
    for (const leftover of [dataDir, cluster, `${dataDir}.password`, `${dataDir}.owner`]) {
      await fs.rm(leftover, { recursive: true, force: true });
    }
  });

  it('answers 503 problem+json while it is down, serves again when it is back, and leaves no half-written registration', async () => {
    const provinces = (await t.http().get('/api/v1/provinces').query({ era: '2025', limit: 100 }).expect(200)).body
      .items as {
      id: number;
      name: string;
    }[];
    const [first, second] = provinces;
    const organiserToken = await tokenFor(t, { role: 'organiser' });
    const delegates: string[] = [];
    for (const province of [first, second]) {
      delegates.push(await delegateOf(t, province));
    }
    const session = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiserToken))
        .send({ title: 'Tập huấn sự cố cơ sở dữ liệu', kind: 'training_conference', startsOn: vnDayFromNow(30) })
        .expect(201)
    ).body;
    const id = session.id as number;
    await t
      .http()
      .put(`/api/v1/sessions/${id}/invitations`)
      .set(bearer(organiserToken))
      .send({ provinceIds: [first.id, second.id] })
      .expect(200);
    for (const status of ['scheduled', 'registration_open']) {
      await t.http().post(`/api/v1/sessions/${id}/status`).set(bearer(organiserToken)).send({ status }).expect(200);
    }
    await t
      .http()
      .put(`/api/v1/sessions/${id}/registration-settings`)
      .set(bearer(organiserToken))
      .send({
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        moderated: false,
        capacity: 70,
        // Small enough that the run goes past them: confirmations and the waitlist both get exercised.
        quotas: [
          { provinceId: first.id, quota: 40 },
          { provinceId: second.id, quota: 40 },
        ],
      })
      .expect(200);

    // Requests in a loop from several clients, while the database goes away and comes back.
    let phase = 'up';
    let running = true;
    let sequence = 0;
    const BATCH_ROWS = 25;
    const outcomes: Outcome[] = [];
    const record = async (op: string, label: string | undefined, send: () => request.Test) => {
      const startedIn = phase;
      try {
        const res = await send();
        outcomes.push({
          op,
          label,
          phase: startedIn === phase ? startedIn : `${startedIn}->${phase}`,
          status: res.status,
          contentType: String(res.headers['content-type'] ?? ''),
          body: (res.body ?? {}) as Record<string, unknown>,
          text: res.text ?? '',
        });
      } catch (error) {
        outcomes.push({
          op,
          label,
          phase: startedIn,
          status: 0,
          contentType: '',
          body: {},
          text: '',
          error: String(error),
        });
      }
    };
    const operations = [
      (worker: number) => {
        const n = ++sequence;
        const name = `Cán bộ thử số ${n}`;
        return record('register', name, () =>
          t
            .http()
            .post(`/api/v1/sessions/${id}/registrations`)
            .set(bearer(delegates[worker % 2]))
            .send({ fullName: name, agency: 'Sở Ngoại vụ', phone: `0931${String(n).padStart(6, '0')}` }),
        );
      },
      (worker: number) => {
        const batch = ++sequence;
        const rows = Array.from(
          { length: BATCH_ROWS },
          (_, k) => `Lô ${batch} người ${k + 1},Công an tỉnh,0941${String(batch * 100 + k).padStart(6, '0')}`,
        );
        return record('bulk', `Lô ${batch} `, () =>
          t
            .http()
            .post(`/api/v1/sessions/${id}/registrations/bulk`)
            .set(bearer(delegates[worker % 2]))
            .set('content-type', 'text/csv')
            .send(['Họ và tên,Cơ quan,Điện thoại', ...rows].join('\n')),
        );
      },
      () => record('session', undefined, () => t.http().get(`/api/v1/sessions/${id}`)),
      () => record('search', undefined, () => t.http().get('/api/v1/sessions').query({ q: 'tap huan', limit: 5 })),
    ];
    const workers = Array.from({ length: 6 }, async (_, worker) => {
      // Bounded: at most 2,000 requests per client even if something below never returns.
      for (let i = 0; running && i < 2000; i++) {
        await operations[(worker + i) % operations.length](worker);
        if (phase !== 'up') await sleep(10);
      }
    });
    const count = (which: string) => outcomes.filter((outcome) => outcome.phase === which).length;

    try {
      await waitUntil(() => count('up') >= 40, 'traffic before the outage', { intervalMs: 100, maxAttempts: 600 });
      phase = 'stopping';
      await pg!.stop();
      phase = 'down';
      await waitUntil(() => count('down') >= 30, 'traffic during the outage', { intervalMs: 100, maxAttempts: 600 });

      // Still alive and says so; not ready, in the one error format.
      await t.http().get('/health').expect(200);
      const ready = await t.http().get('/health/ready').expect(503);
      expect(ready.headers['content-type']).toMatch(PROBLEM);

      pg = await startEmbeddedPostgres({ dataDir, port: pgPort, durable: false });
      phase = 'recovering';
      await waitUntil(async () => (await t.http().get('/health/ready')).status === 200, 'readiness', {
        intervalMs: 100,
        maxAttempts: 300,
      });
      phase = 'back';
      await waitUntil(() => count('back') >= 40, 'traffic after the outage', { intervalMs: 100, maxAttempts: 600 });
    } finally {
      running = false;
      await Promise.all(workers);
    }

    // The process never dropped a connection or crashed: every request got an HTTP answer.
    expect(outcomes.filter((outcome) => outcome.status === 0)).toEqual([]);
    // Only successes and 503s, whatever the phase; never a 500.
    const expected: Record<string, number[]> = { register: [201], bulk: [201], session: [200], search: [200] };
    const unexpected = outcomes.filter((o) => o.status !== 503 && !expected[o.op].includes(o.status));
    expect(unexpected.map((o) => `${o.phase} ${o.op} ${o.status} ${o.text.slice(0, 200)}`)).toEqual([]);
    // Down: every answer is a 503 problem saying the database is unavailable, with no internals.
    const down = outcomes.filter((o) => o.phase === 'down');
    expect(down.length).toBeGreaterThanOrEqual(30);
    expect(down.filter((o) => o.status !== 503).map((o) => `${o.op} ${o.status}`)).toEqual([]);
    for (const failed of outcomes.filter((o) => o.status === 503)) {
      expect(failed.contentType).toMatch(PROBLEM);
      expect(failed.body).toMatchObject({ status: 503, type: expect.stringMatching(/database-unavailable$/) });
      expect(failed.text).not.toMatch(STACK);
    }
    // Back: served again by the same process, no restart.
    const back = outcomes.filter((o) => o.phase === 'back');
    expect(back.filter((o) => o.status !== 503).length).toBeGreaterThan(0);
    expect(back.filter((o) => o.status === 503).map((o) => `${o.op} ${o.text.slice(0, 200)}`)).toEqual([]);

    // Nothing half-written, checked straight in the database.
    const client = new Client({ connectionString: pg!.urlFor(database) });
    await client.connect();
    try {
      const quotas = await client.query<{ province_id: number; confirmed_count: number; confirmed: number }>(
        `SELECT q.province_id, q.confirmed_count,
                (SELECT count(*)::int FROM registration r
                  WHERE r.session_id = q.session_id AND r.province_id = q.province_id AND r.status = 'confirmed') AS confirmed
           FROM province_quota q WHERE q.session_id = $1`,
        [id],
      );
      expect(quotas.rows).toHaveLength(2);
      for (const row of quotas.rows) expect(row.confirmed_count).toBe(row.confirmed);
      const [settings] = (
        await client.query<{ confirmed_count: number; confirmed: number }>(
          `SELECT s.confirmed_count, (SELECT count(*)::int FROM registration r
                   WHERE r.session_id = s.session_id AND r.status = 'confirmed') AS confirmed
             FROM registration_settings s WHERE s.session_id = $1`,
          [id],
        )
      ).rows;
      expect(settings.confirmed_count).toBe(settings.confirmed);
      // Every registration has exactly its one creation audit entry, and no entry lacks its registration.
      const audit = await client.query<{ id: string; entries: number }>(
        `SELECT r.id, (SELECT count(*)::int FROM audit_log a WHERE a.entity_type = 'registration'
                         AND a.entity_id = r.id::text AND a.action LIKE 'registration.created%') AS entries
           FROM registration r WHERE r.session_id = $1`,
        [id],
      );
      expect(audit.rows.filter((row) => row.entries !== 1)).toEqual([]);
      const orphans = await client.query(
        `SELECT a.id FROM audit_log a WHERE a.entity_type = 'registration' AND a.action LIKE 'registration.created%'
            AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.id::text = a.entity_id)`,
      );
      expect(orphans.rows).toEqual([]);
      // A bulk upload is one transaction: all of its rows or none, and all of them when it answered 201.
      const names = new Set(
        (
          await client.query<{ full_name: string }>(`SELECT full_name FROM registration WHERE session_id = $1`, [id])
        ).rows.map((row) => row.full_name),
      );
      for (const upload of outcomes.filter((o) => o.op === 'bulk')) {
        const stored = [...names].filter((name) => name.startsWith(upload.label!)).length;
        expect([0, BATCH_ROWS]).toContain(stored);
        if (upload.status === 201) expect(stored).toBe(BATCH_ROWS);
      }
      for (const single of outcomes.filter((o) => o.op === 'register' && o.status === 201)) {
        expect(names.has(single.label!)).toBe(true);
      }
      // The run went past the quotas and the capacity: some confirmed, some waitlisted, none over.
      const statuses = await client.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM registration WHERE session_id = $1 GROUP BY status`,
        [id],
      );
      const byStatus = Object.fromEntries(statuses.rows.map((row) => [row.status, row.n]));
      expect(byStatus.confirmed).toBeLessThanOrEqual(70);
      expect(byStatus.waitlisted ?? 0).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  }, 240_000);
});

/** An HTTP request whose body is held back until `finish()`: in flight on the server once `accepted` resolves. */
function heldRequest(
  baseUrl: string,
  urlPath: string,
  body: string,
  agent: http.Agent = new http.Agent({ keepAlive: false }),
) {
  const payload = Buffer.from(body);
  const req = http.request(`${baseUrl}${urlPath}`, {
    method: 'POST',
    agent,
    headers: {
      'content-type': 'application/json',
      'content-length': String(payload.length),
      // The server answers "100 Continue" once it has parsed the headers: proof that it is handling it.
      expect: '100-continue',
    },
  });
  const accepted = new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve());
    req.once('error', reject);
  });
  const response = new Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      req.once('error', reject);
      req.once('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
        res.on('error', reject);
      });
    },
  );
  // Unobserved until awaited: keep an early failure from becoming an unhandled rejection.
  accepted.catch(() => undefined);
  response.catch(() => undefined);
  req.flushHeaders();
  return { accepted, finish: () => req.end(payload), response: () => response };
}

/** One request on a new connection: its status, or the connection error code. */
async function probe(baseUrl: string, urlPath: string): Promise<{ status?: number; code?: string; text?: string }> {
  return new Promise((resolve) => {
    const req = http.get(`${baseUrl}${urlPath}`, { agent: new http.Agent({ keepAlive: false }) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? error.message }));
  });
}

describe('faults: SIGTERM under load (built API)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    await ensureApiBuilt();
    db = await createTestDatabase();
  }, 300_000);
  afterAll(() => db?.drop());

  it('finishes in-flight requests with 200, refuses new ones, and exits 0', async () => {
    const admin = { email: 'sigterm-admin@test.local', password: 'sigterm-password-long-enough' };
    const api = await spawnBuiltApi({
      DATABASE_URL: db.url,
      SEED_ON_START: 'never',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    });
    try {
      // Background load on keep-alive connections, before and across the signal.
      let loading = true;
      const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const load: { status?: number; code?: string; text?: string; afterSignal: boolean }[] = [];
      let signalled = false;
      const loaders = Array.from({ length: 8 }, async () => {
        for (let i = 0; loading && i < 5000; i++) {
          const afterSignal = signalled;
          const result = await new Promise<{ status?: number; code?: string; text?: string }>((resolve) => {
            const req = http.get(`${api.baseUrl}/api/v1/sessions?limit=100`, { agent: keepAlive }, (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (text += chunk));
              res.on('end', () => resolve({ status: res.statusCode, text }));
              res.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? error.message }));
            });
            req.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? error.message }));
          });
          load.push({ ...result, afterSignal });
          if (result.code) await sleep(20);
        }
      });
      await waitUntil(() => load.filter((r) => r.status === 200).length >= 50, 'load before the signal', {
        intervalMs: 100,
        maxAttempts: 600,
      });

      // Requests the server is provably handling (it sent 100 Continue), bodies held back.
      const body = JSON.stringify(admin);
      const held = Array.from({ length: 3 }, () => heldRequest(api.baseUrl, '/api/v1/auth/login', body));
      await Promise.all(held.map((h) => h.accepted));

      signalled = true;
      api.child.kill('SIGTERM');

      // New connections are refused (listener closed) or, on a race with the close, answered 503.
      const probes: { status?: number; code?: string; text?: string }[] = [];
      await waitUntil(
        async () => {
          const result = await probe(api.baseUrl, '/api/v1/sessions');
          probes.push(result);
          return result.code === 'ECONNREFUSED';
        },
        'the listener to close',
        { intervalMs: 100, maxAttempts: 100 },
      );
      for (const result of probes) {
        if (result.status !== undefined) {
          expect([200, 503]).toContain(result.status);
          if (result.status === 503) expect(JSON.parse(result.text ?? '')).toMatchObject({ status: 503 });
        } else {
          expect(['ECONNREFUSED', 'ECONNRESET']).toContain(result.code);
        }
      }

      // The held requests now complete normally.
      for (const h of held) h.finish();
      const answers = await Promise.all(held.map((h) => h.response()));
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.text).accessToken).toEqual(expect.any(String));
      }

      loading = false;
      await Promise.all(loaders);
      keepAlive.destroy();
      expect(await api.exited).toBe(0);

      // Before the signal every load request succeeded; after it, each got 200 (in flight), 503, or a refusal.
      expect(load.filter((r) => !r.afterSignal && r.status !== 200)).toEqual([]);
      for (const result of load.filter((r) => r.afterSignal)) {
        if (result.status !== undefined) expect([200, 503]).toContain(result.status);
        else expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'socket hang up']).toContain(result.code);
      }
      expect(api.output()).not.toMatch(/Unhandled|uncaught/i);
    } finally {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
  }, 120_000);
  it('closes a keep-alive connection after its in-flight response, and cuts what is left at the drain deadline (issue 11 item 13)', async () => {
    // The administrator the test above created on the same database (first start creates it).
    const admin = { email: 'sigterm-admin@test.local', password: 'sigterm-password-long-enough' };
    const api = await spawnBuiltApi({
      DATABASE_URL: db.url,
      SEED_ON_START: 'never',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      // Long enough that only the drain deadline can end the stuck request below.
      REQUEST_TIMEOUT_MS: '600000',
      SHUTDOWN_DRAIN_MS: '5000',
    });
    try {
      const body = JSON.stringify(admin);
      const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
      // A keep-alive client with a request in flight when the signal arrives...
      const inFlight = heldRequest(api.baseUrl, '/api/v1/auth/login', body, keepAlive);
      // ... and a client that never sends the rest of its body.
      const stuck = heldRequest(api.baseUrl, '/api/v1/auth/login', body);
      await Promise.all([inFlight.accepted, stuck.accepted]);

      api.child.kill('SIGTERM');
      await waitUntil(
        async () => (await probe(api.baseUrl, '/health')).code === 'ECONNREFUSED',
        'the listener to close',
        { intervalMs: 100, maxAttempts: 100 },
      );
      inFlight.finish();
      const answer = await inFlight.response();
      expect(answer.status).toBe(200);
      // Answered, then closed: the client does not send its next request into a closing server.
      expect(answer.headers.connection).toBe('close');

      // The stuck request would hold the process for REQUEST_TIMEOUT_MS; the drain deadline cuts it.
      expect(await api.exited).toBe(0);
      await expect(stuck.response()).rejects.toThrow();
      expect(api.output()).toMatch(/Drain deadline of 5000 ms reached/);
      keepAlive.destroy();
    } finally {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
  }, 120_000);
});
