import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The training-session catalogue: provinces and regions in both eras (63 units until
 * 2025-06-30, 34 from 2025-07-01), organisations with dated names, people with dated
 * positions, guiding documents, sessions with organisers, agenda, invitations, bridge
 * points, reported counts, and citations of the source articles for every seeded fact.
 */
export class Catalogue1732200001000 implements MigrationInterface {
  name = 'Catalogue1732200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        id smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        name text NOT NULL UNIQUE
      )`);
    await q.query(`
      CREATE TABLE province (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- Official two-digit code of the 63 units; NULL for the 2025 units (codes not in our reference).
        code text UNIQUE CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('province', 'city')),
        region_id smallint NOT NULL REFERENCES region(id),
        valid_from date,
        valid_to date,
        successor_id integer REFERENCES province(id),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE UNIQUE INDEX province_name_era ON province (name, coalesce(valid_from, '-infinity'::date))`);

    await q.query(`
      CREATE TABLE organisation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('party_body','state_body','steering_committee','local_government',
                                            'party_committee','press','academic','international','other')),
        parent_id bigint REFERENCES organisation(id),
        province_id integer REFERENCES province(id),
        short_name text,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    // Official names over time (renames) and aliases (variant spellings used by the press).
    await q.query(`
      CREATE TABLE organisation_name (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organisation_id bigint NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        name text NOT NULL,
        is_alias boolean NOT NULL DEFAULT false,
        valid_from date,
        valid_to date,
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
        UNIQUE (organisation_id, name)
      )`);
    await q.query(
      `CREATE INDEX organisation_name_search ON organisation_name USING gin (search_fold(name) gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE person (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        full_name text NOT NULL,
        academic_title text,
        military_rank text,
        honorific text,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_name_search ON person USING gin (search_fold(full_name) gin_trgm_ops)`);
    // A post held by a person. Sources attest a post at a date (attested_on) more often than they
    // give its term; valid_from/valid_to hold the term when known.
    await q.query(`
      CREATE TABLE person_position (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_id bigint NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        title text NOT NULL,
        organisation_id bigint REFERENCES organisation(id),
        attested_on date,
        valid_from date,
        valid_to date,
        note text,
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX person_position_person ON person_position (person_id)`);
    await q.query(`CREATE INDEX person_position_organisation ON person_position (organisation_id)`);

    await q.query(`
      CREATE TABLE source (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key text NOT NULL UNIQUE,
        file text,
        publisher text,
        title text NOT NULL,
        published_on date,
        author text,
        url text,
        note text
      )`);

    await q.query(`
      CREATE TABLE document (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        number text UNIQUE,
        kind text NOT NULL,
        issuer_id bigint REFERENCES organisation(id),
        issued_on date,
        title text NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE training_session (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('training_conference','national_conference','workshop','award_ceremony','other')),
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','scheduled','registration_open','in_progress','completed','cancelled')),
        -- Schedule: a date range with the precision the source gives (a year-only event spans the year).
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        date_precision text NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day','month','year')),
        part_of_day text CHECK (part_of_day IN ('morning','afternoon','evening','full_day')),
        time_zone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
        venue_name text,
        venue_address text,
        host_province_id integer REFERENCES province(id),
        format text NOT NULL DEFAULT 'in_person' CHECK (format IN ('in_person','online','hybrid')),
        audience text,
        invitation_scope text CHECK (invitation_scope IN ('nationwide','regions','provinces')),
        note text,
        -- Accent-folded text of title, venue, host province, organisers, presenters and documents,
        -- kept by refresh_session_search() in the same transaction as every write.
        search_folded text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX training_session_search ON training_session USING gin (search_folded gin_trgm_ops)`);
    await q.query(`CREATE INDEX training_session_dates ON training_session (starts_on, id)`);
    await q.query(`CREATE INDEX training_session_host ON training_session (host_province_id)`);

    await q.query(`
      CREATE TABLE session_source (
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        source_id bigint NOT NULL REFERENCES source(id),
        PRIMARY KEY (session_id, source_id)
      )`);
    await q.query(`
      CREATE TABLE session_organiser (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        organisation_id bigint NOT NULL REFERENCES organisation(id),
        role text NOT NULL CHECK (role IN ('lead','co_organiser')),
        position smallint NOT NULL,
        UNIQUE (session_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX session_organiser_org ON session_organiser (organisation_id)`);
    await q.query(`
      CREATE TABLE session_invited_province (
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        province_id integer NOT NULL REFERENCES province(id),
        PRIMARY KEY (session_id, province_id)
      )`);
    await q.query(`CREATE INDEX session_invited_province_province ON session_invited_province (province_id)`);
    await q.query(`
      CREATE TABLE session_invited_region (
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        region_id smallint NOT NULL REFERENCES region(id),
        PRIMARY KEY (session_id, region_id)
      )`);
    // Counts as the sources report them; several claims for one field are kept side by side.
    await q.query(`
      CREATE TABLE session_claim (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        field text NOT NULL,
        value integer NOT NULL,
        qualifier text
      )`);
    await q.query(`CREATE INDEX session_claim_session ON session_claim (session_id)`);
    await q.query(`
      CREATE TABLE bridge_point (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        name text NOT NULL,
        organisation_id bigint REFERENCES organisation(id),
        province_id integer REFERENCES province(id),
        abroad boolean NOT NULL DEFAULT false,
        is_group boolean NOT NULL DEFAULT false,
        note text
      )`);
    await q.query(`CREATE INDEX bridge_point_session ON bridge_point (session_id)`);
    await q.query(`
      CREATE TABLE session_delegation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        province_id integer NOT NULL REFERENCES province(id),
        organisation_id bigint NOT NULL REFERENCES organisation(id),
        UNIQUE (session_id, province_id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE session_document (
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        document_id bigint NOT NULL REFERENCES document(id),
        PRIMARY KEY (session_id, document_id)
      )`);
    await q.query(`CREATE INDEX session_document_document ON session_document (document_id)`);

    await q.query(`
      CREATE TABLE agenda_item (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id bigint NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position > 0),
        kind text NOT NULL CHECK (kind IN ('topic','report','directing_speech','concluding_speech','opening_speech','discussion')),
        title text NOT NULL,
        summary text,
        starts_at time,
        ends_at time,
        note text,
        UNIQUE (session_id, position) DEFERRABLE INITIALLY IMMEDIATE,
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at)
      )`);
    await q.query(`
      CREATE TABLE agenda_presenter (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        agenda_item_id bigint NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
        position smallint NOT NULL,
        person_id bigint REFERENCES person(id),
        organisation_id bigint REFERENCES organisation(id),
        CHECK (num_nonnulls(person_id, organisation_id) = 1)
      )`);
    await q.query(`CREATE INDEX agenda_presenter_item ON agenda_presenter (agenda_item_id)`);
    await q.query(`CREATE INDEX agenda_presenter_person ON agenda_presenter (person_id)`);
    await q.query(`CREATE INDEX agenda_presenter_org ON agenda_presenter (organisation_id)`);
    await q.query(`
      CREATE TABLE agenda_document (
        agenda_item_id bigint NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
        document_id bigint NOT NULL REFERENCES document(id),
        PRIMARY KEY (agenda_item_id, document_id)
      )`);
    await q.query(`CREATE INDEX agenda_document_document ON agenda_document (document_id)`);

    // Which source paragraph supports a fact. subject_type names the table of the fact;
    // aspect narrows a session citation to one part of it (schedule, venue, invitation).
    await q.query(`
      CREATE TABLE citation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_id bigint NOT NULL REFERENCES source(id),
        paragraph integer NOT NULL CHECK (paragraph > 0),
        quote text,
        subject_type text NOT NULL CHECK (subject_type IN ('training_session','session_organiser','session_claim',
          'bridge_point','session_delegation','agenda_item','person_position','organisation_name','document')),
        subject_id bigint NOT NULL,
        aspect text
      )`);
    await q.query(`CREATE INDEX citation_subject ON citation (subject_type, subject_id)`);

    // The official (non-alias) name in force on a date; the current one when the date is NULL.
    await q.query(`
      CREATE FUNCTION organisation_name_at(p_org bigint, p_on date) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT name FROM public.organisation_name
         WHERE organisation_id = p_org AND NOT is_alias
         ORDER BY ((valid_from IS NULL OR valid_from <= coalesce(p_on, current_date))
               AND (valid_to IS NULL OR valid_to >= coalesce(p_on, current_date))) DESC,
                  valid_from DESC NULLS LAST, id
         LIMIT 1
      $$`);
    await q.query(`
      CREATE FUNCTION refresh_session_search(p_session bigint) RETURNS void LANGUAGE sql AS $$
        UPDATE training_session s SET search_folded = search_fold(concat_ws(' ',
          s.title, s.venue_name, s.venue_address, s.audience,
          (SELECT p.name FROM province p WHERE p.id = s.host_province_id),
          (SELECT string_agg(n.name, ' ') FROM session_organiser so
             JOIN organisation_name n ON n.organisation_id = so.organisation_id WHERE so.session_id = s.id),
          (SELECT string_agg(concat_ws(' ', ai.title, pe.full_name,
                    (SELECT string_agg(n.name, ' ') FROM organisation_name n WHERE n.organisation_id = ap.organisation_id)), ' ')
             FROM agenda_item ai
             LEFT JOIN agenda_presenter ap ON ap.agenda_item_id = ai.id
             LEFT JOIN person pe ON pe.id = ap.person_id
            WHERE ai.session_id = s.id),
          (SELECT string_agg(d.number, ' ') FROM document d
            WHERE d.id IN (SELECT document_id FROM session_document WHERE session_id = s.id
                           UNION SELECT ad.document_id FROM agenda_document ad
                                   JOIN agenda_item ai ON ai.id = ad.agenda_item_id WHERE ai.session_id = s.id))
        ))
        WHERE s.id = p_session
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION refresh_session_search(bigint)`);
    await q.query(`DROP FUNCTION organisation_name_at(bigint, date)`);
    for (const table of [
      'citation',
      'agenda_document',
      'agenda_presenter',
      'agenda_item',
      'session_document',
      'session_delegation',
      'bridge_point',
      'session_claim',
      'session_invited_region',
      'session_invited_province',
      'session_organiser',
      'session_source',
      'training_session',
      'document',
      'source',
      'person_position',
      'person',
      'organisation_name',
      'organisation',
      'province',
      'region',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
