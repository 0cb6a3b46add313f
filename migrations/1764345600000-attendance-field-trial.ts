import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Field-trial fixes for attendance:
 * - Vietnamese name order: lists sort by given name (tên, the last word), then the middle names,
 *   then the family name (họ), each with the ICU `vi` collation ("Bùi Thu Lan" under L). The
 *   parts of a name are IMMUTABLE SQL functions so ORDER BY can use them (and indexes could).
 * - Retired check-in codes: substituting a person issues a new code; the old one is kept here so
 *   a scan of it is answered "retired" (and by whom it was replaced), not "unknown".
 */
export class AttendanceFieldTrial1764345600000 implements MigrationInterface {
  name = 'AttendanceFieldTrial1764345600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION vn_given_name(full_name text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT coalesce(substring(btrim(full_name) from '(\\S+)$'), '') $$`);
    await q.query(`
      CREATE FUNCTION vn_middle_names(full_name text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT coalesce(substring(btrim(full_name) from '^\\S+\\s+(.*\\S)\\s+\\S+$'), '') $$`);
    await q.query(`
      CREATE FUNCTION vn_family_name(full_name text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT CASE WHEN btrim(full_name) ~ '\\s' THEN substring(btrim(full_name) from '^(\\S+)') ELSE '' END $$`);
    await q.query(`
      CREATE TABLE retired_check_in_code (
        code text PRIMARY KEY,
        registration_id bigint NOT NULL REFERENCES registration(id) ON DELETE CASCADE,
        reason text NOT NULL,
        retired_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX retired_check_in_code_registration ON retired_check_in_code (registration_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE retired_check_in_code`);
    await q.query(`DROP FUNCTION vn_family_name(text)`);
    await q.query(`DROP FUNCTION vn_middle_names(text)`);
    await q.query(`DROP FUNCTION vn_given_name(text)`);
  }
}
