import {
  AuthUser,
  canActOnSession,
  delegateProvinceId,
  grantProblems,
  hasAnyRole,
  hasUnscopedRole,
  organiserOrganisationIds,
  RoleGrant,
  scopedSessionIds,
  sortGrants,
} from './roles';

const user = (...roles: Partial<RoleGrant>[]): AuthUser => ({
  id: 1,
  email: 'u@test.local',
  roles: roles.map((grant) => ({ role: 'organiser', sessionId: null, provinceId: null, ...grant })),
});

describe('hasAnyRole', () => {
  it('lets any signed-in user through an empty role list', () => {
    expect(hasAnyRole(user(), [])).toBe(true);
  });

  it('needs one of the listed roles, in any scope', () => {
    expect(hasAnyRole(user({ role: 'coordinator', sessionId: 7 }), ['coordinator'])).toBe(true);
    expect(hasAnyRole(user({ role: 'coordinator' }), ['organiser'])).toBe(false);
  });

  it('lets an admin through every list', () => {
    expect(hasAnyRole(user({ role: 'admin' }), ['province_delegate'])).toBe(true);
  });
});

describe('canActOnSession', () => {
  it('admin passes for every role and session', () => {
    expect(canActOnSession(user({ role: 'admin' }), 'coordinator', 99)).toBe(true);
  });

  it('an unscoped grant covers every session', () => {
    expect(canActOnSession(user({ role: 'organiser' }), 'organiser', 1)).toBe(true);
    expect(canActOnSession(user({ role: 'organiser' }), 'organiser', '42')).toBe(true);
  });

  it('a scoped grant covers its own session only', () => {
    const coordinator = user({ role: 'coordinator', sessionId: 5 });
    expect(canActOnSession(coordinator, 'coordinator', 5)).toBe(true);
    expect(canActOnSession(coordinator, 'coordinator', '5')).toBe(true);
    expect(canActOnSession(coordinator, 'coordinator', 6)).toBe(false);
  });

  it('needs the asked role (one of several)', () => {
    const coordinator = user({ role: 'coordinator' });
    expect(canActOnSession(coordinator, 'organiser', 1)).toBe(false);
    expect(canActOnSession(coordinator, ['organiser', 'coordinator'], 1)).toBe(true);
  });

  it('refuses without a user', () => {
    expect(canActOnSession(undefined, 'organiser', 1)).toBe(false);
  });
});

describe('organisation-bound organiser grants', () => {
  // A Sở's organiser: its organisation (40) organises sessions 5 and 6, as resolved at sign-in.
  const so = user({ organisationId: 40, organisationSessionIds: [5, 6] });

  it('cover the sessions the organisation organises, and no other', () => {
    expect(canActOnSession(so, 'organiser', 5)).toBe(true);
    expect(canActOnSession(so, 'organiser', '6')).toBe(true);
    expect(canActOnSession(so, 'organiser', 7)).toBe(false);
    expect(canActOnSession(so, 'coordinator', 5)).toBe(false);
    expect(canActOnSession(user({ organisationId: 40 }), 'organiser', 5)).toBe(false);
  });

  it('are not grants for every session, though they pass a route open to organisers', () => {
    expect(hasUnscopedRole(so, ['organiser'])).toBe(false);
    expect(hasAnyRole(so, ['organiser'])).toBe(true);
    expect(scopedSessionIds(so, 'organiser')).toEqual([5, 6]);
    expect(organiserOrganisationIds(so)).toEqual([40]);
    expect(organiserOrganisationIds(user({}))).toEqual([]);
  });
});

describe('delegateProvinceId', () => {
  it('is the province of the delegate grant, else null', () => {
    expect(delegateProvinceId(user({ role: 'province_delegate', provinceId: 8 }))).toBe(8);
    expect(delegateProvinceId(user({ role: 'organiser' }))).toBeNull();
  });
});

describe('grantProblems', () => {
  const grant = (partial: Partial<RoleGrant>): RoleGrant => ({
    role: 'organiser',
    sessionId: null,
    provinceId: null,
    ...partial,
  });

  it('accepts well-formed grants', () => {
    expect(
      grantProblems([
        grant({ role: 'admin' }),
        grant({ role: 'organiser' }),
        grant({ role: 'coordinator', sessionId: 3 }),
        grant({ role: 'coordinator', sessionId: 4 }),
        grant({ role: 'province_delegate', provinceId: 1 }),
      ]),
    ).toEqual([]);
  });

  it('requires a province for a delegate and refuses it elsewhere', () => {
    expect(grantProblems([grant({ role: 'province_delegate' })])).toEqual([
      { index: 0, field: 'provinceId', message: 'is required for a province delegate' },
    ]);
    expect(grantProblems([grant({ role: 'organiser', provinceId: 2 })])[0]).toMatchObject({
      field: 'provinceId',
    });
  });

  it('allows session scope for organiser and coordinator only', () => {
    expect(grantProblems([grant({ role: 'admin', sessionId: 1 })])[0]).toMatchObject({ field: 'sessionId' });
    expect(grantProblems([grant({ role: 'province_delegate', provinceId: 1, sessionId: 1 })])[0]).toMatchObject({
      field: 'sessionId',
    });
  });

  it('refuses duplicates and a second province', () => {
    expect(grantProblems([grant({}), grant({})])).toEqual([
      { index: 1, field: 'role', message: 'is granted twice with the same scope' },
    ]);
    expect(
      grantProblems([
        grant({ role: 'province_delegate', provinceId: 1 }),
        grant({ role: 'province_delegate', provinceId: 2 }),
      ]),
    ).toContainEqual({ index: 1, field: 'role', message: 'a user can be the delegate of one province only' });
  });

  it('binds organiser grants only to an organisation, never with a session', () => {
    expect(grantProblems([grant({ organisationId: 4 }), grant({ organisationId: 5 }), grant({})])).toEqual([]);
    expect(grantProblems([grant({ role: 'coordinator', organisationId: 4 })])).toEqual([
      expect.objectContaining({ index: 0, field: 'organisationId', key: 'organisation-only-for-organisers' }),
    ]);
    expect(grantProblems([grant({ organisationId: 4, sessionId: 2 })])).toEqual([
      expect.objectContaining({ index: 0, field: 'organisationId' }),
    ]);
    expect(grantProblems([grant({ organisationId: 4 }), grant({ organisationId: 4 })])).toEqual([
      expect.objectContaining({ index: 1, field: 'role', message: 'is granted twice with the same scope' }),
    ]);
  });

  it('refuses unknown roles', () => {
    expect(grantProblems([grant({ role: 'root' as never })])[0]).toMatchObject({ index: 0, field: 'role' });
  });
});

describe('sortGrants', () => {
  it('orders by role, then session', () => {
    const sorted = sortGrants([
      { role: 'coordinator', sessionId: 9, provinceId: null },
      { role: 'admin', sessionId: null, provinceId: null },
      { role: 'coordinator', sessionId: 2, provinceId: null },
    ]);
    expect(sorted.map((g) => `${g.role}:${g.sessionId}`)).toEqual(['admin:null', 'coordinator:2', 'coordinator:9']);
  });
});
