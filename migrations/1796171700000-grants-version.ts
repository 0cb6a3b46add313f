import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version of each user's grants (issue 17, item 2), so that an API process can keep the grants
 * it read and, per request, check only this number (a primary-key read) instead of reading and
 * resolving every grant. Triggers bump it, so no writer can forget: any insert, update or delete
 * of the user's role grants, and any change to which sessions an organisation organises (an
 * organisation-bound grant resolves to them). The active flag and the token generation are read
 * with the version on every request, so disabling a user needs no bump.
 */
export class GrantsVersion1796171700000 implements MigrationInterface {
  name = 'GrantsVersion1796171700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN grants_version bigint NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION bump_grants_version_of_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          UPDATE app_user SET grants_version = grants_version + 1 WHERE id = OLD.user_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          UPDATE app_user SET grants_version = grants_version + 1 WHERE id = NEW.user_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER user_role_bumps_grants_version AFTER INSERT OR UPDATE OR DELETE ON user_role
        FOR EACH ROW EXECUTE FUNCTION bump_grants_version_of_user()`);
    await q.query(`
      CREATE FUNCTION bump_grants_version_of_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE app_user u SET grants_version = grants_version + 1
         WHERE EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id
                          AND r.organisation_id IN (
                            CASE WHEN TG_OP <> 'INSERT' THEN OLD.organisation_id END,
                            CASE WHEN TG_OP <> 'DELETE' THEN NEW.organisation_id END));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER session_organiser_bumps_grants_version AFTER INSERT OR UPDATE OR DELETE ON session_organiser
        FOR EACH ROW EXECUTE FUNCTION bump_grants_version_of_organisation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER session_organiser_bumps_grants_version ON session_organiser`);
    await q.query(`DROP FUNCTION bump_grants_version_of_organisation()`);
    await q.query(`DROP TRIGGER user_role_bumps_grants_version ON user_role`);
    await q.query(`DROP FUNCTION bump_grants_version_of_user()`);
    await q.query(`ALTER TABLE app_user DROP COLUMN grants_version`);
  }
}
