import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins per account AND source (client address), and separately per kind: a login, or
 * the current password given to POST /auth/password. Repeated failures from one source delay that
 * source progressively; only failures from many sources lock the whole account
 * (app_user.locked_until), so that one anonymous client can no longer lock anyone out.
 */
export class LoginFailures1764432001000 implements MigrationInterface {
  name = 'LoginFailures1764432001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_failure (
        user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('login', 'password')),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
        -- Attempts since the source's last success, counted before the password is checked.
        failures integer NOT NULL CHECK (failures > 0),
        last_failed_at timestamptz NOT NULL,
        -- Set once the source is past its free attempts: no attempt from it is checked before then.
        blocked_until timestamptz,
        PRIMARY KEY (user_id, kind, source)
      )`);
    await q.query(`CREATE INDEX login_failure_recent ON login_failure (user_id, kind, last_failed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failure`);
  }
}
