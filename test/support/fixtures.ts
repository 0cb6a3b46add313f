import type { Response } from 'superagent';
import { DataSource } from 'typeorm';
import { bearer, signedInUser, type TestUserOptions } from './auth';
import { openRegistration, type RegistrationTerms } from './scenario';
import type { TestApp } from './test-app';

/**
 * The one place e2e files import their fixtures from: the app, users and tokens, scenarios,
 * clocks and waits, plus the small helpers every file used to re-declare for itself.
 */
export * from './auth';
export * from './clock';
export * from './redis';
export * from './scenario';
export * from './test-app';
export * from './smtp-sink';
export * from './wait';

/** Content type of every error response (RFC 9457). */
export const PROBLEM = /^application\/problem\+json/;

/**
 * A stack trace or internals leaking into a response. The union of the patterns the fault and
 * fuzz tests used: a frame with a file and line, a node_modules path, or a "stack" key.
 */
export const STACK = /at .+\.(ts|js):\d+|node_modules\/|"stack"/;

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The app's own DataSource, to look at or arrange rows directly. */
export const db = (t: TestApp): DataSource => t.app.get(DataSource);

/** Runs SQL against the app's database and returns the rows. */
export async function query<T = Record<string, unknown>>(
  t: TestApp,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return db(t).query(sql, params);
}

/** The number in column `n` of the first row: `count(t, 'SELECT count(*) AS n FROM ...')`. */
export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db(t).query(sql, params))[0].n);
}

/**
 * Asserts a response's status; on a mismatch the failure shows the status and the body (the
 * problem document of a refusal), which supertest's `.expect(status)` leaves out. Returns `res`.
 */
export function expectStatus<R extends { status: number; body?: unknown; text?: string }>(res: R, status: number): R {
  if (res.status !== status) {
    const body =
      res.body && typeof res.body === 'object' && !Buffer.isBuffer(res.body) && Object.keys(res.body).length > 0
        ? JSON.stringify(res.body, null, 2)
        : (res.text ?? '');
    throw new Error(`expected status ${status}, got ${res.status}: ${body}`);
  }
  return res;
}

/**
 * Asserts the error contract on a response: problem+json content type, the RFC 9457 members with
 * the response's own status (and `status` when given), and no stack trace.
 */
export function expectProblem(
  res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status = res.status,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      requestId: expect.any(String),
    }),
  );
  expect(JSON.stringify(res.body)).not.toMatch(/at .+\.(ts|js):\d+|stack/);
}

/** supertest parser that keeps the body as bytes (superagent hands the raw response stream): `.buffer(true).parse(binary)`. */
export const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

export interface Province {
  id: number;
  name: string;
}

/** Current (2025-era) provinces by name, read through the public API: `provincesNamed(t, 'Tuyên Quang')`. */
export async function provincesNamed(t: TestApp, ...names: string[]): Promise<Province[]> {
  const provinces = (await t.http().get('/api/v1/provinces').query({ era: '2025', limit: 100 })).body
    .items as Province[];
  return names.map((name) => {
    const province = provinces.find((p) => p.name === name);
    if (!province) throw new Error(`provincesNamed: no current province named ${name}`);
    return province;
  });
}

/** A signed-in user with this role (and scope): their access token. */
export async function tokenFor(t: TestApp, options: TestUserOptions): Promise<string> {
  return (await signedInUser(t, options)).token;
}

/** A signed-in delegate of one province: their access token. */
export async function delegateOf(t: TestApp, province: { id: number }): Promise<string> {
  return tokenFor(t, { role: 'province_delegate', provinceId: province.id });
}

/**
 * A new training conference, created by the organiser and taken to "registration open" with
 * `terms` (see openRegistration: the window, or `status: 'scheduled'` to set it without opening
 * registration yet). Returns the session id.
 */
export async function sessionOpenForRegistration(
  t: TestApp,
  organiserToken: string,
  session: { title: string; startsOn: string },
  terms: RegistrationTerms,
): Promise<number> {
  const created = (
    await t
      .http()
      .post('/api/v1/sessions')
      .set(bearer(organiserToken))
      .send({ title: session.title, kind: 'training_conference', startsOn: session.startsOn })
      .expect(201)
  ).body;
  await openRegistration(t, organiserToken, created.id, terms);
  return created.id as number;
}
