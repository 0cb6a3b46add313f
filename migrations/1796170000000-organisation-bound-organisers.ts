import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organiser grants bound to an organisation (issue 16, item 8): a provincial Sở TT&TT's organiser
 * runs the sessions that organisation organises (lead or co-organiser) and creates its own, with
 * no rights over the others. Such a grant is never also scoped to one session, and a user may
 * hold several (one per organisation), so the organisation joins the grant's unique key.
 */
export class OrganisationBoundOrganisers1796170000000 implements MigrationInterface {
  name = 'OrganisationBoundOrganisers1796170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE user_role ADD COLUMN organisation_id bigint REFERENCES organisation(id) ON DELETE CASCADE`,
    );
    await q.query(`
      ALTER TABLE user_role ADD CONSTRAINT user_role_organisation_only_for_organisers
        CHECK (organisation_id IS NULL OR (role = 'organiser' AND session_id IS NULL))`);
    await q.query(`DROP INDEX user_role_grant_key`);
    await q.query(
      `CREATE UNIQUE INDEX user_role_grant_key ON user_role (user_id, role, coalesce(session_id, 0), coalesce(organisation_id, 0))`,
    );
    await q.query(
      `CREATE INDEX user_role_organisation ON user_role (organisation_id) WHERE organisation_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM user_role WHERE organisation_id IS NOT NULL`);
    await q.query(`DROP INDEX user_role_organisation`);
    await q.query(`DROP INDEX user_role_grant_key`);
    await q.query(`CREATE UNIQUE INDEX user_role_grant_key ON user_role (user_id, role, coalesce(session_id, 0))`);
    await q.query(`ALTER TABLE user_role DROP CONSTRAINT user_role_organisation_only_for_organisers`);
    await q.query(`ALTER TABLE user_role DROP COLUMN organisation_id`);
  }
}
