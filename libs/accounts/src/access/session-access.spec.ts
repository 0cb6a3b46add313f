import { ProblemException } from '@app/common';
import { AuthUser, RoleGrant } from '../roles';
import { requireAccess, requireAuthorOrAdmin, sessionAccess } from './session-access';

const user = (...roles: Partial<RoleGrant>[]): AuthUser => ({
  id: 1,
  email: 'u@test.local',
  roles: roles.map((grant) => ({ role: 'organiser', sessionId: null, provinceId: null, ...grant })),
});

const statusOf = (work: () => unknown): number | 'allowed' => {
  try {
    work();
    return 'allowed';
  } catch (error) {
    if (error instanceof ProblemException) return error.getStatus();
    throw error;
  }
};

const organiserOf7 = user({ role: 'organiser', sessionId: 7 });
const coordinatorOf7 = user({ role: 'coordinator', sessionId: 7 });
const delegateOf3 = user({ role: 'province_delegate', provinceId: 3 });
const admin = user({ role: 'admin' });
const row = (province: number) => ({ province, resource: { what: 'Registration', id: 11 } });

describe('sessionAccess', () => {
  it('ranks organiser over coordinator over delegate, per session', () => {
    expect(sessionAccess(organiserOf7, 7)).toEqual({ kind: 'organiser' });
    expect(sessionAccess(organiserOf7, 8)).toBeNull();
    expect(sessionAccess(coordinatorOf7, '7')).toEqual({ kind: 'coordinator' });
    expect(sessionAccess(delegateOf3, 8)).toEqual({ kind: 'delegate', provinceId: 3 });
    expect(sessionAccess(admin, 99)).toEqual({ kind: 'organiser' });
  });
});

describe('requireAccess for an organiser bound to an organisation', () => {
  const so = user({ organisationId: 40, organisationSessionIds: [5] });

  it("runs its organisation's sessions and is refused elsewhere (404 for what it names, 403 otherwise)", () => {
    for (const action of [
      'session.change',
      'registration.configure',
      'registration.moderate',
      'attendance.parts',
    ] as const) {
      expect(statusOf(() => requireAccess(so, { session: 5, action }))).toBe('allowed');
      expect(statusOf(() => requireAccess(so, { session: 6, action }))).toBe(403);
    }
    expect(statusOf(() => requireAccess(so, { session: 5, action: 'attendance.export' }))).toBe('allowed');
    expect(statusOf(() => requireAccess(so, { session: 6, action: 'registration.moderate', ...row(3) }))).toBe(404);
  });
});

describe('requireAccess', () => {
  it('answers 403 for an action the caller may see but not do', () => {
    expect(statusOf(() => requireAccess(coordinatorOf7, { session: 7, action: 'registration.configure' }))).toBe(403);
    expect(statusOf(() => requireAccess(delegateOf3, { session: 7, action: 'attendance.record' }))).toBe(403);
    expect(statusOf(() => requireAccess(organiserOf7, { session: 8, action: 'session.change' }))).toBe(403);
    expect(statusOf(() => requireAccess(organiserOf7, { session: 7, action: 'registration.register' }))).toBe(403);
  });

  it('answers 404 for a named resource the caller may not know exists', () => {
    // No standing on its session, another province's row, or a hidden action.
    expect(statusOf(() => requireAccess(organiserOf7, { session: 8, action: 'registration.read', ...row(3) }))).toBe(
      404,
    );
    expect(statusOf(() => requireAccess(delegateOf3, { session: 7, action: 'registration.read', ...row(4) }))).toBe(
      404,
    );
    expect(statusOf(() => requireAccess(delegateOf3, { session: 7, action: 'registration.audit', ...row(3) }))).toBe(
      404,
    );
  });

  it('answers 403 for a named resource the caller sees but may not change', () => {
    expect(
      statusOf(() => requireAccess(coordinatorOf7, { session: 7, action: 'registration.change', ...row(3) })),
    ).toBe(403);
  });

  it("refuses (403) a delegate asking for another province's list by a parameter", () => {
    expect(statusOf(() => requireAccess(delegateOf3, { session: 7, action: 'attendance.export', province: 4 }))).toBe(
      403,
    );
    expect(requireAccess(delegateOf3, { session: 7, action: 'attendance.export', province: 3 })).toEqual({
      kind: 'delegate',
      provinceId: 3,
    });
  });

  it('answers the standing when allowed, a delegate with their province', () => {
    expect(requireAccess(delegateOf3, { session: 7, action: 'registration.register' }).provinceId).toBe(3);
    expect(requireAccess(admin, { session: 7, action: 'attendance.undo' })).toEqual({ kind: 'organiser' });
    expect(requireAccess(coordinatorOf7, { session: 7, action: 'registration.list' })).toEqual({
      kind: 'coordinator',
    });
  });
});

describe('requireAuthorOrAdmin', () => {
  const author = user({});
  const other = { ...user({}), id: 2 };
  const admin = { ...user({ role: 'admin' }), id: 3 };
  const record = { authorId: 1, what: 'Import', id: 9 };

  it('lets the author and admins read, and hides the record from anyone else', () => {
    expect(statusOf(() => requireAuthorOrAdmin(author, record))).toBe('allowed');
    expect(statusOf(() => requireAuthorOrAdmin(admin, record))).toBe('allowed');
    expect(statusOf(() => requireAuthorOrAdmin(other, record))).toBe(404);
  });
});
