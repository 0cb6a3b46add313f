import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions and helpers every feature relies on:
 * - unaccent + an IMMUTABLE wrapper, so accent-free search can be indexed (unaccent itself is
 *   only STABLE because its dictionary could change); names inside are schema-qualified
 *   because PostgreSQL 17+ builds indexes with a restricted search_path;
 * - pg_trgm for fuzzy/substring search indexes;
 * - a Vietnamese ICU collation for sorting names;
 * - the table that remembers which seed data set was loaded.
 */
export class Foundation1732200000000 implements MigrationInterface {
  name = 'Foundation1732200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.f_unaccent(normalize($1, NFC))) $$`);
    await queryRunner.query(`CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi-VN')`);
    await queryRunner.query(`
      CREATE TABLE seed_run (
        name text PRIMARY KEY,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE seed_run`);
    await queryRunner.query(`DROP COLLATION IF EXISTS vi`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS search_fold(text)`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS f_unaccent(text)`);
  }
}
