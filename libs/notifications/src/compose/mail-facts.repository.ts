import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionFacts } from '../notification.types';

export interface RegistrationFacts {
  id: number;
  sessionId: number;
  provinceId: number;
  provinceName: string;
  fullName: string;
  agency: string;
  email: string | null;
  status: string;
  statusReason: string | null;
  checkInCode: string | null;
  createdBy: number | null;
  delegateEmail: string | null;
  delegateName: string | null;
}

export interface Recipient {
  userId: number;
  email: string;
  name: string;
}

/**
 * What messages say, read in the transaction of the change (so a message shows the state it
 * reports). These reads cross into the catalogue, registration and accounts tables on purpose:
 * a message is a view of them, written nowhere else.
 */
@Injectable()
export class MailFactsRepository {
  async sessions(manager: EntityManager, ids: number[]): Promise<Map<number, SessionFacts>> {
    const rows: {
      id: string;
      title: string;
      starts_on: string;
      ends_on: string;
      venue: string | null;
      status: string;
      starts_at: Date | null;
      ends_at: Date | null;
    }[] = await manager.query(
      `SELECT s.id, s.title, s.starts_on::text AS starts_on, s.ends_on::text AS ends_on, s.status,
              nullif(concat_ws(', ', s.venue_name, s.venue_address), '') AS venue,
              (SELECT min(p.starts_at) FROM session_part p WHERE p.session_id = s.id) AS starts_at,
              (SELECT max(p.ends_at) FROM session_part p WHERE p.session_id = s.id) AS ends_at
         FROM training_session s WHERE s.id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        Number(row.id),
        {
          id: Number(row.id),
          title: row.title,
          startsOn: row.starts_on,
          endsOn: row.ends_on,
          venue: row.venue,
          status: row.status,
          startsAt: row.starts_at?.toISOString() ?? null,
          endsAt: row.ends_at?.toISOString() ?? null,
        },
      ]),
    );
  }

  async registrations(manager: EntityManager, ids: number[]): Promise<RegistrationFacts[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT r.id, r.session_id, r.province_id, p.name AS province_name, r.full_name, r.agency, r.email, r.status,
              r.status_reason, r.check_in_code, r.created_by, u.email AS delegate_email, u.display_name AS delegate_name
         FROM registration r
         JOIN province p ON p.id = r.province_id
         LEFT JOIN app_user u ON u.id = r.created_by AND u.is_active
        WHERE r.id = ANY($1::bigint[]) ORDER BY r.id`,
      [ids],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      sessionId: Number(row.session_id),
      provinceId: Number(row.province_id),
      provinceName: String(row.province_name),
      fullName: String(row.full_name),
      agency: String(row.agency),
      email: (row.email as string | null) ?? null,
      status: String(row.status),
      statusReason: (row.status_reason as string | null) ?? null,
      checkInCode: (row.check_in_code as string | null) ?? null,
      createdBy: row.created_by === null ? null : Number(row.created_by),
      delegateEmail: (row.delegate_email as string | null) ?? null,
      delegateName: (row.delegate_name as string | null) ?? null,
    }));
  }

  /**
   * Registration windows open at `now` (the session open for registration, `opens_at` passed,
   * `closes_at` not yet), with each delegate of each invited province (scoped to the session or
   * not) who has not been told yet, and that province's quota. "Not told" rather than "opened
   * since the last tick": a window set to open in the past and a session opened later, or a
   * delegate appointed while the window is open, are announced too; the outbox's key for the
   * announcement is what makes it once.
   */
  async openWindowsNotAnnounced(
    manager: EntityManager,
    now: Date,
  ): Promise<
    { sessionId: number; closesAt: string; delegate: Recipient; provinceName: string; quota: number | null }[]
  > {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT s.id AS session_id, rs.closes_at, u.id AS user_id, u.email, u.display_name, p.name AS province_name, q.quota
         FROM training_session s
         JOIN registration_settings rs ON rs.session_id = s.id
         JOIN session_invited_province ip ON ip.session_id = s.id
         JOIN province p ON p.id = ip.province_id
         JOIN user_role g ON g.role = 'province_delegate' AND g.province_id = ip.province_id
                         AND (g.session_id IS NULL OR g.session_id = s.id)
         JOIN app_user u ON u.id = g.user_id AND u.is_active
         LEFT JOIN province_quota q ON q.session_id = s.id AND q.province_id = ip.province_id
        WHERE s.status = 'registration_open' AND rs.opens_at <= $1 AND rs.closes_at > $1
          AND NOT EXISTS (SELECT 1 FROM notification_message m
                           WHERE m.idempotency_key = 'registration-opened:' || s.id || ':' || u.id)
        ORDER BY s.id, u.id`,
      [now],
    );
    return rows.map((row) => ({
      sessionId: Number(row.session_id),
      closesAt: (row.closes_at as Date).toISOString(),
      delegate: { userId: Number(row.user_id), email: String(row.email), name: String(row.display_name) },
      provinceName: String(row.province_name),
      quota: row.quota === null ? null : Number(row.quota),
    }));
  }

  /** Registrations of the session someone still holds (confirmed, waitlisted or pending). */
  async activeRegistrationIds(manager: EntityManager, sessionId: number): Promise<number[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM registration
        WHERE session_id = $1 AND status IN ('confirmed', 'waitlisted', 'pending') ORDER BY id`,
      [sessionId],
    );
    return rows.map((row) => Number(row.id));
  }

  async sessionVersion(manager: EntityManager, sessionId: number): Promise<number> {
    const [row] = await manager.query(`SELECT version FROM training_session WHERE id = $1`, [sessionId]);
    return Number(row.version);
  }

  async user(manager: EntityManager, id: number): Promise<Recipient | undefined> {
    const [row] = await manager.query(`SELECT id, email, display_name FROM app_user WHERE id = $1 AND is_active`, [id]);
    return row ? { userId: Number(row.id), email: row.email, name: row.display_name } : undefined;
  }

  /**
   * Confirmed people with an address whose session's first part starts in the window
   * (`from`, `to`]; sessions without parts count from 08:00 Việt Nam time of their first day.
   */
  async dueReminders(
    manager: EntityManager,
    from: Date,
    to: Date,
  ): Promise<{ registrationId: number; startsAt: Date }[]> {
    const rows: { id: string; starts_at: Date }[] = await manager.query(
      `SELECT r.id, x.starts_at
         FROM registration r
         JOIN training_session s ON s.id = r.session_id
         CROSS JOIN LATERAL (
           SELECT coalesce((SELECT min(p.starts_at) FROM session_part p WHERE p.session_id = s.id),
                           (s.starts_on + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS starts_at) x
        WHERE r.status = 'confirmed' AND r.email IS NOT NULL AND s.date_precision = 'day'
          AND s.status IN ('scheduled', 'registration_open', 'in_progress')
          AND x.starts_at > $1 AND x.starts_at <= $2
        ORDER BY r.id`,
      [from, to],
    );
    return rows.map((row) => ({ registrationId: Number(row.id), startsAt: row.starts_at }));
  }

  /** Sessions whose first day is `day` (YYYY-MM-DD, Việt Nam), with their coordinators (scoped or not). */
  async sessionsStartingOn(
    manager: EntityManager,
    day: string,
  ): Promise<{ sessionId: number; confirmed: number; coordinators: Recipient[] }[]> {
    const rows: { id: string; confirmed: number; coordinators: { id: string; email: string; name: string }[] }[] =
      await manager.query(
        `SELECT s.id,
                (SELECT count(*)::int FROM registration r WHERE r.session_id = s.id AND r.status = 'confirmed') AS confirmed,
                coalesce((SELECT jsonb_agg(DISTINCT jsonb_build_object('id', u.id, 'email', u.email, 'name', u.display_name))
                   FROM user_role g JOIN app_user u ON u.id = g.user_id AND u.is_active
                  WHERE g.role = 'coordinator' AND (g.session_id IS NULL OR g.session_id = s.id)), '[]') AS coordinators
           FROM training_session s
          WHERE s.starts_on = $1::date AND s.date_precision = 'day'
            AND s.status IN ('scheduled', 'registration_open', 'in_progress')`,
        [day],
      );
    return rows.map((row) => ({
      sessionId: Number(row.id),
      confirmed: row.confirmed,
      coordinators: row.coordinators.map((c) => ({ userId: Number(c.id), email: c.email, name: c.name })),
    }));
  }

  /** Per organiser (scoped to the session, or unscoped), the moderated sessions with pending registrations. */
  async pendingModeration(
    manager: EntityManager,
  ): Promise<{ recipient: Recipient; sessions: { id: number; title: string; pending: number }[] }[]> {
    const rows: {
      id: string;
      email: string;
      name: string;
      sessions: { id: string; title: string; pending: number }[];
    }[] = await manager.query(
      `WITH pending AS (
           SELECT r.session_id, s.title, count(*)::int AS pending
             FROM registration r JOIN training_session s ON s.id = r.session_id
            WHERE r.status = 'pending' AND s.status NOT IN ('completed', 'cancelled')
            GROUP BY r.session_id, s.title)
         SELECT u.id, u.email, u.display_name AS name,
                jsonb_agg(DISTINCT jsonb_build_object('id', pending.session_id, 'title', pending.title, 'pending', pending.pending)) AS sessions
           FROM pending
           JOIN user_role g ON g.role = 'organiser' AND (g.session_id IS NULL OR g.session_id = pending.session_id)
           JOIN app_user u ON u.id = g.user_id AND u.is_active
          GROUP BY u.id, u.email, u.display_name
          ORDER BY u.id`,
    );
    return rows.map((row) => ({
      recipient: { userId: Number(row.id), email: row.email, name: row.name },
      sessions: row.sessions.map((s) => ({ id: Number(s.id), title: s.title, pending: s.pending })),
    }));
  }
}
