import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registration of provincial cadres for a session. Quotas and capacity are counters that
 * only a conditional UPDATE (… WHERE confirmed_count < quota) may raise, and CHECK
 * constraints make overfilling impossible even for a buggy caller. The same person cannot
 * hold two active registrations for one session: partial unique indexes on the folded name
 * with the normalised phone, and with the normalised email.
 */
export class Registration1732200003000 implements MigrationInterface {
  name = 'Registration1732200003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registration_settings (
        session_id bigint PRIMARY KEY REFERENCES training_session(id) ON DELETE RESTRICT,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        capacity integer CHECK (capacity IS NULL OR capacity >= 0),
        confirmed_count integer NOT NULL DEFAULT 0,
        moderated boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_at > opens_at),
        CHECK (confirmed_count >= 0 AND (capacity IS NULL OR confirmed_count <= capacity))
      )`);
    await q.query(`
      CREATE TABLE province_quota (
        session_id bigint NOT NULL REFERENCES registration_settings(session_id) ON DELETE CASCADE,
        province_id integer NOT NULL REFERENCES province(id),
        quota integer NOT NULL CHECK (quota >= 0),
        confirmed_count integer NOT NULL DEFAULT 0,
        PRIMARY KEY (session_id, province_id),
        CHECK (confirmed_count >= 0 AND confirmed_count <= quota)
      )`);
    await q.query(`
      CREATE TABLE registration (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE RESTRICT,
        province_id integer NOT NULL REFERENCES province(id),
        full_name text NOT NULL,
        name_folded text NOT NULL,
        gender text CHECK (gender IN ('female', 'male', 'other')),
        position text,
        agency text NOT NULL,
        phone text,
        phone_normalised text,
        email text,
        email_normalised text,
        status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'rejected', 'withdrawn')),
        status_reason text,
        -- Unguessable code for the check-in QR, issued on confirmation.
        check_in_code text UNIQUE,
        created_by bigint REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Waitlist order: first come, first promoted.
        waitlisted_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CHECK (phone_normalised IS NOT NULL OR email_normalised IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX registration_session_province ON registration (session_id, province_id, status)`);
    await q.query(`
      CREATE INDEX registration_waitlist ON registration (session_id, province_id, waitlisted_at, id)
        WHERE status = 'waitlisted'`);
    await q.query(`
      CREATE UNIQUE INDEX registration_same_person_phone ON registration (session_id, name_folded, phone_normalised)
        WHERE status IN ('pending', 'confirmed', 'waitlisted') AND phone_normalised IS NOT NULL`);
    await q.query(`
      CREATE UNIQUE INDEX registration_same_person_email ON registration (session_id, name_folded, email_normalised)
        WHERE status IN ('pending', 'confirmed', 'waitlisted') AND email_normalised IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registration`);
    await q.query(`DROP TABLE province_quota`);
    await q.query(`DROP TABLE registration_settings`);
  }
}
