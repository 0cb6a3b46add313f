import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored import proposals (issue 20): a report read by the importer is kept with its source
 * fields and the proposal as answered, so its author can come back to review it and accept it
 * once. `session_id` is set when the proposal is accepted (a new draft or the session merged
 * into); the status check keeps the two in step, which is what refuses a second accept.
 */
export class ArticleImports1796180000000 implements MigrationInterface {
  name = 'ArticleImports1796180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE article_import (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        created_by bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        text text NOT NULL,
        url text,
        publisher text,
        published_on date,
        proposal jsonb NOT NULL,
        status text NOT NULL DEFAULT 'proposed',
        session_id bigint REFERENCES training_session(id) ON DELETE SET NULL,
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT article_import_status CHECK (status IN ('proposed', 'accepted')),
        CONSTRAINT article_import_accepted_has_time CHECK ((status = 'accepted') = (accepted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX article_import_created_by ON article_import (created_by, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE article_import`);
  }
}
