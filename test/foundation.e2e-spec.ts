import { ProbeModule } from './support/probe.module';
import { FaultProxy } from './support/tcp-proxy';
import { withAdminClient } from './support/test-database';
import { expectProblem, PROBLEM, startTestApp, TestApp, waitUntil } from './support/fixtures';

describe('foundation: error contract, health, docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ extraImports: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.http().get('/api/v1/no/such/route').expect(404);
    expectProblem(res, 404);
    expect(res.body.detail).toBe('No route matches GET /api/v1/no/such/route');
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('names every invalid field in a validation problem', async () => {
    const res = await t
      .http()
      .post('/api/v1/__probe/echo')
      .send({ name: 'x', count: 'many', email: 'nope', role: 'admin' })
      .expect(400);
    expectProblem(res, 400);
    const paths = (res.body.errors as { path: string }[]).map((error) => error.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['count', 'email', 'name', 'role']));
    expect(res.body.errors).toContainEqual({ path: 'role', message: 'is not an accepted field' });
  });

  it('accepts a valid body through the same pipe', async () => {
    await t
      .http()
      .post('/api/v1/__probe/echo')
      .send({ name: 'Đà Nẵng', count: 3, email: 'a@b.vn' })
      .expect(201, { name: 'Đà Nẵng', count: 3, email: 'a@b.vn' });
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const res = await t
      .http()
      .post('/api/v1/__probe/echo')
      .set('content-type', 'application/json')
      .send('{"name": "x",')
      .expect(400);
    expectProblem(res, 400);
  });

  it('hides internal errors behind a 500 problem that carries the request id', async () => {
    const res = await t.http().get('/api/v1/__probe/boom').set('x-request-id', 'trace-me-123').expect(500);
    expectProblem(res, 500);
    expect(res.body.requestId).toBe('trace-me-123');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });

  it('serves the OpenAPI document and UI', async () => {
    const json = await t.http().get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
    // The error contract is in the document: a shared Problem schema on every operation.
    expect(json.body.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail']);
    for (const item of Object.values(json.body.paths) as Record<string, { responses: Record<string, unknown> }>[]) {
      for (const operation of Object.values(item)) expect(operation.responses.default).toBeDefined();
    }
    await t.http().get('/docs').expect(200);
  });

  it('survives a terminated database backend and serves the next request', async () => {
    await t.http().get('/api/v1/__probe/count').expect(200);
    await withAdminClient(process.env.TTDN_TEST_ADMIN_URL!, (client) =>
      client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [t.db.name]),
    );
    // The pool drops the dead clients; a request may fail once with 503, never crash the process.
    const first = await t.http().get('/api/v1/__probe/count');
    expect([200, 503]).toContain(first.status);
    await t.http().get('/api/v1/__probe/count').expect(200);
  });
});

describe('foundation: database outage', () => {
  let t: TestApp;
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = FaultProxy.forUrl(process.env.TTDN_TEST_ADMIN_URL!);
    await proxy.up();
    t = await startTestApp({
      extraImports: [ProbeModule],
      env: { DB_CONNECT_TIMEOUT_MS: '1000', DB_POOL_SIZE: '2' },
      databaseUrl: (db) => proxy.rewrite(db.url),
    });
  });
  afterAll(async () => {
    await proxy.up().catch(() => undefined);
    await t.close();
    await proxy.down();
  });

  it('reports not ready (503 problem) while the database is unreachable, and recovers without a restart', async () => {
    await t.http().get('/health/ready').expect(200);
    await proxy.down();
    const down = await t.http().get('/health/ready').expect(503);
    expectProblem(down, 503);
    const query = await t.http().get('/api/v1/__probe/count').expect(503);
    expect(query.body.type).toMatch(/database-unavailable$/);
    await t.http().get('/health').expect(200);

    await proxy.up();
    await t.http().get('/health/ready').expect(200);
    await t.http().get('/api/v1/__probe/count').expect(200);
  });

  it('fails fast with 503 when the pool is exhausted instead of hanging', async () => {
    // supertest sends on then(): wrap so both requests are in flight while we probe.
    const sleepers = [
      Promise.resolve(t.http().get('/api/v1/__probe/sleep')),
      Promise.resolve(t.http().get('/api/v1/__probe/sleep')),
    ];
    // Both pool connections busy: the two sleeps are running on the server.
    await waitUntil(
      async () =>
        (
          await withAdminClient(process.env.TTDN_TEST_ADMIN_URL!, (client) =>
            client.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE 'SELECT pg_sleep%'`,
              [t.db.name],
            ),
          )
        ).rowCount === 2,
      'both pool connections run pg_sleep',
    );
    // Had it waited for a free client it would get one after the sleepers (2 s) and answer 200;
    // a 503 shows it gave up after DB_CONNECT_TIMEOUT_MS instead. (No wall-clock assertion.)
    const res = await t.http().get('/api/v1/__probe/count');
    expect(res.status).toBe(503);
    expect(res.body.type).toMatch(/database-unavailable$/);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    const slept = await Promise.all(sleepers);
    expect(slept.map((r) => r.status)).toEqual([200, 200]);
  });
});

describe('foundation: database that stops answering', () => {
  let t: TestApp;
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = FaultProxy.forUrl(process.env.TTDN_TEST_ADMIN_URL!);
    await proxy.up();
    // pg's own read timeout is the statement timeout plus 2 s: 2.5 s here.
    t = await startTestApp({
      extraImports: [ProbeModule],
      env: { DB_CONNECT_TIMEOUT_MS: '1000', DB_POOL_SIZE: '2', DB_STATEMENT_TIMEOUT_MS: '500' },
      databaseUrl: (db) => proxy.rewrite(db.url),
    });
  });
  afterAll(async () => {
    await proxy.up().catch(() => undefined);
    await t.close();
    await proxy.down();
  });

  it("answers 503 problem when pg's client-side read timeout gives up on a query (issue 11 item 12)", async () => {
    await t.http().get('/api/v1/__probe/count').expect(200);
    proxy.stall();
    const res = await t.http().get('/api/v1/__probe/count');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toMatch(/database-unavailable$/);
    expect(JSON.stringify(res.body)).not.toMatch(/timeout/i);
    // Cut the stalled connections; the pool replaces them and the API serves again.
    await proxy.down();
    await proxy.up();
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await t.http().get('/api/v1/__probe/count')).status;
    }
    expect(status).toBe(200);
  });
});
