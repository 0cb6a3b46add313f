import { expectProblem, PROBLEM, signedInUser, startTestApp, TestApp } from './support/fixtures';

describe('hardening: headers, CORS, body and page limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://ttdn.example.gov.vn', BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(() => t.close());

  it('sends security headers on API answers and errors alike', async () => {
    for (const res of [
      await t.http().get('/api/v1/sessions').expect(200),
      await t.http().get('/api/v1/no/such/route').expect(404),
    ]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('keeps the Swagger UI working under the content security policy', async () => {
    const page = await t.http().get('/docs').expect(200);
    const csp = page.headers['content-security-policy'];
    // Every script the page loads is a same-origin file (script-src 'self' allows them), none inline.
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      const src = /src=["']?([^"' >]+)/.exec(attributes)?.[1];
      expect(src).toBeDefined();
      const url = new URL(src!, 'http://api.local/docs');
      expect(url.host).toBe('api.local');
      await t.http().get(url.pathname).expect(200);
    }
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    await t.http().get('/docs-json').expect(200);
  });

  it('answers CORS only for the configured origins', async () => {
    const allowed = await t
      .http()
      .options('/api/v1/sessions')
      .set('origin', 'https://ttdn.example.gov.vn')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization,content-type');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ttdn.example.gov.vn');
    expect(allowed.headers['access-control-allow-headers']).toContain('authorization');
    const simple = await t.http().get('/api/v1/sessions').set('origin', 'https://ttdn.example.gov.vn').expect(200);
    expect(simple.headers['access-control-allow-origin']).toBe('https://ttdn.example.gov.vn');
    expect(simple.headers['access-control-expose-headers']).toContain('x-request-id');

    const foreign = await t
      .http()
      .options('/api/v1/sessions')
      .set('origin', 'https://evil.example.com')
      .set('access-control-request-method', 'POST');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const foreignGet = await t.http().get('/api/v1/sessions').set('origin', 'https://evil.example.com').expect(200);
    expect(foreignGet.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body over BODY_LIMIT_BYTES with 413 problem+json', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.vn', password: 'x'.repeat(8192) });
    expect(res.status).toBe(413);
    expectProblem(res);
  });

  it('answers headers too large for the HTTP parser with a 431 problem, not a bare body', async () => {
    const res = await t.http().get('/api/v1/sessions').set('x-padding', 'a'.repeat(40_000));
    expect(res.status).toBe(431);
    expectProblem(res);
  });

  it('refuses absurdly nested JSON and prototype-poisoning keys before parsing them', async () => {
    const deep = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`);
    expect(deep.status).toBe(400);
    expectProblem(deep);
    expect(deep.body.type).toMatch(/nesting-too-deep$/);
    for (const text of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
      const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(text);
      expect(res.status).toBe(400);
      expectProblem(res);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const surrogate = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":"a\\ud800@b.vn","password":"x"}');
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.type).toMatch(/invalid-unicode$/);
  });

  it('answers URLs the router refuses (long segment, bad percent-encoding) as problems', async () => {
    const long = await t.http().get(`/api/v1/sessions/${'9'.repeat(500)}`);
    expect(long.status).toBe(414);
    expectProblem(long);
    expect(long.body.type).toMatch(/uri-too-long$/);
    const bad = await t.http().get('/api/v1/sessions/%E0%A4%A');
    expect(bad.status).toBe(400);
    expectProblem(bad);
  });

  it('caps page sizes at 100 and validates paging parameters', async () => {
    for (const limit of ['101', '0', '-1', 'abc', '1e3', '10.5']) {
      const res = await t.http().get('/api/v1/sessions').query({ limit });
      expect(res.status).toBe(400);
      expectProblem(res);
      expect(res.body.errors[0].path).toBe('limit');
    }
    await t.http().get('/api/v1/sessions').query({ limit: 100 }).expect(200);
  });
});

describe('hardening: rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '40', LOGIN_RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => t.close());

  it('limits login attempts per address more strictly, with a 429 problem and Retry-After', async () => {
    // Correct credentials count too: the limit is on attempts, not only failures.
    const user = await signedInUser(t, { role: 'organiser' });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<ReturnType<TestApp['http']>['get']>> | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    // signedInUser used one attempt: four more succeed, the sixth is refused.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expectProblem(limited!);
    expect(limited!.body.type).toMatch(/rate-limited$/);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // Other routes still answer: login has its own bucket.
    await t.http().get('/api/v1/auth/me').auth(user.token, { type: 'bearer' }).expect(200);
  });

  it('limits all requests per address, never the health probes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await t.http().get('/api/v1/provinces')).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    const res = await t.http().get('/api/v1/sessions').expect(429);
    expectProblem(res);
    expect(res.headers['x-ratelimit-limit']).toBe('40');
    await t.http().get('/health').expect(200);
    await t.http().get('/health/ready').expect(200);
  });
});

describe('hardening: what answers may be kept, and who gets the API map (issue 11 items 14, 16)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('marks authenticated answers and account and registration routes no-store, not the public catalogue', async () => {
    const user = await signedInUser(t, { role: 'organiser' });
    const bearer = { type: 'bearer' } as const;
    for (const res of [
      await t.http().get('/api/v1/auth/me').auth(user.token, bearer).expect(200),
      await t.http().get('/api/v1/sessions').auth(user.token, bearer).expect(200),
      await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200),
      await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'wrong password!' }).expect(401),
      await t.http().get('/api/v1/users').expect(401),
      await t.http().get('/api/v1/registrations/1').expect(401),
    ]) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const anonymous = await t.http().get('/api/v1/sessions').expect(200);
    expect(anonymous.headers['cache-control']).toBeUndefined();
  });

  it('serves /docs outside production only, unless DOCS_PUBLIC says otherwise', async () => {
    await t.http().get('/docs-json').expect(200);
    const production = await startTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const res = await production.http().get('/docs-json').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      await production.http().get('/docs').expect(404);
      await production.http().get('/api/v1/sessions').expect(200);
    } finally {
      await production.close();
    }
    const published = await startTestApp({ env: { NODE_ENV: 'production', DOCS_PUBLIC: 'true' } });
    try {
      await published.http().get('/docs-json').expect(200);
    } finally {
      await published.close();
    }
    const hidden = await startTestApp({ env: { DOCS_PUBLIC: 'false' } });
    try {
      await hidden.http().get('/docs-json').expect(404);
    } finally {
      await hidden.close();
    }
  });
});
