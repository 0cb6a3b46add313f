import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an import was accepted (issue 20): as a new draft session, or as a further source of a
 * session already in the catalogue. Set with the status in the accept's transaction; the checks
 * keep an accepted proposal's session, time and way of acceptance together.
 */
export class ArticleImportAcceptedAs1796190000000 implements MigrationInterface {
  name = 'ArticleImportAcceptedAs1796190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE article_import
        ADD COLUMN accepted_as text,
        ADD CONSTRAINT article_import_accepted_as CHECK (accepted_as IN ('new_session', 'further_source')),
        ADD CONSTRAINT article_import_accepted_how CHECK ((status = 'accepted') = (accepted_as IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE article_import
        DROP CONSTRAINT article_import_accepted_how,
        DROP CONSTRAINT article_import_accepted_as,
        DROP COLUMN accepted_as`);
  }
}
