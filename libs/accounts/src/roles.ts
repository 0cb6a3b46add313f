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
  /**
   * Organiser only, never with a session: the grant covers the sessions this organisation
   * organises (lead or co-organiser) and lets the user create sessions it leads. Null or absent:
   * not bound to an organisation.
   */
  organisationId?: number | null;
  /**
   * Resolved when the caller is authenticated, for an organisation-bound grant: the sessions its
   * organisation organises at this moment.
   */
  organisationSessionIds?: readonly number[];
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
  return user.roles.some((grant) => roles.includes(grant.role) && coversEverySession(grant));
}

/** A grant neither scoped to one session nor bound to an organisation. */
function coversEverySession(grant: RoleGrant): boolean {
  return grant.sessionId === null && (grant.organisationId ?? null) === null;
}

/** The sessions one grant covers, when it does not cover every session. */
function sessionsOf(grant: RoleGrant): readonly number[] {
  return grant.sessionId !== null ? [grant.sessionId] : (grant.organisationSessionIds ?? []);
}

/**
 * The organisations whose sessions the user organises through organisation-bound grants (none
 * for admins and unscoped organisers, who need no binding).
 */
export function organiserOrganisationIds(user: AuthUser | undefined | null): number[] {
  return (user?.roles ?? []).flatMap((grant) =>
    grant.role === 'organiser' && grant.organisationId ? [grant.organisationId] : [],
  );
}

/**
 * The sessions a user holds `role` for through scoped or organisation-bound grants (grants for
 * every session not included).
 */
export function scopedSessionIds(user: AuthUser | undefined | null, role: Role): number[] {
  return [
    ...new Set(
      (user?.roles ?? []).flatMap((grant) =>
        grant.role === role && !coversEverySession(grant) ? sessionsOf(grant) : [],
      ),
    ),
  ];
}

/**
 * Object-level check for session-scoped work: may `user` act as `role` (or any of `roles`) on
 * training session `sessionId`? Admin passes everything; an unscoped grant covers every session;
 * a scoped grant covers its own session only; an organisation-bound grant the sessions its
 * organisation organises.
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
    (grant) => wanted.includes(grant.role) && (coversEverySession(grant) || sessionsOf(grant).includes(session)),
  );
}

/** The province a delegate account speaks for, or null when the user is no province delegate. */
export function delegateProvinceId(user: AuthUser | undefined | null): number | null {
  return user?.roles.find((grant) => grant.role === 'province_delegate')?.provinceId ?? null;
}

/** A complaint about one grant in a list, with the field it concerns. */
export interface GrantProblem {
  index: number;
  field: 'role' | 'sessionId' | 'provinceId' | 'organisationId';
  message: string;
  /** The message catalogue's key, for the reader's language. */
  key?: string;
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
    const organisationId = grant.organisationId ?? null;
    if (organisationId !== null && (grant.role !== 'organiser' || grant.sessionId !== null)) {
      problems.push({
        index,
        field: 'organisationId',
        message: 'is only allowed for an organiser grant, without sessionId',
        key: 'organisation-only-for-organisers',
      });
    }
    const key = `${grant.role}:${grant.sessionId ?? 0}:${organisationId ?? 0}`;
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
      (a.provinceId ?? 0) - (b.provinceId ?? 0) ||
      (a.organisationId ?? 0) - (b.organisationId ?? 0),
  );
}
