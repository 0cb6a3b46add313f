import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createUserWithRole, PROBLEM, startTestApp, TestApp } from './support/fixtures';

const INDEX =
  '<!doctype html><html lang="vi"><head><script type="module" src="/assets/index-abc123.js"></script></head></html>';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the web app served from the API process', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    // A stand-in for `vite build` output: what matters here is how the server serves it.
    webDir = mkdtempSync(path.join(tmpdir(), 'ttdn-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), INDEX);
    writeFileSync(path.join(webDir, 'assets/index-abc123.js'), 'console.log("app");');
    writeFileSync(path.join(webDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(path.join(webDir, 'manifest.webmanifest'), '{"name":"Tập huấn"}');
    t = await startTestApp({ env: { WEB_DIST_DIR: webDir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / without caching it, under the strict CSP', async () => {
    const res = await t.http().get('/').set('accept', BROWSER_ACCEPT).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(INDEX);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await t.http().get('/assets/index-abc123.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves the installable app files at the root (service worker, manifest), revalidated on each visit', async () => {
    // A service worker controls only the paths under its own URL: at /sw.js it covers the whole app.
    const worker = await t.http().get('/sw.js').expect(200);
    expect(worker.headers['content-type']).toMatch(/^text\/javascript/);
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.text).toContain('addEventListener');
    const manifest = await t.http().get('/manifest.webmanifest').expect(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(JSON.parse(manifest.text)).toEqual({ name: 'Tập huấn' });
    // A file the build did not write (no icon here) is not served.
    const icon = await t.http().get('/icon.svg').set('accept', '*/*').expect(404);
    expect(icon.headers['content-type']).toMatch(PROBLEM);
  });

  it('answers a deep link a browser opens with index.html, so the app routes it', async () => {
    for (const url of ['/phien/12', '/nguoi/3?tab=posts', '/khong-co-trang-nay']) {
      const res = await t.http().get(url).set('accept', BROWSER_ACCEPT).expect(200);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('keeps API paths, missing assets and non-HTML requests as 404 problems', async () => {
    for (const [url, accept] of [
      ['/api/v1/khong-co', BROWSER_ACCEPT],
      ['/api/v1/khong-co', 'application/json'],
      ['/assets/missing-000.js', '*/*'],
      ['/phien/12', 'application/json'],
    ]) {
      const res = await t.http().get(url).set('accept', accept).expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    // The router's own refusals keep their status with the page fallback in place.
    const long = await t
      .http()
      .get(`/api/v1/sessions/${'9'.repeat(500)}`)
      .set('accept', BROWSER_ACCEPT)
      .expect(414);
    expect(long.headers['content-type']).toMatch(PROBLEM);
    await t.http().get('/api/v1/sessions?limit=1').set('accept', BROWSER_ACCEPT).expect(200);
    await t.http().get('/health').set('accept', BROWSER_ACCEPT).expect(200);
  });
});

describe('the refresh-token cookie for browsers', () => {
  let t: TestApp;
  let user: { email: string; password: string };

  beforeAll(async () => {
    t = await startTestApp();
    const { email, password } = await createUserWithRole(t, { role: 'organiser' });
    user = { email, password };
  });
  afterAll(() => t.close());

  const cookieOf = (setCookie: string[] | string | undefined) => {
    const header = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('ttdn_refresh='));
    if (!header) throw new Error('no ttdn_refresh cookie set');
    return header;
  };

  it('login sets an httpOnly SameSite=Strict cookie scoped to the auth routes, and keeps the JSON pair', async () => {
    const res = await t.http().post('/api/v1/auth/login').send(user).expect(200);
    const cookie = cookieOf(res.headers['set-cookie']);
    expect(cookie).toContain(`ttdn_refresh=${res.body.refreshToken};`);
    expect(cookie).toMatch(/; Path=\/api\/v1\/auth;/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/; Secure/); // not in production
    expect(res.body.accessToken).toEqual(expect.any(String));
  });

  it('refresh with an empty body reads the cookie, rotates it, and the old one no longer works', async () => {
    const login = await t.http().post('/api/v1/auth/login').send(user).expect(200);
    const first = cookieOf(login.headers['set-cookie']).split(';')[0];
    const refreshed = await t.http().post('/api/v1/auth/refresh').set('cookie', first).send({}).expect(200);
    const second = cookieOf(refreshed.headers['set-cookie']).split(';')[0];
    expect(second).not.toBe(first);
    await t.http().get('/api/v1/auth/me').auth(refreshed.body.accessToken, { type: 'bearer' }).expect(200);
    const reused = await t.http().post('/api/v1/auth/refresh').set('cookie', first).send({}).expect(401);
    expect(reused.headers['content-type']).toMatch(PROBLEM);
  });

  it('refresh with neither body token nor cookie is a 401 problem', async () => {
    const res = await t.http().post('/api/v1/auth/refresh').send({}).expect(401);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('logout by cookie ends the login and clears the cookie', async () => {
    const login = await t.http().post('/api/v1/auth/login').send(user).expect(200);
    const cookie = cookieOf(login.headers['set-cookie']).split(';')[0];
    const out = await t.http().post('/api/v1/auth/logout').set('cookie', cookie).send({}).expect(204);
    expect(cookieOf(out.headers['set-cookie'])).toMatch(/^ttdn_refresh=; Max-Age=0;/);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
  });

  it('marks the cookie Secure in production', async () => {
    const prod = await startTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const { email, password } = await createUserWithRole(prod, { role: 'organiser' });
      const res = await prod.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
      expect(cookieOf(res.headers['set-cookie'])).toMatch(/; Secure$/);
    } finally {
      await prod.close();
    }
  });
});
