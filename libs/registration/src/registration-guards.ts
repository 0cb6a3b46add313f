import { EntityManager } from 'typeorm';
import { AuthUser, requireAccess, SessionAction } from '@app/accounts';
import { conflict, notFound } from '@app/common';
import { RegistrationRepository, RegistrationRow } from './registration.repository';
import { RegistrationStatus, windowIsOpen } from './registration.rules';

/**
 * Locks the session and answers its settings and whether it invited `provinceId` (one
 * statement), or 409 when its registration window is not open.
 */
export async function requireOpenWindow(
  registrations: RegistrationRepository,
  manager: EntityManager,
  sessionId: number,
  provinceId: number | null = null,
) {
  const context = await registrations.registrationContext(manager, sessionId, provinceId);
  if (!context) throw notFound('Session', sessionId);
  const { sessionStatus, settings, invited } = context;
  if (!windowIsOpen(sessionStatus, settings)) {
    throw conflict('registration-closed', 'Registration for this session is not open', {
      sessionStatus,
      opensAt: settings?.opens_at ?? null,
      closesAt: settings?.closes_at ?? null,
    });
  }
  return { settings: settings!, invited };
}

/**
 * Locks a registration the user may see (404 otherwise: another province's people are not
 * disclosed) and refuses (403) a role that may see but not change it.
 */
export async function lockVisible(
  registrations: RegistrationRepository,
  manager: EntityManager,
  id: number,
  user: AuthUser,
  action: SessionAction,
): Promise<RegistrationRow> {
  const row = await registrations.find(manager, id, true);
  if (!row) throw notFound('Registration', id);
  requireAccess(user, {
    session: row.session_id,
    action,
    province: row.province_id,
    resource: { what: 'Registration', id },
  });
  return row;
}

export function requireStatusFrom(row: RegistrationRow, from: readonly RegistrationStatus[]) {
  if (!from.includes(row.status as RegistrationStatus)) {
    throw conflict('illegal-transition', `A ${row.status} registration cannot do that`, {
      registrationStatus: row.status,
      allowedFrom: from,
    });
  }
}
