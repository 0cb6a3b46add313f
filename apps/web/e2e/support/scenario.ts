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

/** The calendar day (YYYY-MM-DD) in Việt Nam `days` from today. */
export const vnDay = (days: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + days * 86_400_000));

export interface DeskScenario {
  sessionId: number;
  partId: number;
  coordinator: Person;
  delegate: Person;
  organiser: Person;
  people: { id: number; fullName: string; agency: string }[];
}

/**
 * A session under way (yesterday to tomorrow, Việt Nam time) with a part open for check-in now,
 * its coordinator, and `names` registered and confirmed by one province's delegate.
 */
export async function deskSession(
  title: string,
  names: [string, string][],
  options: { provinceIndex?: number; extraInvited?: number[] } = {},
): Promise<DeskScenario> {
  const admin = await adminToken();
  const provinces = await currentProvinces();
  const province = provinces[options.provinceIndex ?? 0];
  const organiser = await createUser(admin, [{ role: 'organiser' }], 'Phạm Thị Tổ Chức');
  const delegate = await createUser(admin, [{ role: 'province_delegate', provinceId: province.id }], 'Hoàng Văn Tỉnh');
  const session = await json<{ id: number }>(
    await apiAs(organiser.token, 'POST', '/api/v1/sessions', {
      title,
      kind: 'training_conference',
      startsOn: vnDay(-1),
      endsOn: vnDay(1),
      format: 'hybrid',
    }),
    'create session',
  );
  const at = (path: string) => `/api/v1/sessions/${session.id}${path}`;
  const invited = [province.id, ...(options.extraInvited ?? []).map((index) => provinces[index].id)];
  await json(await apiAs(organiser.token, 'PUT', at('/invitations'), { provinceIds: invited }), 'invite');
  for (const status of ['scheduled', 'registration_open']) {
    await json(await apiAs(organiser.token, 'POST', at('/status'), { status }), status);
  }
  await json(
    await apiAs(organiser.token, 'PUT', at('/registration-settings'), {
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      moderated: false,
      quotas: invited.map((provinceId) => ({ provinceId, quota: 50 })),
    }),
    'registration settings',
  );
  const part = await json<{ id: number }>(
    await apiAs(organiser.token, 'POST', at('/parts'), {
      label: 'Buổi sáng',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    }),
    'part',
  );
  const people: DeskScenario['people'] = [];
  for (const [index, [fullName, agency]] of names.entries()) {
    const registration = await json<{ id: number; status: string }>(
      await apiAs(delegate.token, 'POST', at('/registrations'), {
        fullName,
        agency,
        phone: `0913 000 ${100 + index}`,
      }),
      `register ${fullName}`,
    );
    if (registration.status !== 'confirmed') throw new Error(`${fullName} is ${registration.status}`);
    people.push({ id: registration.id, fullName, agency });
  }
  const coordinator = await createUser(admin, [{ role: 'coordinator', sessionId: session.id }], 'Ngô Thị Điều Phối');
  return { sessionId: session.id, partId: part.id, coordinator, delegate, organiser, people };
}

/** The QR image the API issues for a registration, as a data: URL for the fake camera. */
export async function qrDataUrl(token: string, registrationId: number): Promise<string> {
  const res = await apiAs(token, 'GET', `/api/v1/registrations/${registrationId}/qr.png`);
  if (!res.ok) throw new Error(`qr ${registrationId}: ${res.status}`);
  return `data:image/png;base64,${Buffer.from(await res.arrayBuffer()).toString('base64')}`;
}

export async function checkInCode(token: string, registrationId: number): Promise<string> {
  return (
    await json<{ code: string }>(
      await apiAs(token, 'GET', `/api/v1/registrations/${registrationId}/check-in-code`),
      'code',
    )
  ).code;
}
