import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { storedNameOrder, type NameSort } from '@app/common';
import {
  INSERT_UNLESS_SAME_PERSON_SQL,
  PLACE_OR_WAITLIST_SQL,
  REGISTRATION_CONTEXT_SQL,
  RELEASE_QUOTA_PLACE_SQL,
  SAME_PERSON_SQL,
  TAKE_PLACE_SQL,
} from './registration.sql';

export interface RegistrationRow {
  id: string;
  session_id: string;
  province_id: number;
  province_name: string;
  full_name: string;
  gender: string | null;
  position: string | null;
  agency: string;
  phone: string | null;
  email: string | null;
  status: string;
  status_reason: string | null;
  check_in_code: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  /** 1 for the next to be promoted within the province; null unless waitlisted. */
  waitlist_position: number | null;
}

export interface SettingsRow {
  session_id: string;
  opens_at: Date;
  closes_at: Date;
  capacity: number | null;
  confirmed_count: number;
  moderated: boolean;
}

export interface NewRegistration {
  sessionId: number;
  provinceId: number;
  fullName: string;
  nameFolded: string;
  gender: string | null;
  position: string | null;
  agency: string;
  phone: string | null;
  phoneNormalised: string | null;
  email: string | null;
  emailNormalised: string | null;
  createdBy: number;
}

/**
 * A waitlisted registration's place in its province's queue, in the order promotion takes them
 * (`waitlisted_at, id`: see `firstWaitlisted` and `oldestPromotable`), read through the
 * `registration_waitlist` index.
 */
const WAITLIST_POSITION = `CASE WHEN r.status = 'waitlisted' THEN (
    SELECT count(*)::int + 1 FROM registration w
     WHERE w.session_id = r.session_id AND w.province_id = r.province_id AND w.status = 'waitlisted'
       AND (w.waitlisted_at, w.id) < (r.waitlisted_at, r.id)) END AS waitlist_position`;

const COLUMNS = `r.id, r.session_id, r.province_id, p.name AS province_name, r.full_name, r.gender, r.position, r.agency,
  r.phone, r.email, r.status, r.status_reason, r.check_in_code, r.created_at, r.updated_at, r.version,
  ${WAITLIST_POSITION}`;

/** All SQL of registrations; every method runs on the caller's transaction manager. */
@Injectable()
export class RegistrationRepository {
  async lockSession(manager: EntityManager, sessionId: number): Promise<{ id: string; status: string } | undefined> {
    const [row] = await manager.query(`SELECT id, status FROM training_session WHERE id = $1 FOR SHARE`, [sessionId]);
    return row;
  }

  async settings(manager: EntityManager, sessionId: number): Promise<SettingsRow | undefined> {
    const [row] = await manager.query(`SELECT * FROM registration_settings WHERE session_id = $1`, [sessionId]);
    return row;
  }

  async upsertSettings(
    manager: EntityManager,
    sessionId: number,
    values: { opensAt: string; closesAt: string; capacity: number | null; moderated: boolean },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO registration_settings (session_id, opens_at, closes_at, capacity, moderated) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (session_id) DO UPDATE SET opens_at = EXCLUDED.opens_at, closes_at = EXCLUDED.closes_at,
         capacity = EXCLUDED.capacity, moderated = EXCLUDED.moderated, updated_at = now()`,
      [sessionId, values.opensAt, values.closesAt, values.capacity, values.moderated],
    );
  }

  async quotas(
    manager: EntityManager,
    sessionId: number,
  ): Promise<
    {
      province_id: number;
      province_name: string;
      quota: number;
      confirmed_count: number;
      waitlisted: number;
      pending: number;
    }[]
  > {
    return manager.query(
      `SELECT q.province_id, p.name AS province_name, q.quota, q.confirmed_count,
              (SELECT count(*)::int FROM registration r WHERE r.session_id = q.session_id AND r.province_id = q.province_id AND r.status = 'waitlisted') AS waitlisted,
              (SELECT count(*)::int FROM registration r WHERE r.session_id = q.session_id AND r.province_id = q.province_id AND r.status = 'pending') AS pending
         FROM province_quota q JOIN province p ON p.id = q.province_id
        WHERE q.session_id = $1 ORDER BY p.name COLLATE vi`,
      [sessionId],
    );
  }

  /** Sets the quota; the CHECK constraint refuses a quota below the places already confirmed. */
  async setQuota(manager: EntityManager, sessionId: number, provinceId: number, quota: number): Promise<void> {
    await manager.query(
      `INSERT INTO province_quota (session_id, province_id, quota) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, province_id) DO UPDATE SET quota = EXCLUDED.quota`,
      [sessionId, provinceId, quota],
    );
  }

  /** Removes quotas; `confirmed_count = 0` keeps the guard in SQL too (the service refuses those first). */
  async removeQuotas(manager: EntityManager, sessionId: number, provinceIds: number[]): Promise<void> {
    await manager.query(
      `DELETE FROM province_quota WHERE session_id = $1 AND province_id = ANY($2::int[]) AND confirmed_count = 0`,
      [sessionId, provinceIds],
    );
  }

  async confirmedCount(manager: EntityManager, sessionId: number): Promise<number> {
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM registration WHERE session_id = $1 AND status = 'confirmed'`,
      [sessionId],
    );
    return n;
  }

  /**
   * The session (locked FOR SHARE), its settings and whether it invited `provinceId` (or a unit
   * merged into it), in one statement; undefined when there is no such session.
   */
  async registrationContext(
    manager: EntityManager,
    sessionId: number,
    provinceId: number | null,
  ): Promise<{ sessionStatus: string; settings: SettingsRow | undefined; invited: boolean } | undefined> {
    const [row] = await manager.query(REGISTRATION_CONTEXT_SQL, [sessionId, provinceId]);
    if (!row) return undefined;
    const { session_status: sessionStatus, invited, ...settings } = row;
    return { sessionStatus, invited, settings: settings.session_id === null ? undefined : (settings as SettingsRow) };
  }

  /** Names of provinces and, for the units merged in 2025, their successor and the first day of it. */
  async provinceSuccession(
    manager: EntityManager,
    ids: number[],
  ): Promise<{ id: number; name: string; successor_name: string | null; merged_on: string | null }[]> {
    return manager.query(
      `SELECT p.id, p.name, s.name AS successor_name, to_char(p.valid_to + 1, 'YYYY-MM-DD') AS merged_on
         FROM province p LEFT JOIN province s ON s.id = p.successor_id WHERE p.id = ANY($1::int[])`,
      [ids],
    );
  }

  async invitedProvinceIds(manager: EntityManager, sessionId: number): Promise<number[]> {
    const rows: { province_id: number }[] = await manager.query(
      `SELECT province_id FROM session_invited_province WHERE session_id = $1`,
      [sessionId],
    );
    return rows.map((row) => row.province_id);
  }

  /**
   * A new pending registration, unless the same person already holds one in the session: then
   * nothing is written and that registration is answered instead. One statement.
   */
  async insertUnlessSamePerson(
    manager: EntityManager,
    input: NewRegistration,
  ): Promise<{ id: number } | { samePerson: { id: number; provinceId: number } }> {
    const [row] = await manager.query(INSERT_UNLESS_SAME_PERSON_SQL, [
      input.sessionId,
      input.provinceId,
      input.fullName,
      input.nameFolded,
      input.gender,
      input.position,
      input.agency,
      input.phone,
      input.phoneNormalised,
      input.email,
      input.emailNormalised,
      input.createdBy,
    ]);
    if (row.id !== null) return { id: Number(row.id) };
    return { samePerson: { id: Number(row.same_id), provinceId: Number(row.same_province_id) } };
  }

  /**
   * Registration `id` takes a place of its province's quota and the session's capacity and is
   * confirmed with `checkInCode`, or is waitlisted when either is full: the counters and the
   * status in one statement (a second only when the quota had room and the capacity had not).
   */
  async placeOrWaitlist(
    manager: EntityManager,
    id: number,
    sessionId: number,
    provinceId: number,
    checkInCode: string,
  ): Promise<'confirmed' | 'waitlisted'> {
    const [row] = await manager.query(PLACE_OR_WAITLIST_SQL, [sessionId, provinceId, id, checkInCode]);
    if (row.quota_only) await manager.query(RELEASE_QUOTA_PLACE_SQL, [sessionId, provinceId]);
    return row.status;
  }

  /** Takes one place of the province's quota and the session's capacity (both or neither); false when either is full. */
  async takePlace(manager: EntityManager, sessionId: number, provinceId: number): Promise<boolean> {
    const [row] = await manager.query(TAKE_PLACE_SQL, [sessionId, provinceId]);
    if (row.quota_only) await manager.query(RELEASE_QUOTA_PLACE_SQL, [sessionId, provinceId]);
    return row.placed;
  }

  /** Gives back a confirmed registration's place: its province's quota and the session's capacity. */
  async releasePlace(manager: EntityManager, sessionId: number, provinceId: number): Promise<void> {
    await manager.query(RELEASE_QUOTA_PLACE_SQL, [sessionId, provinceId]);
    await manager.query(
      `UPDATE registration_settings SET confirmed_count = confirmed_count - 1 WHERE session_id = $1`,
      [sessionId],
    );
  }

  async setStatus(
    manager: EntityManager,
    id: number,
    status: string,
    reason: string | null,
    checkInCode: string | null = null,
  ): Promise<void> {
    await manager.query(
      `UPDATE registration SET status = $2, status_reason = $3, version = version + 1, updated_at = now(),
              check_in_code = CASE WHEN $2 = 'confirmed' THEN coalesce(check_in_code, $4) ELSE check_in_code END,
              waitlisted_at = CASE WHEN $2 = 'waitlisted' THEN coalesce(waitlisted_at, clock_timestamp()) ELSE waitlisted_at END
        WHERE id = $1`,
      [id, status, reason, checkInCode],
    );
  }

  async retireCheckInCode(manager: EntityManager, id: number, code: string, reason: string): Promise<void> {
    await manager.query(
      `INSERT INTO retired_check_in_code (code, registration_id, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [code, id, reason],
    );
  }

  async update(manager: EntityManager, id: number, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    await manager.query(
      `UPDATE registration SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')},
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, ...Object.values(values)],
    );
  }

  /** The first waitlisted registration of the province, locked; SKIP LOCKED lets concurrent releases promote different people. */
  async firstWaitlisted(manager: EntityManager, sessionId: number, provinceId: number): Promise<number | undefined> {
    const [row] = await manager.query(
      `SELECT id FROM registration WHERE session_id = $1 AND province_id = $2 AND status = 'waitlisted'
        ORDER BY waitlisted_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [sessionId, provinceId],
    );
    return row ? Number(row.id) : undefined;
  }

  /**
   * The longest-waiting registration of the session whose province has a free place under its
   * quota, locked (SKIP LOCKED, as for single promotions).
   */
  async oldestPromotable(
    manager: EntityManager,
    sessionId: number,
  ): Promise<{ id: number; provinceId: number } | undefined> {
    const [row] = await manager.query(
      `SELECT r.id, r.province_id FROM registration r
         JOIN province_quota q ON q.session_id = r.session_id AND q.province_id = r.province_id
        WHERE r.session_id = $1 AND r.status = 'waitlisted' AND q.confirmed_count < q.quota
        ORDER BY r.waitlisted_at, r.id LIMIT 1 FOR UPDATE OF r SKIP LOCKED`,
      [sessionId],
    );
    return row ? { id: Number(row.id), provinceId: row.province_id } : undefined;
  }

  async find(manager: EntityManager, id: number, lock = false): Promise<RegistrationRow | undefined> {
    const [row] = await manager.query(
      `SELECT ${COLUMNS} FROM registration r JOIN province p ON p.id = r.province_id WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id],
    );
    return row;
  }

  async findMany(manager: EntityManager, ids: number[]): Promise<RegistrationRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM registration r JOIN province p ON p.id = r.province_id WHERE r.id = ANY($1::bigint[]) ORDER BY r.id`,
      [ids],
    );
  }

  async list(
    manager: EntityManager,
    sessionId: number,
    filter: { provinceId?: number; status?: string; q?: string; sort?: NameSort; limit: number; offset: number },
  ): Promise<{ rows: RegistrationRow[]; total: number }> {
    const params: unknown[] = [sessionId];
    const where = ['r.session_id = $1'];
    if (filter.q) {
      // Every word of the query begins a word of the name, agency or post (folded as the catalogue
      // search folds them): "nguyen an" finds Nguyễn Văn An, "so ngoai" the Sở Ngoại vụ's people.
      params.push(filter.q);
      where.push(`NOT EXISTS (
        SELECT 1 FROM unnest(string_to_array(public.search_words($${params.length}), ' ')) w
         WHERE w <> '' AND position(' ' || w IN ' ' || public.search_words(concat_ws(' ', r.full_name, r.agency, r.position))) = 0)`);
    }
    if (filter.provinceId !== undefined) {
      params.push(filter.provinceId);
      where.push(`r.province_id = $${params.length}`);
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      where.push(`r.status = $${params.length}`);
    }
    const [{ total }] = await manager.query(
      `SELECT count(*)::int AS total FROM registration r WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await manager.query(
      `SELECT ${COLUMNS} FROM registration r JOIN province p ON p.id = r.province_id WHERE ${where.join(' AND ')}
        ORDER BY p.name COLLATE vi, ${storedNameOrder('r.', filter.sort)}, r.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total };
  }

  /** The active registration that makes `candidate` a duplicate, if any. */
  async findSamePerson(
    manager: EntityManager,
    sessionId: number,
    nameFolded: string,
    phone: string | null,
    email: string | null,
    exceptId?: number,
  ): Promise<{ id: string; province_id: number } | undefined> {
    const [row] = await manager.query(SAME_PERSON_SQL, [sessionId, nameFolded, phone, email, exceptId ?? null]);
    return row;
  }

  auditTrail(manager: EntityManager, registrationId: number) {
    return manager.query(
      `SELECT at, actor_user_id, action, before, after FROM audit_log
        WHERE entity_type = 'registration' AND entity_id = $1 ORDER BY at, id`,
      [String(registrationId)],
    );
  }
}
