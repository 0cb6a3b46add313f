import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-user access-token generation. Every access token carries the generation it was signed
 * at; the guard compares it with the user's current one, read with the grants. Logout, password
 * change and refresh-token reuse bump it, so access tokens issued before stop at once instead of
 * living out their 15 minutes.
 */
export class TokenGeneration1764432000000 implements MigrationInterface {
  name = 'TokenGeneration1764432000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE app_user ADD COLUMN token_generation integer NOT NULL DEFAULT 0 CHECK (token_generation >= 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN token_generation`);
  }
}
