import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the provenance write paths need (issue 16):
 * - sources entered through the API: language, and optionally their text as paragraphs so a
 *   citation's quote can be checked against its paragraph;
 * - citations that can be retired (a changed field keeps its old citations out of the reads)
 *   and that know whether the seed wrote them (the seeder rebuilds only its own);
 * - reported counts with a qualifier (exact, at least, about, at most) beside the free note;
 * - delegations with a headcount, also for a province as a whole (no agency);
 * - dates the sources leave uncertain: day and month without a year, "recently", an inferred
 *   year with its reason, and the date of the report as the latest the event can be;
 * - posts stated at one appearance, roles at an event (chair, guest, speaker, lecturer, award
 *   recipient) and awards, the district/commune audience scope, the day of an agenda item;
 * - a region invited only in part (the report names the region, not its units).
 */
export class ProvenanceWrites1796154643819 implements MigrationInterface {
  name = 'ProvenanceWrites1796154643819';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE source
        ADD COLUMN language text NOT NULL DEFAULT 'vi' CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$'),
        ADD COLUMN paragraphs text[],
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);

    await q.query(`
      ALTER TABLE citation
        ADD COLUMN seeded boolean NOT NULL DEFAULT false,
        ADD COLUMN retired_at timestamptz,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`UPDATE citation SET seeded = true`);
    await q.query(`ALTER TABLE citation DROP CONSTRAINT citation_subject_type_check`);
    await q.query(`
      ALTER TABLE citation ADD CONSTRAINT citation_subject_type_check CHECK (subject_type IN (
        'training_session','session_organiser','session_claim','bridge_point','session_delegation','agenda_item',
        'person_position','organisation_name','document','session_role','session_award'))`);
    await q.query(`CREATE INDEX citation_source ON citation (source_id)`);

    // The seeder replaces only what it wrote: counts and delegations entered through the API stay.
    await q.query(`ALTER TABLE session_claim ADD COLUMN seeded boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE session_delegation ADD COLUMN seeded boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE session_claim SET seeded = true`);
    await q.query(`UPDATE session_delegation SET seeded = true`);
    await q.query(`ALTER TABLE session_claim RENAME COLUMN qualifier TO note`);
    await q.query(`
      ALTER TABLE session_claim
        ADD COLUMN qualifier text NOT NULL DEFAULT 'exact' CHECK (qualifier IN ('exact','at_least','about','at_most')),
        ADD CONSTRAINT session_claim_value_check CHECK (value >= 0)`);

    const [unique] = await q.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'session_delegation'::regclass AND contype = 'u'`,
    );
    if (unique) await q.query(`ALTER TABLE session_delegation DROP CONSTRAINT "${unique.conname}"`);
    await q.query(`
      ALTER TABLE session_delegation
        ALTER COLUMN organisation_id DROP NOT NULL,
        ADD COLUMN headcount integer CHECK (headcount > 0 AND headcount <= 100000),
        ADD COLUMN note text`);
    // One row per province and agency; the row without agency is the province's delegation as a whole.
    await q.query(
      `CREATE UNIQUE INDEX session_delegation_agency ON session_delegation (session_id, province_id, coalesce(organisation_id, 0))`,
    );
    await q.query(`CREATE INDEX session_delegation_province ON session_delegation (province_id)`);
    await q.query(`CREATE INDEX session_delegation_organisation ON session_delegation (organisation_id)`);

    await q.query(`ALTER TABLE training_session DROP CONSTRAINT training_session_date_precision_check`);
    await q.query(`
      ALTER TABLE training_session
        ALTER COLUMN starts_on DROP NOT NULL,
        ALTER COLUMN ends_on DROP NOT NULL,
        ADD COLUMN start_month smallint CHECK (start_month BETWEEN 1 AND 12),
        ADD COLUMN start_day smallint CHECK (start_day BETWEEN 1 AND 31),
        ADD COLUMN end_month smallint CHECK (end_month BETWEEN 1 AND 12),
        ADD COLUMN end_day smallint CHECK (end_day BETWEEN 1 AND 31),
        ADD COLUMN year_inferred boolean NOT NULL DEFAULT false,
        ADD COLUMN date_inference text,
        ADD COLUMN date_as_reported text,
        ADD COLUMN reported_by date,
        ADD COLUMN audience_scope text CHECK (audience_scope IN ('national','regional','provincial','district','commune')),
        ADD COLUMN audience_units text,
        ADD CONSTRAINT training_session_date_precision_check
          CHECK (date_precision IN ('day','month','year','day_unknown_year','unknown')),
        ADD CONSTRAINT training_session_known_dates
          CHECK ((starts_on IS NULL AND ends_on IS NULL) = (date_precision IN ('day_unknown_year','unknown'))),
        ADD CONSTRAINT training_session_day_without_year
          CHECK (date_precision <> 'day_unknown_year' OR (start_month IS NOT NULL AND start_day IS NOT NULL)),
        ADD CONSTRAINT training_session_inference_reason CHECK (NOT year_inferred OR date_inference IS NOT NULL)`);
    // Lists sort by the date when known, else by the latest the event can be (the report's date).
    await q.query(
      `ALTER TABLE training_session ADD COLUMN sort_on date GENERATED ALWAYS AS (coalesce(starts_on, reported_by)) STORED`,
    );
    await q.query(`CREATE INDEX training_session_sort_on ON training_session (sort_on, id)`);

    // A region named by a report whose units were not all invited (and are not listed).
    await q.query(`ALTER TABLE session_invited_region ADD COLUMN in_part boolean NOT NULL DEFAULT false`);

    await q.query(`ALTER TABLE agenda_item ADD COLUMN day smallint CHECK (day BETWEEN 1 AND 60)`);

    // A post as a report states it at one appearance: shown at that session, never guessed onto others.
    await q.query(
      `ALTER TABLE person_position ADD COLUMN session_id bigint REFERENCES training_session(id) ON DELETE CASCADE`,
    );
    await q.query(`CREATE INDEX person_position_session ON person_position (session_id)`);

    await q.query(`
      CREATE TABLE session_award (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        title text NOT NULL,
        conferred_by_id bigint REFERENCES organisation(id),
        note text
      )`);
    await q.query(`CREATE INDEX session_award_session ON session_award (session_id)`);
    await q.query(`
      CREATE TABLE session_role (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('chair','guest','speaker','lecturer','award_recipient')),
        person_id bigint REFERENCES person(id),
        organisation_id bigint REFERENCES organisation(id),
        award_id bigint REFERENCES session_award(id) ON DELETE CASCADE,
        stated_as text,
        note text,
        CHECK (num_nonnulls(person_id, organisation_id) = 1),
        CHECK (award_id IS NULL OR role = 'award_recipient')
      )`);
    await q.query(`CREATE INDEX session_role_session ON session_role (session_id)`);
    await q.query(`CREATE INDEX session_role_person ON session_role (person_id)`);
    await q.query(`CREATE INDEX session_role_organisation ON session_role (organisation_id)`);

    // The search documents (issue 15) already hold delegations; refresh them for the new columns.
    await q.query(`SELECT refresh_session_searches(ARRAY(SELECT id FROM training_session))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_role`);
    await q.query(`DROP TABLE session_award`);
    await q.query(`DROP INDEX person_position_session`);
    await q.query(`ALTER TABLE person_position DROP COLUMN session_id`);
    await q.query(`ALTER TABLE agenda_item DROP COLUMN day`);
    await q.query(`ALTER TABLE session_invited_region DROP COLUMN in_part`);
    await q.query(`DELETE FROM training_session WHERE starts_on IS NULL`);
    await q.query(`
      ALTER TABLE training_session
        DROP CONSTRAINT training_session_known_dates, DROP CONSTRAINT training_session_day_without_year,
        DROP CONSTRAINT training_session_inference_reason, DROP CONSTRAINT training_session_date_precision_check,
        DROP COLUMN sort_on, DROP COLUMN start_month, DROP COLUMN start_day, DROP COLUMN end_month, DROP COLUMN end_day,
        DROP COLUMN year_inferred, DROP COLUMN date_inference, DROP COLUMN date_as_reported, DROP COLUMN reported_by,
        DROP COLUMN audience_scope, DROP COLUMN audience_units,
        ALTER COLUMN starts_on SET NOT NULL, ALTER COLUMN ends_on SET NOT NULL,
        ADD CONSTRAINT training_session_date_precision_check CHECK (date_precision IN ('day','month','year'))`);
    await q.query(`DELETE FROM session_delegation WHERE organisation_id IS NULL`);
    await q.query(`DROP INDEX session_delegation_agency`);
    await q.query(`DROP INDEX session_delegation_province`);
    await q.query(`DROP INDEX session_delegation_organisation`);
    await q.query(`
      ALTER TABLE session_delegation DROP COLUMN headcount, DROP COLUMN note, ALTER COLUMN organisation_id SET NOT NULL,
        ADD UNIQUE (session_id, province_id, organisation_id)`);
    await q.query(`ALTER TABLE session_claim DROP CONSTRAINT session_claim_value_check, DROP COLUMN qualifier`);
    await q.query(`ALTER TABLE session_claim RENAME COLUMN note TO qualifier`);
    await q.query(`ALTER TABLE session_claim DROP COLUMN seeded`);
    await q.query(`ALTER TABLE session_delegation DROP COLUMN seeded`);
    await q.query(`DELETE FROM citation WHERE subject_type IN ('session_role','session_award')`);
    await q.query(`DROP INDEX citation_source`);
    await q.query(`ALTER TABLE citation DROP CONSTRAINT citation_subject_type_check`);
    await q.query(`
      ALTER TABLE citation ADD CONSTRAINT citation_subject_type_check CHECK (subject_type IN ('training_session',
        'session_organiser','session_claim','bridge_point','session_delegation','agenda_item','person_position',
        'organisation_name','document'))`);
    await q.query(`ALTER TABLE citation DROP COLUMN seeded, DROP COLUMN retired_at, DROP COLUMN created_at`);
    await q.query(`ALTER TABLE source DROP COLUMN language, DROP COLUMN paragraphs, DROP COLUMN created_at`);
  }
}
