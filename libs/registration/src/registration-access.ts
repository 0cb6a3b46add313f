import { HttpStatus } from '@nestjs/common';
import { AuthUser, canActOnSession, delegateProvinceId } from '@app/accounts';
import { ProblemException } from '@app/common';

/**
 * What a caller may do with one session's registrations:
 * - manage: organisers of the session and admins (settings, approvals, every province);
 * - read: coordinators of the session (every province, no changes);
 * - delegate: a province delegate, limited to their own province's people.
 */
export type RegistrationAccess = { kind: 'manage' } | { kind: 'read' } | { kind: 'delegate'; provinceId: number };

export function accessFor(user: AuthUser, sessionId: number): RegistrationAccess | null {
  if (canActOnSession(user, 'organiser', sessionId)) return { kind: 'manage' };
  if (canActOnSession(user, 'coordinator', sessionId)) return { kind: 'read' };
  const provinceId = delegateProvinceId(user);
  return provinceId === null ? null : { kind: 'delegate', provinceId };
}

export const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', detail);

/** Rows of another province are "not found" to a delegate: existence is not disclosed. */
export function canSeeRow(access: RegistrationAccess, provinceId: number): boolean {
  return access.kind !== 'delegate' || access.provinceId === provinceId;
}
