import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CHECK_IN_BY_CODE_SQL, TARGET, windowColumns } from './check-in.sql';

export interface PartRow {
  id: string;
  session_id: string;
  position: number;
  label: string;
  starts_at: Date;
  ends_at: Date;
}

/** A part with what a scan is judged by: the session's status and the part's check-in window. */
export interface ScanPartRow extends PartRow {
  session_status: string;
  window_opens_at: Date;
  window_closes_at: Date;
}

/** The minutes of grace around a part (configuration), in which check-in is open. */
export interface CheckInGrace {
  beforeMinutes: number;
  afterMinutes: number;
}

export interface WalkInRow {
  id: string;
  full_name: string;
  province_id: number | null;
  agency: string;
  phone: string | null;
}

export interface ScanTarget {
  id: string;
  session_id: string;
  status: string;
  full_name: string;
  agency: string;
  province_id: number;
  province_name: string;
}

export interface AttendanceRow {
  id: string;
  part_id: string;
  registration_id: string | null;
  walk_in_id: string | null;
  full_name: string;
  status: string;
  method: string;
  checked_in_at: Date | null;
  checked_out_at: Date | null;
  reason: string | null;
  undone_at: Date | null;
  undo_reason: string | null;
}

/**
 * The check-in window of part `sp` of session `s`, as two timestamptz columns: from the grace
 * before the part starts until the grace after it ends, never outside the session's own days
 * (in the session's time zone). $before and $after are the parameter placeholders of the grace.
 */
/** All SQL of attendance; methods run on the caller's transaction manager. */
@Injectable()
export class AttendanceRepository {
  async part(manager: EntityManager, sessionId: number, partId: number): Promise<PartRow | undefined> {
    const [row] = await manager.query(`SELECT * FROM session_part WHERE id = $1 AND session_id = $2`, [
      partId,
      sessionId,
    ]);
    return row;
  }

  /** The part with its session's status and its check-in window; locks the session against status changes. */
  async scanPart(
    manager: EntityManager,
    sessionId: number,
    partId: number,
    grace: CheckInGrace,
  ): Promise<ScanPartRow | undefined> {
    const [row] = await manager.query(
      `SELECT sp.*, s.status AS session_status, ${windowColumns('$3', '$4')}
         FROM session_part sp JOIN training_session s ON s.id = sp.session_id
        WHERE sp.id = $1 AND sp.session_id = $2`,
      [partId, sessionId, grace.beforeMinutes, grace.afterMinutes],
    );
    return row;
  }

  /** The registration a retired (replaced) check-in code belonged to. */
  async retiredCode(
    manager: EntityManager,
    code: string,
  ): Promise<{ registration_id: string; session_id: string; retired_at: Date } | undefined> {
    const [row] = await manager.query(
      `SELECT rc.registration_id, r.session_id, rc.retired_at
         FROM retired_check_in_code rc JOIN registration r ON r.id = rc.registration_id WHERE rc.code = $1`,
      [code],
    );
    return row;
  }

  async provinceExists(manager: EntityManager, provinceId: number): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM province WHERE id = $1`, [provinceId])).length > 0;
  }

  /** Serialises walk-ins of one session, so two entries of the same person cannot both pass the duplicate check. */
  async lockWalkIns(manager: EntityManager, sessionId: number): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('walk_in:' || $1::text, 0))`, [sessionId]);
  }

  async walkIns(manager: EntityManager, sessionId: number): Promise<WalkInRow[]> {
    return manager.query(`SELECT id, full_name, province_id, agency, phone FROM walk_in WHERE session_id = $1`, [
      sessionId,
    ]);
  }

  /** Confirmed registrations of the session with this folded name (the walk-in may be one of them). */
  async confirmedNamed(
    manager: EntityManager,
    sessionId: number,
    nameFolded: string,
  ): Promise<{ id: string; province_id: number; phone_normalised: string | null; full_name: string }[]> {
    return manager.query(
      `SELECT id, province_id, phone_normalised, full_name FROM registration
        WHERE session_id = $1 AND name_folded = $2 AND status = 'confirmed' ORDER BY id`,
      [sessionId, nameFolded],
    );
  }

  async walkInStanding(manager: EntityManager, partId: number, walkInId: number): Promise<{ id: string } | undefined> {
    const [row] = await manager.query(
      `SELECT id FROM attendance WHERE part_id = $1 AND walk_in_id = $2 AND undone_at IS NULL`,
      [partId, walkInId],
    );
    return row;
  }

  async codeOf(
    manager: EntityManager,
    registrationId: number,
  ): Promise<{ session_id: string; province_id: number; status: string; check_in_code: string | null } | undefined> {
    const [row] = await manager.query(
      `SELECT session_id, province_id, status, check_in_code FROM registration WHERE id = $1`,
      [registrationId],
    );
    return row;
  }

  /** Serialises scans carrying the same nonce, so a retry racing the original still gets its answer. */
  async lockNonce(manager: EntityManager, partId: number, nonce: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, [nonce, partId]);
  }

  async storedAnswer(manager: EntityManager, partId: number, nonce: string): Promise<unknown | undefined> {
    const [row] = await manager.query(`SELECT answer FROM scan_nonce WHERE part_id = $1 AND nonce = $2`, [
      partId,
      nonce,
    ]);
    return row?.answer;
  }

  async storeAnswer(manager: EntityManager, partId: number, nonce: string, answer: unknown): Promise<void> {
    await manager.query(
      `INSERT INTO scan_nonce (part_id, nonce, answer) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING`,
      [partId, nonce, JSON.stringify(answer)],
    );
  }

  async targetByCode(manager: EntityManager, code: string): Promise<ScanTarget | undefined> {
    const [row] = await manager.query(`SELECT ${TARGET} WHERE r.check_in_code = $1`, [code]);
    return row;
  }

  async targetById(manager: EntityManager, id: number): Promise<ScanTarget | undefined> {
    const [row] = await manager.query(`SELECT ${TARGET} WHERE r.id = $1`, [id]);
    return row;
  }

  /** The registration a scan names, by its code or by its id. */
  target(manager: EntityManager, scan: { code?: string; registrationId?: number }): Promise<ScanTarget | undefined> {
    return scan.code !== undefined
      ? this.targetByCode(manager, scan.code)
      : this.targetById(manager, scan.registrationId!);
  }

  async recordFailure(
    manager: EntityManager,
    partId: number,
    presented: string,
    reason: string,
    scannedAt: string | null,
    userId: number,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO scan_failure (part_id, presented, reason, client_scanned_at, recorded_by) VALUES ($1, $2, $3, $4, $5)`,
      [partId, presented, reason, scannedAt, userId],
    );
  }

  /** Inserts the check-in unless one stands; the partial unique index decides between racing scans. */
  async insertCheckIn(
    manager: EntityManager,
    values: {
      partId: number;
      registrationId: number;
      method: string;
      checkedInAt: Date;
      clientScannedAt: string | null;
      bridgePointId: number | null;
      userId: number;
    },
  ): Promise<{ id: string; checked_in_at: Date } | undefined> {
    const [row] = await manager.query(
      `INSERT INTO attendance (part_id, registration_id, status, method, checked_in_at, client_scanned_at, bridge_point_id, recorded_by)
       VALUES ($1, $2, 'present', $3, $4, $5, $6, $7)
       ON CONFLICT (part_id, registration_id) WHERE undone_at IS NULL AND registration_id IS NOT NULL DO NOTHING
       RETURNING id, checked_in_at`,
      [
        values.partId,
        values.registrationId,
        values.method,
        values.checkedInAt,
        values.clientScannedAt,
        values.bridgePointId,
        values.userId,
      ],
    );
    return row;
  }

  /**
   * The live-scan hot path in ONE statement (one round trip, atomic): find the part and the code's
   * registration, insert the check-in if the registration is a confirmed one of this session (the
   * partial unique index turns a repeat into a no-op), and audit the insert. The caller falls back
   * to the full path when anything is off (unknown code, wrong session, outside the part's
   * check-in window, cancelled session…) to record the refusal.
   */
  async checkInByCode(
    manager: EntityManager,
    sessionId: number,
    partId: number,
    code: string,
    userId: number,
    requestId: string | null,
    grace: CheckInGrace,
  ): Promise<{
    part_id: string | null;
    part_open: boolean | null;
    target: ScanTarget | null;
    attendance_id: string | null;
    checked_in_at: Date | null;
  }> {
    const [row] = await manager.query(CHECK_IN_BY_CODE_SQL, [
      sessionId,
      partId,
      code,
      userId,
      requestId,
      grace.beforeMinutes,
      grace.afterMinutes,
    ]);
    return row;
  }

  async standing(manager: EntityManager, partId: number, registrationId: number): Promise<AttendanceRow | undefined> {
    const [row] = await manager.query(
      `SELECT a.*, r.full_name FROM attendance a JOIN registration r ON r.id = a.registration_id
        WHERE a.part_id = $1 AND a.registration_id = $2 AND a.undone_at IS NULL`,
      [partId, registrationId],
    );
    return row;
  }

  async bridgePointOf(manager: EntityManager, sessionId: number, bridgePointId: number): Promise<boolean> {
    return (
      (await manager.query(`SELECT 1 FROM bridge_point WHERE id = $1 AND session_id = $2`, [bridgePointId, sessionId]))
        .length > 0
    );
  }

  async insertAbsence(
    manager: EntityManager,
    partId: number,
    registrationId: number,
    kind: string,
    reason: string,
    userId: number,
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `INSERT INTO attendance (part_id, registration_id, status, method, reason, recorded_by)
       VALUES ($1, $2, $3, 'manual', $4, $5)
       ON CONFLICT (part_id, registration_id) WHERE undone_at IS NULL AND registration_id IS NOT NULL DO NOTHING RETURNING id`,
      [partId, registrationId, kind, reason, userId],
    );
    return row?.id;
  }

  async insertWalkIn(
    manager: EntityManager,
    sessionId: number,
    input: {
      fullName: string;
      provinceId: number | null;
      agency: string;
      position: string | null;
      phone: string | null;
    },
    userId: number,
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO walk_in (session_id, full_name, province_id, agency, position, phone, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [sessionId, input.fullName, input.provinceId, input.agency, input.position, input.phone, userId],
    );
    return Number(id);
  }

  async insertWalkInAttendance(manager: EntityManager, partId: number, walkInId: number, userId: number) {
    const [{ id }] = await manager.query(
      `INSERT INTO attendance (part_id, walk_in_id, status, method, checked_in_at, recorded_by)
       VALUES ($1, $2, 'present', 'walk_in', now(), $3) RETURNING id`,
      [partId, walkInId, userId],
    );
    return Number(id);
  }

  async record(
    manager: EntityManager,
    id: number,
    lock = false,
  ): Promise<(AttendanceRow & { session_id: string }) | undefined> {
    const [row] = await manager.query(
      `SELECT a.*, coalesce(r.full_name, w.full_name) AS full_name, sp.session_id
         FROM attendance a JOIN session_part sp ON sp.id = a.part_id
         LEFT JOIN registration r ON r.id = a.registration_id LEFT JOIN walk_in w ON w.id = a.walk_in_id
        WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id],
    );
    return row;
  }

  async undo(manager: EntityManager, id: number, userId: number, reason: string): Promise<void> {
    await manager.query(`UPDATE attendance SET undone_at = now(), undone_by = $2, undo_reason = $3 WHERE id = $1`, [
      id,
      userId,
      reason,
    ]);
  }

  async checkOut(manager: EntityManager, id: number): Promise<void> {
    await manager.query(`UPDATE attendance SET checked_out_at = now() WHERE id = $1 AND checked_out_at IS NULL`, [id]);
  }

  async setHeadcount(manager: EntityManager, partId: number, bridgePointId: number, headcount: number, userId: number) {
    await manager.query(
      `INSERT INTO bridge_point_headcount (part_id, bridge_point_id, headcount, recorded_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (part_id, bridge_point_id) DO UPDATE SET headcount = EXCLUDED.headcount,
         recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [partId, bridgePointId, headcount, userId],
    );
  }

  async partRecords(manager: EntityManager, partId: number): Promise<AttendanceRow[]> {
    return manager.query(
      `SELECT a.*, coalesce(r.full_name, w.full_name) AS full_name
         FROM attendance a LEFT JOIN registration r ON r.id = a.registration_id LEFT JOIN walk_in w ON w.id = a.walk_in_id
        WHERE a.part_id = $1 ORDER BY a.recorded_at, a.id`,
      [partId],
    );
  }

  async failures(manager: EntityManager, partId: number) {
    return manager.query(
      `SELECT presented, reason, client_scanned_at, recorded_at FROM scan_failure WHERE part_id = $1 ORDER BY id`,
      [partId],
    );
  }
}
