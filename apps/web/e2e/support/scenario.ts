import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { apiAs, login } from './browser';

export interface Person {
  email: string;
  password: string;
  token: string;
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function adminToken(): Promise<string> {
  const { email, password } = inject('admin');
  return login(email, password);
}

/** A user created by the administrator through the API, signed in once for arranging data. */
export async function createUser(
  admin: string,
  roles: Record<string, unknown>[],
  displayName: string,
): Promise<Person> {
  const email = `nguoi-${randomBytes(4).toString('hex')}@browser.test`;
  const password = `mat-khau-${randomBytes(8).toString('hex')}`;
  await json(await apiAs(admin, 'POST', '/api/v1/users', { email, displayName, password, roles }), 'create user');
  return { email, password, token: await login(email, password) };
}

export async function currentProvinces(): Promise<{ id: number; name: string }[]> {
  const page = await json<{ items: { id: number; name: string }[] }>(
    await apiAs(null, 'GET', '/api/v1/provinces?era=2025&limit=100'),
    'provinces',
  );
  return page.items;
}

/** An organiser's session, next year, open for registration now, inviting `provinceIds` with the quotas given. */
export async function openSession(
  organiser: string,
  title: string,
  quotas: { provinceId: number; quota: number }[],
): Promise<number> {
  const nextYear = new Date().getFullYear() + 1;
  const session = await json<{ id: number }>(
    await apiAs(organiser, 'POST', '/api/v1/sessions', {
      title,
      kind: 'training_conference',
      startsOn: `${nextYear}-03-10`,
    }),
    'create session',
  );
  const at = (path: string) => `/api/v1/sessions/${session.id}${path}`;
  await json(
    await apiAs(organiser, 'PUT', at('/invitations'), { provinceIds: quotas.map((q) => q.provinceId) }),
    'invite',
  );
  for (const status of ['scheduled', 'registration_open']) {
    await json(await apiAs(organiser, 'POST', at('/status'), { status }), status);
  }
  await json(
    await apiAs(organiser, 'PUT', at('/registration-settings'), {
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      moderated: false,
      quotas,
    }),
    'registration settings',
  );
  return session.id;
}
