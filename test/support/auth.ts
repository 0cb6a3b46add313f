import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UsersService, type Role } from '@app/accounts';
import type { TestApp } from './test-app';

/**
 * Users and tokens for e2e tests.
 *
 *   const delegate = await createUserWithRole(t, { role: 'province_delegate', provinceId });
 *   const token = await loginAs(t, delegate.email, delegate.password);
 *   await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' }).expect(200);
 *
 * Users are created directly through UsersService (no admin or HTTP needed); logins go through
 * the real POST /auth/login. Only failed logins count against the per-address limit, so logging
 * in many users in one file is fine.
 */

export interface TestUser {
  id: number;
  email: string;
  password: string;
}

export interface TestUserOptions {
  role: Role;
  /** Required by the database for province_delegate; defaults to the first current province. */
  provinceId?: number;
  /** Scope an organiser or coordinator grant to one training session. */
  sessionId?: number;
  /** Bind an organiser grant to an organisation (it then runs that organisation's sessions). */
  organisationId?: number;
  email?: string;
  password?: string;
  displayName?: string;
}

/** Creates an active user holding one role grant. Email and password are random unless given. */
export async function createUserWithRole(t: TestApp, options: TestUserOptions): Promise<TestUser> {
  const suffix = randomBytes(4).toString('hex');
  const email = options.email ?? `${options.role.replace('_', '-')}-${suffix}@test.local`;
  const password = options.password ?? `pw-${randomBytes(12).toString('base64url')}`;
  let provinceId = options.provinceId ?? null;
  if (options.role === 'province_delegate' && provinceId === null) {
    const [row]: { id: number }[] = await t.app
      .get(DataSource)
      .query(`SELECT id FROM province WHERE valid_to IS NULL ORDER BY id LIMIT 1`);
    if (!row) throw new Error('createUserWithRole: no current province in the test database');
    provinceId = row.id;
  }
  const user = await t.app.get(UsersService).create({
    email,
    password,
    displayName: options.displayName ?? `Test ${options.role} ${suffix}`,
    roles: [
      { role: options.role, sessionId: options.sessionId ?? null, provinceId, organisationId: options.organisationId },
    ],
  });
  return { id: user.id, email, password };
}

/** The header object for `.set(...)`: `t.http().get(url).set(bearer(token))`. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Logs in through POST /auth/login and returns the access token (send it as a bearer token). */
export async function loginAs(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.http().post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) {
    throw new Error(`loginAs(${email}) failed with ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body.accessToken as string;
}

/** Both steps: a new user with `role` and their access token. */
export async function signedInUser(t: TestApp, options: TestUserOptions): Promise<TestUser & { token: string }> {
  const user = await createUserWithRole(t, options);
  return { ...user, token: await loginAs(t, user.email, user.password) };
}
