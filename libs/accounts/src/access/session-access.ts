import { forbidden, notFound } from '@app/common';
import { AuthUser, canActOnSession, delegateProvinceId, isAdmin } from '../roles';

/**
 * Where a user stands on one training session:
 * - organiser: organisers of the session and admins (settings, approvals, every province);
 * - coordinator: coordinators of the session (the door: attendance; reads every province);
 * - delegate: a province delegate, limited to their own province's people.
 */
export type SessionAccess = { kind: 'organiser' } | { kind: 'coordinator' } | { kind: 'delegate'; provinceId: number };
export type SessionStanding = SessionAccess['kind'];

const STAFF = ['organiser', 'coordinator'] as const;
const ANYONE = ['organiser', 'coordinator', 'delegate'] as const;

interface Rule {
  /** Who may do it. */
  who: readonly SessionStanding[];
  /** What a 403 says (a function of the session when it names it). */
  refusal?: string | ((sessionId: number) => string);
  /** Said when a delegate asks for another province's people by a parameter (403, not 404). */
  otherProvince?: string;
  /** A resource of this kind is not disclosed (404) to those who may not do this with it. */
  hidden?: boolean;
}

/**
 * The one policy for what may be done on a session and its people. Every use case names its
 * action here instead of checking roles itself, so the same caller gets the same answer
 * everywhere.
 */
const POLICY = {
  // The catalogue: a session's own fields, agenda, organisers, invitations, lifecycle.
  'session.change': {
    who: ['organiser'],
    refusal: (sessionId: number) => `Your organiser role does not allow you to change session ${sessionId}.`,
  },
  // Registration.
  'registration.configure': {
    who: ['organiser'],
    refusal: 'Only organisers of this session change its registration settings.',
  },
  'registration.settings': {
    who: ANYONE,
    refusal: 'Only organisers, coordinators and province delegates see registration settings.',
  },
  'registration.list': {
    who: ANYONE,
    refusal: 'Only organisers, coordinators and province delegates see registrations.',
  },
  'registration.read': { who: ANYONE },
  'registration.register': { who: ['delegate'], refusal: 'Registrations are made by the province delegates.' },
  'registration.upload': { who: ['delegate'], refusal: 'Bulk registration is made by the province delegates.' },
  'registration.change': { who: ['organiser', 'delegate'], refusal: 'Your role cannot change this registration.' },
  'registration.moderate': { who: ['organiser'], refusal: 'Your role cannot change this registration.' },
  'registration.audit': { who: ['organiser'], hidden: true },
  'registration.check-in-code': { who: ANYONE },
  // Attendance.
  'attendance.record': { who: STAFF, refusal: 'Only coordinators and organisers of this session record attendance.' },
  'attendance.undo': { who: STAFF, hidden: true },
  'attendance.parts': { who: STAFF, refusal: 'Only organisers and coordinators of this session manage its parts.' },
  'attendance.statistics': {
    who: STAFF,
    refusal: 'Only coordinators and organisers of this session see its statistics.',
  },
  'attendance.export': {
    who: ANYONE,
    refusal: 'Only the session staff and province delegates export attendance.',
    otherProvince: "A delegate exports their own province's list only.",
  },
} as const satisfies Record<string, Rule>;

export type SessionAction = keyof typeof POLICY;
/** The standing an allowed action implies (a delegate-only action answers the delegate's province). */
export type AccessFor<A extends SessionAction> = Extract<SessionAccess, { kind: (typeof POLICY)[A]['who'][number] }>;

export interface AccessRequest<A extends SessionAction = SessionAction> {
  session: number | string;
  action: A;
  /** The province whose people are concerned (a row's, or one asked for by a parameter). */
  province?: number;
  /**
   * The thing acted on, when the caller named it by id: whoever may not know it exists (no
   * standing on its session, another province's row, or a hidden action) gets its 404.
   */
  resource?: { what: string; id: number | string };
}

/** Where the user stands on the session, or null with no standing there. */
export function sessionAccess(user: AuthUser, sessionId: number | string): SessionAccess | null {
  if (canActOnSession(user, 'organiser', sessionId)) return { kind: 'organiser' };
  if (canActOnSession(user, 'coordinator', sessionId)) return { kind: 'coordinator' };
  const provinceId = delegateProvinceId(user);
  return provinceId === null ? null : { kind: 'delegate', provinceId };
}

/**
 * Answers the user's standing on the session when the action is allowed; otherwise throws
 * 404 for what the user may not know exists (a named resource) and 403 for what they see but
 * may not do. Call it first in each use case (after loading the resource, when the session is
 * known only through it).
 */
export function requireAccess<A extends SessionAction>(user: AuthUser, request: AccessRequest<A>): AccessFor<A> {
  const rule: Rule = POLICY[request.action];
  const sessionId = Number(request.session);
  const hide = () => notFound(request.resource!.what, request.resource!.id);
  const refuse = () =>
    forbidden(typeof rule.refusal === 'function' ? rule.refusal(sessionId) : (rule.refusal ?? 'Forbidden.'));
  const access = sessionAccess(user, sessionId);
  if (!access) throw request.resource ? hide() : refuse();
  if (access.kind === 'delegate' && request.province !== undefined && request.province !== access.provinceId) {
    throw request.resource ? hide() : forbidden(rule.otherProvince ?? 'Your province only.');
  }
  if (!rule.who.includes(access.kind)) throw request.resource && rule.hidden ? hide() : refuse();
  return access as AccessFor<A>;
}

/**
 * A record one user made for themselves (a stored import proposal): its author and admins see
 * it; to everyone else it does not exist (404, the same answer as a hidden session resource).
 */
export function requireAuthorOrAdmin(user: AuthUser, record: { authorId: number; what: string; id: number | string }) {
  if (record.authorId === user.id || isAdmin(user)) return;
  throw notFound(record.what, record.id);
}
