/**
 * Roles and the pure rules about them. No Nest, no database: used by the guard, by services
 * of every library, and by the user administration.
 */
export const ROLES = ['admin', 'organiser', 'coordinator', 'province_delegate'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may be limited to one training session (NULL session = every session). */
export const SESSION_SCOPABLE_ROLES: readonly Role[] = ['organiser', 'coordinator'];

/** One role held by a user, possibly scoped. */
export interface RoleGrant {
  role: Role;
  /** Set: the grant applies to this training session only. Null: every session. */
  sessionId: number | null;
  /** Set for (and only for) province_delegate: the province the account speaks for. */
  provinceId: number | null;
}

/** The authenticated caller, as `@CurrentUser()` hands it to controllers. */
export interface AuthUser {
  id: number;
  email: string;
  roles: RoleGrant[];
}

export function isAdmin(user: AuthUser | undefined | null): boolean {
  return !!user && user.roles.some((grant) => grant.role === 'admin');
}

/**
 * True when the user may call a route restricted to `roles` (any scope). Admin may call every
 * route. An empty list means "any authenticated user".
 */
export function hasAnyRole(user: AuthUser, roles: readonly Role[]): boolean {
  if (roles.length === 0 || isAdmin(user)) return true;
  return user.roles.some((grant) => roles.includes(grant.role));
}

/**
 * True when the user holds one of `roles` for every session (an unscoped grant), or is admin.
 * Needed for what every session shares (the catalogue of people, organisations and documents)
 * and for figures across sessions: an organiser scoped to one session may not change those.
 */
export function hasUnscopedRole(user: AuthUser, roles: readonly Role[]): boolean {
  if (isAdmin(user)) return true;
  return user.roles.some((grant) => roles.includes(grant.role) && grant.sessionId === null);
}

/** The sessions a user holds `role` for through scoped grants (unscoped grants not included). */
export function scopedSessionIds(user: AuthUser | undefined | null, role: Role): number[] {
  return (user?.roles ?? []).flatMap((grant) =>
    grant.role === role && grant.sessionId !== null ? [grant.sessionId] : [],
  );
}

/**
 * Object-level check for session-scoped work: may `user` act as `role` (or any of `roles`) on
 * training session `sessionId`? Admin passes everything; an unscoped grant covers every session;
 * a scoped grant covers its own session only.
 */
export function canActOnSession(
  user: AuthUser | undefined | null,
  role: Role | readonly Role[],
  sessionId: number | string,
): boolean {
  if (!user) return false;
  if (isAdmin(user)) return true;
  const wanted: readonly Role[] = typeof role === 'string' ? [role] : role;
  const session = Number(sessionId);
  return user.roles.some(
    (grant) => wanted.includes(grant.role) && (grant.sessionId === null || grant.sessionId === session),
  );
}

/** The province a delegate account speaks for, or null when the user is no province delegate. */
export function delegateProvinceId(user: AuthUser | undefined | null): number | null {
  return user?.roles.find((grant) => grant.role === 'province_delegate')?.provinceId ?? null;
}

/** A complaint about one grant in a list, with the field it concerns. */
export interface GrantProblem {
  index: number;
  field: 'role' | 'sessionId' | 'provinceId';
  message: string;
}

/**
 * Shape rules for a set of grants (the database enforces the same with CHECK and unique indexes;
 * checking here gives a 400 naming the field instead of a constraint error).
 */
export function grantProblems(grants: readonly RoleGrant[]): GrantProblem[] {
  const problems: GrantProblem[] = [];
  const seen = new Set<string>();
  let delegateGrants = 0;
  grants.forEach((grant, index) => {
    if (!ROLES.includes(grant.role)) {
      problems.push({ index, field: 'role', message: `must be one of ${ROLES.join(', ')}` });
      return;
    }
    if (grant.role === 'province_delegate') {
      delegateGrants++;
      if (grant.provinceId === null) {
        problems.push({ index, field: 'provinceId', message: 'is required for a province delegate' });
      }
    } else if (grant.provinceId !== null) {
      problems.push({ index, field: 'provinceId', message: 'is only allowed for a province delegate' });
    }
    if (grant.sessionId !== null && !SESSION_SCOPABLE_ROLES.includes(grant.role)) {
      problems.push({
        index,
        field: 'sessionId',
        message: `only ${SESSION_SCOPABLE_ROLES.join(' and ')} grants can be scoped to a session`,
      });
    }
    const key = `${grant.role}:${grant.sessionId ?? 0}`;
    if (seen.has(key)) problems.push({ index, field: 'role', message: 'is granted twice with the same scope' });
    seen.add(key);
    if (grant.role === 'province_delegate' && delegateGrants > 1) {
      problems.push({ index, field: 'role', message: 'a user can be the delegate of one province only' });
    }
  });
  return problems;
}

/** Stable order for display and comparison: role order of ROLES, then session, then province. */
export function sortGrants(grants: readonly RoleGrant[]): RoleGrant[] {
  return [...grants].sort(
    (a, b) =>
      ROLES.indexOf(a.role) - ROLES.indexOf(b.role) ||
      (a.sessionId ?? 0) - (b.sessionId ?? 0) ||
      (a.provinceId ?? 0) - (b.provinceId ?? 0),
  );
}
