import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser, Role, RoleGrant, sortGrants } from '../roles';
import { AUTH_USER_SQL, AUTH_USER_VERSION_SQL } from './auth-user.sql';
import { AppUser, UserRoleRecord } from './user.entity';

/**
 * Failed-login policy (issue 11, item 7). Failures are counted per account AND source (client
 * address), and per kind (login, or the current password of POST /auth/password):
 * - a source gets FREE_FAILURES_PER_SOURCE attempts; each further failure makes it wait twice as
 *   long as the last, from FIRST_DELAY_SECONDS up to MAX_DELAY_SECONDS (15 s, 30 s, 1 min ... 15 min);
 * - a source's count starts again after FAILURE_WINDOW_MINUTES without failures, or on a success;
 * - the whole account locks for LOCK_MINUTES only when LOCK_SOURCES different sources have each
 *   used up their free attempts within the window (login failures only). An administrator unlocks.
 */
export const FREE_FAILURES_PER_SOURCE = 5;
export const FIRST_DELAY_SECONDS = 15;
export const MAX_DELAY_SECONDS = 15 * 60;
export const FAILURE_WINDOW_MINUTES = 60;
export const LOCK_SOURCES = 5;
export const LOCK_MINUTES = 15;

export type LoginKind = 'login' | 'password';

export interface LoginCandidate {
  id: number;
  passwordHash: string;
}

export interface UserListFilter {
  limit: number;
  offset: number;
  /** Case-insensitive substring of email or display name. */
  q?: string;
  role?: Role;
}

export const toGrant = (
  record: Pick<UserRoleRecord, 'role' | 'sessionId' | 'provinceId'> & { organisationId?: number | string | null },
): RoleGrant => ({
  role: record.role,
  sessionId: record.sessionId === null ? null : Number(record.sessionId),
  provinceId: record.provinceId === null ? null : Number(record.provinceId),
  organisationId:
    record.organisationId === null || record.organisationId === undefined ? null : Number(record.organisationId),
});

/** All SQL of users and role grants. Methods that take a manager run inside the caller's transaction. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * The caller as the guard sees it: active users only, grants and token generation read fresh on
   * every request. Inside a transaction pass its manager: asking the pool for a second connection
   * while holding a row lock lets N concurrent callers hold every connection and wait on each
   * other (issue 11, item 4).
   */
  async findAuthUser(
    id: number,
    manager: EntityManager | DataSource = this.dataSource,
  ): Promise<(AuthUser & { tokenGeneration: number; grantsVersion: string }) | null> {
    // An organisation-bound grant is resolved here to the sessions its organisation organises
    // now, so the pure rules (canActOnSession, requireAccess) need no database. This reads the
    // catalogue's session_organiser table (read only): the one place accounts looks outside its
    // own tables, kept to this statement.
    const rows: {
      id: string;
      email: string;
      token_generation: number;
      grants_version: string;
      grants: (RoleGrant & { organisationSessionIds: string[] | null })[];
    }[] = await manager.query(AUTH_USER_SQL, [id]);
    if (rows.length === 0) return null;
    return {
      id: Number(rows[0].id),
      email: rows[0].email,
      roles: sortGrants(
        rows[0].grants.map((grant) => {
          const resolved = toGrant(grant);
          return grant.organisationSessionIds
            ? { ...resolved, organisationSessionIds: grant.organisationSessionIds.map(Number) }
            : resolved;
        }),
      ),
      tokenGeneration: rows[0].token_generation,
      grantsVersion: rows[0].grants_version,
    };
  }

  /** The active user's email, token generation and grants version (see AUTH_USER_VERSION_SQL). */
  async authUserVersion(id: number): Promise<{ email: string; tokenGeneration: number; grantsVersion: string } | null> {
    const rows: { email: string; token_generation: number; grants_version: string }[] = await this.dataSource.query(
      AUTH_USER_VERSION_SQL,
      [id],
    );
    if (rows.length === 0) return null;
    return { email: rows[0].email, tokenGeneration: rows[0].token_generation, grantsVersion: rows[0].grants_version };
  }

  /** Ends every access token issued to the user so far (the guard compares generations). */
  async bumpTokenGeneration(manager: EntityManager, userId: number): Promise<void> {
    await manager.query(`UPDATE app_user SET token_generation = token_generation + 1 WHERE id = $1`, [userId]);
  }

  async findLoginCandidate(email: string): Promise<LoginCandidate | null> {
    const rows: { id: string; password_hash: string }[] = await this.dataSource.query(
      `SELECT id, password_hash FROM app_user WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    return rows.length === 0 ? null : { id: Number(rows[0].id), passwordHash: rows[0].password_hash };
  }

  /**
   * Counts an attempt from `source` before the password is checked, so parallel guesses cannot
   * exceed the policy: the attempt past the free ones sets the source's delay. Returns false,
   * counting nothing, while the source is delayed, the account inactive, or (for logins) the
   * whole account locked.
   */
  async reserveLoginAttempt(userId: number, kind: LoginKind, source: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH account AS (
         SELECT id FROM app_user
          WHERE id = $1 AND is_active AND ($2 = 'password' OR locked_until IS NULL OR locked_until <= now())
       )
       INSERT INTO login_failure AS f (user_id, kind, source, failures, last_failed_at)
       SELECT id, $2, $3, 1, now() FROM account
       ON CONFLICT (user_id, kind, source) DO UPDATE
          SET failures = CASE WHEN f.last_failed_at < now() - make_interval(mins => $5) THEN 1 ELSE f.failures + 1 END,
              last_failed_at = now(),
              blocked_until = CASE
                WHEN f.last_failed_at >= now() - make_interval(mins => $5) AND f.failures + 1 > $4
                THEN now() + make_interval(secs => least($7::float8, $6 * power(2, f.failures - $4)))
              END
        WHERE f.blocked_until IS NULL OR f.blocked_until <= now()
       RETURNING f.failures`,
      [
        userId,
        kind,
        source.slice(0, 100),
        FREE_FAILURES_PER_SOURCE - 1,
        FAILURE_WINDOW_MINUTES,
        FIRST_DELAY_SECONDS,
        MAX_DELAY_SECONDS,
      ],
    );
    return rows.length === 1;
  }

  /**
   * After a failed login: lock the whole account when enough sources have used up their free
   * attempts recently. One source alone never locks an account.
   */
  async lockIfManySourcesFail(userId: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE app_user SET locked_until = now() + make_interval(mins => $2)
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
          AND (SELECT count(*) FROM login_failure
                WHERE user_id = $1 AND kind = 'login' AND failures >= $3
                  AND last_failed_at >= now() - make_interval(mins => $4)) >= $5`,
      [userId, LOCK_MINUTES, FREE_FAILURES_PER_SOURCE, FAILURE_WINDOW_MINUTES, LOCK_SOURCES],
    );
  }

  /** A right password: the source starts afresh; other sources keep their counts. */
  async recordLoginSuccess(userId: number, kind: LoginKind, source: string, newPasswordHash?: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failure WHERE user_id = $1 AND kind = $2 AND source = $3`, [
      userId,
      kind,
      source.slice(0, 100),
    ]);
    if (newPasswordHash !== undefined) {
      await this.dataSource.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [userId, newPasswordHash]);
    }
  }

  async findById(manager: EntityManager, id: number, lock = false): Promise<AppUser | null> {
    if (lock) {
      const locked: unknown[] = await manager.query(`SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.length === 0) return null;
    }
    return manager.getRepository(AppUser).findOne({ where: { id: String(id) }, relations: { roles: true } });
  }

  async emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM app_user WHERE lower(email) = lower($1)`, [email]);
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    user: { email: string; displayName: string; passwordHash: string; isActive?: boolean },
  ): Promise<number> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO app_user (email, display_name, password_hash, is_active) VALUES ($1, $2, $3, $4) RETURNING id`,
      [user.email, user.displayName, user.passwordHash, user.isActive ?? true],
    );
    return Number(rows[0].id);
  }

  async update(
    manager: EntityManager,
    id: number,
    changes: { displayName?: string; isActive?: boolean; passwordHash?: string; unlock?: boolean },
  ): Promise<void> {
    await manager.query(
      `UPDATE app_user
          SET display_name = coalesce($2, display_name),
              is_active = coalesce($3, is_active),
              password_hash = coalesce($4, password_hash),
              failed_login_count = CASE WHEN $5 THEN 0 ELSE failed_login_count END,
              locked_until = CASE WHEN $5 THEN NULL ELSE locked_until END,
              updated_at = now()
        WHERE id = $1`,
      [id, changes.displayName ?? null, changes.isActive ?? null, changes.passwordHash ?? null, !!changes.unlock],
    );
    if (changes.unlock) await manager.query(`DELETE FROM login_failure WHERE user_id = $1`, [id]);
  }

  /** Replaces every grant of a user with `grants`. */
  async replaceGrants(manager: EntityManager, userId: number, grants: readonly RoleGrant[]): Promise<void> {
    await manager.query(`DELETE FROM user_role WHERE user_id = $1`, [userId]);
    await this.addGrants(manager, userId, grants);
  }

  async addGrants(manager: EntityManager, userId: number, grants: readonly RoleGrant[]): Promise<void> {
    for (const grant of grants) {
      await manager.query(
        `INSERT INTO user_role (user_id, role, session_id, province_id, organisation_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [userId, grant.role, grant.sessionId, grant.provinceId, grant.organisationId ?? null],
      );
    }
  }

  /** Sessions and organisations that do not exist, and provinces that are not current units. */
  async unknownReferences(
    manager: EntityManager,
    grants: readonly RoleGrant[],
  ): Promise<{ sessions: number[]; provinces: number[]; organisations: number[] }> {
    const organisationIds = [
      ...new Set(grants.flatMap((grant) => (grant.organisationId ? [grant.organisationId] : []))),
    ];
    const foundOrganisations: { id: string }[] = organisationIds.length
      ? await manager.query(`SELECT id FROM organisation WHERE id = ANY($1::bigint[])`, [organisationIds])
      : [];
    const organisations = new Set(foundOrganisations.map((row) => Number(row.id)));
    const sessionIds = [...new Set(grants.flatMap((grant) => (grant.sessionId === null ? [] : [grant.sessionId])))];
    const provinceIds = [...new Set(grants.flatMap((grant) => (grant.provinceId === null ? [] : [grant.provinceId])))];
    const foundSessions: { id: string }[] = sessionIds.length
      ? await manager.query(`SELECT id FROM training_session WHERE id = ANY($1::bigint[])`, [sessionIds])
      : [];
    // A delegate speaks for a province as it exists today: not one merged away (valid_to set).
    const foundProvinces: { id: number }[] = provinceIds.length
      ? await manager.query(`SELECT id FROM province WHERE id = ANY($1::int[]) AND valid_to IS NULL`, [provinceIds])
      : [];
    const sessions = new Set(foundSessions.map((row) => Number(row.id)));
    const provinces = new Set(foundProvinces.map((row) => Number(row.id)));
    return {
      sessions: sessionIds.filter((id) => !sessions.has(id)),
      provinces: provinceIds.filter((id) => !provinces.has(id)),
      organisations: organisationIds.filter((id) => !organisations.has(id)),
    };
  }

  /**
   * Serialises changes that could remove the last active administrator (and the first-admin
   * bootstrap), for the rest of the transaction.
   */
  async lockAdminSet(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('accounts:admin-set'))`);
  }

  async countActiveAdmins(manager: EntityManager | DataSource = this.dataSource): Promise<number> {
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(DISTINCT u.id)::int AS n FROM app_user u JOIN user_role r ON r.user_id = u.id
        WHERE r.role = 'admin' AND u.is_active`,
    );
    return n;
  }

  async list(manager: EntityManager, filter: UserListFilter): Promise<{ items: AppUser[]; total: number }> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      conditions.push(`(u.email ILIKE $${params.length} OR u.display_name ILIKE $${params.length})`);
    }
    if (filter.role) {
      params.push(filter.role);
      conditions.push(`EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = $${params.length})`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await manager.query(
      `SELECT count(*)::int AS total FROM app_user u ${where}`,
      params,
    );
    const idRows: { id: string }[] = await manager.query(
      `SELECT u.id FROM app_user u ${where} ORDER BY u.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    const ids = idRows.map((row) => Number(row.id));
    const users = ids.length
      ? await manager.getRepository(AppUser).find({ where: { id: In(ids.map(String)) }, relations: { roles: true } })
      : [];
    users.sort((a, b) => Number(a.id) - Number(b.id));
    return { items: users, total };
  }
}
