import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts: users, role grants (optionally scoped to one training session; a province
 * delegate is bound to one province), rotating refresh tokens, and the audit log shared by
 * every feature.
 */
export class Accounts1732200002000 implements MigrationInterface {
  name = 'Accounts1732200002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- Kept as entered; uniqueness and look-ups are case-insensitive through lower(email).
        email text NOT NULL CHECK (email = btrim(email) AND length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
        -- argon2id PHC string: $argon2id$v=19$m=...,t=...,p=...$salt$hash
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        display_name text NOT NULL CHECK (length(btrim(display_name)) > 0),
        is_active boolean NOT NULL DEFAULT true,
        -- Login attempts since the last success (reserved before the password is checked).
        failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);

    await q.query(`
      CREATE TABLE user_role (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'organiser', 'coordinator', 'province_delegate')),
        -- NULL: every session. Set: the grant applies to that one session only.
        session_id bigint REFERENCES training_session(id) ON DELETE CASCADE,
        province_id integer REFERENCES province(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_role_province_only_for_delegates CHECK ((role = 'province_delegate') = (province_id IS NOT NULL)),
        CONSTRAINT user_role_unscoped_roles CHECK (role IN ('organiser', 'coordinator') OR session_id IS NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX user_role_grant_key ON user_role (user_id, role, coalesce(session_id, 0))`);
    // A delegate account speaks for exactly one province.
    await q.query(`CREATE UNIQUE INDEX user_role_one_province ON user_role (user_id) WHERE role = 'province_delegate'`);
    await q.query(`CREATE INDEX user_role_session ON user_role (session_id) WHERE session_id IS NOT NULL`);
    await q.query(`CREATE INDEX user_role_province ON user_role (province_id) WHERE province_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        -- Every token obtained by rotating one login's first token shares its family.
        family_id uuid NOT NULL,
        -- sha256 (hex) of the opaque token; the token itself is never stored.
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by uuid REFERENCES refresh_token(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_token_family ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_user ON refresh_token (user_id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_user_id bigint REFERENCES app_user(id),
        action text NOT NULL CHECK (length(action) > 0),
        entity_type text NOT NULL CHECK (length(entity_type) > 0),
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now(),
        request_id text
      )`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, at)`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor_user_id, at) WHERE actor_user_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE user_role`);
    await q.query(`DROP TABLE app_user`);
  }
}
