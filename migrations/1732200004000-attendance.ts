import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance per session part. A registration is checked in at most once per part: a
 * partial unique index (ignoring undone check-ins) makes a repeated scan a no-op even under
 * a burst of simultaneous scans. Scanner retries are made safe by a client nonce, whose
 * first answer is kept and replayed. Failed scans are kept with their reason.
 */
export class Attendance1732200004000 implements MigrationInterface {
  name = 'Attendance1732200004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE session_part (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position > 0),
        label text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        UNIQUE (session_id, position),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`
      CREATE TABLE walk_in (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        full_name text NOT NULL,
        province_id integer REFERENCES province(id),
        agency text NOT NULL,
        position text,
        phone text,
        created_by bigint REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE attendance (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        part_id bigint NOT NULL REFERENCES session_part(id) ON DELETE RESTRICT,
        registration_id bigint REFERENCES registration(id) ON DELETE RESTRICT,
        walk_in_id bigint REFERENCES walk_in(id) ON DELETE RESTRICT,
        status text NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
        method text NOT NULL CHECK (method IN ('code', 'registration_id', 'offline_batch', 'walk_in', 'manual')),
        checked_in_at timestamptz,
        checked_out_at timestamptz,
        client_scanned_at timestamptz,
        bridge_point_id bigint REFERENCES bridge_point(id),
        reason text,
        recorded_by bigint REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        undone_at timestamptz,
        undone_by bigint REFERENCES app_user(id),
        undo_reason text,
        CHECK (num_nonnulls(registration_id, walk_in_id) = 1),
        CHECK (status <> 'present' OR checked_in_at IS NOT NULL),
        CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX attendance_once_per_part ON attendance (part_id, registration_id)
        WHERE undone_at IS NULL AND registration_id IS NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX attendance_walk_in_once ON attendance (part_id, walk_in_id) WHERE undone_at IS NULL AND walk_in_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX attendance_registration ON attendance (registration_id)`);
    await q.query(`
      CREATE TABLE scan_nonce (
        part_id bigint NOT NULL REFERENCES session_part(id) ON DELETE CASCADE,
        nonce text NOT NULL,
        answer jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (part_id, nonce)
      )`);
    await q.query(`
      CREATE TABLE scan_failure (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        part_id bigint NOT NULL REFERENCES session_part(id) ON DELETE CASCADE,
        presented text NOT NULL,
        reason text NOT NULL,
        client_scanned_at timestamptz,
        recorded_by bigint REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX scan_failure_part ON scan_failure (part_id)`);
    await q.query(`
      CREATE TABLE bridge_point_headcount (
        part_id bigint NOT NULL REFERENCES session_part(id) ON DELETE CASCADE,
        bridge_point_id bigint NOT NULL REFERENCES bridge_point(id) ON DELETE CASCADE,
        headcount integer NOT NULL CHECK (headcount >= 0),
        recorded_by bigint REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (part_id, bridge_point_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'bridge_point_headcount',
      'scan_failure',
      'scan_nonce',
      'attendance',
      'walk_in',
      'session_part',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
