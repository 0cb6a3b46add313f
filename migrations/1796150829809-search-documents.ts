import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search (issue 15): one weighted search document per session, person, organisation
 * and guiding document, kept current by triggers on every table a document is built from, so
 * every write path (the catalogue's services, the seeder, the importer, future ones) keeps them
 * current in its own transaction without calling anything.
 *
 * - `search_simple`: the `simple` configuration with `unaccent` in front, over text that
 *   search_words() has already folded (search_fold) and cut into [a-z0-9] words, so "57-KL/TW",
 *   "TP.HCM" or "Bộ TT&TT" become words the query side (libs/catalogue/src/search) cuts the same way.
 * - Weights: A title, document numbers (in every common form); B organisers, presenters, host
 *   province, dates, venue, document titles; C kind, regions, invited provinces, agenda titles,
 *   posts, delegations, bridge points; D agenda summaries, address, audience.
 * - `session_search.field_*`: the same text field by field, for highlights ("khớp: …").
 * - Aliases as data: province_alias (TP HCM, Sài Gòn…) and document number codes (KL = Kết luận…);
 *   organisation aliases stay organisation_name rows with is_alias (seeded from seeds/catalogue.json).
 * - search_name_word: the words of people's and provinces' names, trigram-indexed, for the
 *   fuzzy fall-back when a query finds nothing (one typo in a name).
 */
export class SearchDocuments1796150829809 implements MigrationInterface {
  name = 'SearchDocuments1796150829809';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TEXT SEARCH CONFIGURATION public.search_simple (COPY = pg_catalog.simple)`);
    await q.query(`
      ALTER TEXT SEARCH CONFIGURATION public.search_simple
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
        WITH public.unaccent, pg_catalog.simple`);
    // Words as the query side cuts them: folded, everything but a-z and 0-9 a separator.
    await q.query(`
      CREATE FUNCTION search_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT btrim(regexp_replace(public.search_fold(coalesce($1, '')), '[^a-z0-9]+', ' ', 'g')) $$`);
    await q.query(`
      CREATE FUNCTION search_vector(p_text text, p_weight "char") RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT setweight(to_tsvector('public.search_simple'::regconfig, public.search_words(p_text)), p_weight) $$`);
    await q.query(`CREATE AGGREGATE tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')`);

    // Rank of a hit: per query word, where it hits best (A 8, B 4, C 2, D 1), summed, and 16 more
    // when the words stand together as typed (`p_phrase`, "nghị quyết 47" beats "Nghị quyết … 57").
    // `a`, `b`, `c` hold each word's query restricted to that weight (same order).
    await q.query(`
      CREATE FUNCTION search_score(p_document tsvector, p_a tsquery[], p_b tsquery[], p_c tsquery[], p_phrase tsquery)
      RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT (coalesce(sum(CASE WHEN p_document @@ x.a THEN 8 WHEN p_document @@ x.b THEN 4
                                  WHEN p_document @@ x.c THEN 2 ELSE 1 END), 0)
                + CASE WHEN cardinality(p_a) > 1 AND p_document @@ p_phrase THEN 16 ELSE 0 END)::integer
          FROM unnest(p_a, p_b, p_c) x(a, b, c)
      $$`);
    // Which fields a hit matched: the (at most 3) fields matching most query words, first in field order.
    await q.query(`
      CREATE FUNCTION search_highlights(p_names text[], p_texts text[], p_vectors tsvector[], p_words tsquery[])
      RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(json_agg(json_build_object('field', t.name, 'text', t.text) ORDER BY t.hits DESC, t.ord), '[]'::json)
          FROM (SELECT h.* FROM (
                  SELECT f.name, f.text, f.ord, (SELECT count(*) FROM unnest(p_words) w WHERE f.vector @@ w) AS hits
                    FROM unnest(p_names, p_texts, p_vectors) WITH ORDINALITY f(name, text, vector, ord)) h
                 WHERE h.hits > 0 ORDER BY h.hits DESC, h.ord LIMIT 3) t
      $$`);

    // --- aliases and codes as data -------------------------------------------------------------
    await q.query(`
      CREATE TABLE search_document_type (
        code text PRIMARY KEY CHECK (code ~ '^[a-z]+$'),
        name text NOT NULL
      )`);
    await q.query(`
      INSERT INTO search_document_type (code, name) VALUES
        ('kl', 'Kết luận'), ('nq', 'Nghị quyết'), ('ct', 'Chỉ thị'), ('qd', 'Quyết định'), ('nd', 'Nghị định'),
        ('tt', 'Thông tư'), ('tb', 'Thông báo'), ('hd', 'Hướng dẫn'), ('kh', 'Kế hoạch'), ('cv', 'Công văn'),
        ('qc', 'Quy chế'), ('qdi', 'Quy định'), ('da', 'Đề án'), ('bc', 'Báo cáo'), ('ttr', 'Tờ trình'),
        ('ch', 'Chương trình'), ('ctr', 'Chương trình hành động')`);
    // Keyed by name: an alias applies to the unit of that name in both eras.
    await q.query(`
      CREATE TABLE province_alias (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        province_name text NOT NULL,
        alias text NOT NULL,
        UNIQUE (province_name, alias)
      )`);
    await q.query(`
      INSERT INTO province_alias (province_name, alias) VALUES
        ('Hồ Chí Minh', 'Thành phố Hồ Chí Minh'), ('Hồ Chí Minh', 'TP HCM'), ('Hồ Chí Minh', 'TP.HCM'),
        ('Hồ Chí Minh', 'TPHCM'), ('Hồ Chí Minh', 'HCM'), ('Hồ Chí Minh', 'Sài Gòn'), ('Hồ Chí Minh', 'SG'),
        ('Hà Nội', 'Thủ đô Hà Nội'), ('Hà Nội', 'HN'),
        ('Đà Nẵng', 'TP Đà Nẵng'), ('Hải Phòng', 'TP Hải Phòng'), ('Cần Thơ', 'TP Cần Thơ'),
        ('Thừa Thiên Huế', 'Huế'), ('Huế', 'Thừa Thiên Huế'), ('Huế', 'TT Huế'), ('Thừa Thiên Huế', 'TT Huế'),
        ('Bà Rịa - Vũng Tàu', 'BR-VT'), ('Bà Rịa - Vũng Tàu', 'Vũng Tàu'),
        ('Đắk Lắk', 'Daklak'), ('Đắk Nông', 'Daknong'), ('Kon Tum', 'Kontum')`);

    // --- text of one province, organisation, document (also used by the session documents) -----
    await q.query(`
      CREATE FUNCTION province_search_text(p_id integer) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT concat_ws(' ', CASE p.kind WHEN 'city' THEN 'thành phố TP' ELSE 'tỉnh' END, p.name, s.name,
               (SELECT string_agg(a.alias, ' ') FROM public.province_alias a WHERE a.province_name IN (p.name, s.name)),
               (SELECT string_agg(DISTINCT o.name, ' ') FROM public.province o WHERE o.successor_id = p.id))
          FROM public.province p LEFT JOIN public.province s ON s.id = p.successor_id
         WHERE p.id = p_id
      $$`);
    await q.query(`
      CREATE FUNCTION organisation_search_text(p_id bigint) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT concat_ws(' ', o.short_name,
               (SELECT string_agg(n.name, ' ' ORDER BY n.id) FROM public.organisation_name n WHERE n.organisation_id = o.id))
          FROM public.organisation o WHERE o.id = p_id
      $$`);
    // "57-KL/TW" also as "KL57", "57KL", "Kết luận 57", "Kết luận số 57" (codes from search_document_type).
    await q.query(`
      CREATE FUNCTION document_number_forms(p_number text, p_kind text) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT concat_ws(' ', p_kind, 'số ' || p_number,
               CASE WHEN x.m IS NOT NULL THEN concat_ws(' ', x.m[2] || x.m[1], x.m[1] || x.m[2],
                    t.name || ' số ' || x.m[1], p_kind || ' ' || x.m[1]) END)
          FROM (SELECT regexp_match(public.search_fold(coalesce(p_number, '')), '^\\s*([0-9]+)\\s*[-/.]?\\s*([a-z]+)') AS m) x
          LEFT JOIN public.search_document_type t ON t.code = x.m[2]
      $$`);

    // --- people, organisations, documents ------------------------------------------------------
    for (const [table, key] of [
      ['person_search', 'person'],
      ['organisation_search', 'organisation'],
      ['document_search', 'document'],
    ]) {
      await q.query(`
        CREATE TABLE ${table} (
          ${key}_id bigint PRIMARY KEY REFERENCES ${key}(id) ON DELETE CASCADE,
          document tsvector NOT NULL
        )`);
      await q.query(`CREATE INDEX ${table}_document ON ${table} USING gin (document)`);
    }
    await q.query(`
      CREATE FUNCTION refresh_person_search(p_ids bigint[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO public.person_search (person_id, document)
        SELECT p.id, public.search_vector(p.full_name, 'A')
                  || public.search_vector(concat_ws(' ', p.academic_title, p.military_rank, p.honorific), 'B')
                  || public.search_vector((SELECT string_agg(concat_ws(' ', pp.title,
                         public.organisation_name_at(pp.organisation_id, pp.attested_on)), ' ')
                       FROM public.person_position pp WHERE pp.person_id = p.id), 'C')
          FROM public.person p WHERE p.id = ANY(p_ids) ORDER BY p.id
        ON CONFLICT (person_id) DO UPDATE SET document = EXCLUDED.document
      $$`);
    await q.query(`
      CREATE FUNCTION refresh_organisation_search(p_ids bigint[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO public.organisation_search (organisation_id, document)
        SELECT o.id, public.search_vector(public.organisation_search_text(o.id), 'A')
                  || public.search_vector(public.province_search_text(o.province_id), 'C')
          FROM public.organisation o WHERE o.id = ANY(p_ids) ORDER BY o.id
        ON CONFLICT (organisation_id) DO UPDATE SET document = EXCLUDED.document
      $$`);
    await q.query(`
      CREATE FUNCTION refresh_document_search(p_ids bigint[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO public.document_search (document_id, document)
        SELECT d.id, public.search_vector(public.document_number_forms(d.number, d.kind), 'A')
                  || public.search_vector(d.title, 'B')
                  || public.search_vector(public.organisation_name_at(d.issuer_id, d.issued_on), 'C')
          FROM public.document d WHERE d.id = ANY(p_ids) ORDER BY d.id
        ON CONFLICT (document_id) DO UPDATE SET document = EXCLUDED.document
      $$`);

    // --- sessions ---------------------------------------------------------------------------------
    await q.query(`DROP INDEX training_session_search`);
    await q.query(`ALTER TABLE training_session DROP COLUMN search_folded`);
    await q.query(`
      CREATE TABLE session_search (
        session_id bigint PRIMARY KEY REFERENCES training_session(id) ON DELETE CASCADE,
        document tsvector NOT NULL,
        -- The fields the document is made of, in the same order: name, shown text, its vector.
        field_names text[] NOT NULL,
        field_texts text[] NOT NULL,
        field_vectors tsvector[] NOT NULL
      )`);
    await q.query(`CREATE INDEX session_search_document ON session_search USING gin (document)`);
    await q.query(`
      CREATE FUNCTION session_date_words(p_start date, p_end date, p_precision text) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT concat_ws(' ',
               CASE p_precision
                 WHEN 'year' THEN 'năm ' || to_char(p_start, 'YYYY')
                 WHEN 'month' THEN 'tháng ' || to_char(p_start, 'FMMM') || ' năm ' || to_char(p_start, 'YYYY')
                 ELSE 'ngày ' || to_char(p_start, 'FMDD') || ' tháng ' || to_char(p_start, 'FMMM') || ' năm ' || to_char(p_start, 'YYYY')
               END,
               CASE WHEN extract(year FROM p_end) <> extract(year FROM p_start) THEN 'đến năm ' || to_char(p_end, 'YYYY') END)
      $$`);
    // Every field of a session's search document: (order, name, weight, shown text, extra indexed text).
    await q.query(`
      CREATE FUNCTION session_search_fields(p_session bigint)
      RETURNS TABLE (ord bigint, field text, weight "char", text text, extra text) LANGUAGE sql STABLE AS $$
        WITH s AS (SELECT * FROM public.training_session WHERE id = p_session),
        docs AS (
          SELECT d.* FROM public.document d
           WHERE d.id IN (SELECT sd.document_id FROM public.session_document sd WHERE sd.session_id = p_session
                          UNION SELECT ad.document_id FROM public.agenda_document ad
                                  JOIN public.agenda_item ai ON ai.id = ad.agenda_item_id WHERE ai.session_id = p_session)),
        people AS (
          SELECT DISTINCT ON (pe.id) pe.*, ap.id AS presenter_id FROM public.agenda_presenter ap
            JOIN public.agenda_item ai ON ai.id = ap.agenda_item_id JOIN public.person pe ON pe.id = ap.person_id
           WHERE ai.session_id = p_session ORDER BY pe.id, ap.id),
        provinces AS (
          SELECT 0 AS sort, s.host_province_id AS id FROM s WHERE s.host_province_id IS NOT NULL
          UNION SELECT 1, ip.province_id FROM public.session_invited_province ip WHERE ip.session_id = p_session),
        regions AS (
          SELECT r.id, r.name FROM public.region r
           WHERE r.id IN (SELECT ir.region_id FROM public.session_invited_region ir WHERE ir.session_id = p_session
                          UNION SELECT p.region_id FROM provinces x JOIN public.province p ON p.id = x.id
                          UNION SELECT su.region_id FROM provinces x JOIN public.province p ON p.id = x.id
                                  JOIN public.province su ON su.id = p.successor_id))
        SELECT 100::bigint, 'title'::text, 'A'::"char", s.title, NULL::text FROM s
        UNION ALL
        SELECT 200 + row_number() OVER (ORDER BY d.issued_on NULLS LAST, d.id), 'document', 'A',
               CASE WHEN d.number IS NULL THEN concat_ws(' ', d.kind, d.title) ELSE concat_ws(' ', d.kind, d.number) END,
               public.document_number_forms(d.number, d.kind) FROM docs d
        UNION ALL
        SELECT 300, 'hostProvince', 'B', p.name, public.province_search_text(p.id)
          FROM s JOIN public.province p ON p.id = s.host_province_id
        UNION ALL
        SELECT 400 + so.position, 'organiser', 'B', public.organisation_name_at(so.organisation_id, s.starts_on),
               public.organisation_search_text(so.organisation_id)
          FROM s JOIN public.session_organiser so ON so.session_id = s.id
        UNION ALL
        SELECT 500 + row_number() OVER (ORDER BY pe.presenter_id), 'presenter', 'B',
               concat_ws(' ', pe.academic_title, pe.military_rank, pe.full_name), pe.honorific FROM people pe
        UNION ALL
        SELECT 600 + row_number() OVER (ORDER BY ap.id), 'presenter', 'B',
               public.organisation_name_at(ap.organisation_id, s.starts_on), public.organisation_search_text(ap.organisation_id)
          FROM s JOIN public.agenda_item ai ON ai.session_id = s.id
          JOIN public.agenda_presenter ap ON ap.agenda_item_id = ai.id AND ap.organisation_id IS NOT NULL
        UNION ALL
        SELECT 700, 'date', 'B', public.session_date_words(s.starts_on, s.ends_on, s.date_precision),
               concat_ws(' ', to_char(s.starts_on, 'DD/MM/YYYY'), 'tháng ' || to_char(s.starts_on, 'MM'), to_char(s.ends_on, 'YYYY'))
          FROM s
        UNION ALL
        SELECT 800, 'venue', 'B', s.venue_name, NULL FROM s
        UNION ALL
        SELECT 900 + row_number() OVER (ORDER BY d.issued_on NULLS LAST, d.id), 'documentTitle', 'B', d.title,
               public.organisation_name_at(d.issuer_id, d.issued_on) FROM docs d
        UNION ALL
        SELECT 1000, 'kind', 'C', CASE s.kind WHEN 'training_conference' THEN 'Hội nghị tập huấn'
                                             WHEN 'national_conference' THEN 'Hội nghị toàn quốc'
                                             WHEN 'workshop' THEN 'Hội thảo'
                                             WHEN 'award_ceremony' THEN 'Lễ trao giải' END, NULL FROM s
        UNION ALL
        SELECT 1100 + row_number() OVER (ORDER BY r.id), 'region', 'C', r.name, NULL FROM regions r
        UNION ALL
        SELECT 1200 + row_number() OVER (ORDER BY p.name COLLATE vi, p.id), 'invitedProvince', 'C', p.name,
               public.province_search_text(p.id)
          FROM public.session_invited_province ip JOIN public.province p ON p.id = ip.province_id
         WHERE ip.session_id = p_session
        UNION ALL
        SELECT 1300 + ai.position, 'agenda', 'C', ai.title, NULL
          FROM public.agenda_item ai WHERE ai.session_id = p_session
        UNION ALL
        SELECT 1400 + row_number() OVER (ORDER BY pp.id), 'presenterPost', 'C',
               concat_ws(' ', pe.full_name || ':', pp.title, public.organisation_name_at(pp.organisation_id, pp.attested_on)),
               NULL
          FROM people pe JOIN public.person_position pp ON pp.person_id = pe.id
        UNION ALL
        SELECT 1500 + row_number() OVER (ORDER BY de.id), 'delegation', 'C',
               concat_ws(', ', public.organisation_name_at(de.organisation_id, s.starts_on), p.name),
               concat_ws(' ', public.organisation_search_text(de.organisation_id), public.province_search_text(p.id))
          FROM s JOIN public.session_delegation de ON de.session_id = s.id JOIN public.province p ON p.id = de.province_id
        UNION ALL
        SELECT 1600 + row_number() OVER (ORDER BY b.id), 'bridgePoint', 'C', b.name,
               concat_ws(' ', public.province_search_text(b.province_id), public.organisation_search_text(b.organisation_id))
          FROM public.bridge_point b WHERE b.session_id = p_session
        UNION ALL
        SELECT 1700 + ai.position, 'agendaSummary', 'D', ai.summary, NULL
          FROM public.agenda_item ai WHERE ai.session_id = p_session
        UNION ALL
        SELECT 1800, 'venueAddress', 'D', s.venue_address, NULL FROM s
        UNION ALL
        SELECT 1900, 'audience', 'D', s.audience, NULL FROM s
      $$`);
    // Same name and signature as the function it replaces, so existing callers keep working.
    // Two transactions refreshing one session (an agenda edit and an organiser's rename) must not
    // let the one that read first overwrite the other's newer document: the row is locked first,
    // and the document is computed by the next statement, with a snapshot taken after the lock.
    await q.query(`DROP FUNCTION refresh_session_search(bigint)`);
    await q.query(`
      CREATE FUNCTION refresh_session_search(p_session bigint) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Gone (deleted, or a cascade of its deletion): its document went with it.
        IF NOT EXISTS (SELECT 1 FROM public.training_session WHERE id = p_session) THEN RETURN; END IF;
        INSERT INTO public.session_search (session_id, document, field_names, field_texts, field_vectors)
        VALUES (p_session, '', '{}', '{}', '{}') ON CONFLICT (session_id) DO NOTHING;
        PERFORM 1 FROM public.session_search WHERE session_id = p_session FOR UPDATE;
        UPDATE public.session_search ss
           SET document = f.document, field_names = f.names, field_texts = f.texts, field_vectors = f.vectors
          FROM (SELECT coalesce(public.tsvector_agg(x.vector ORDER BY x.ord), '') AS document,
                       coalesce(array_agg(x.field ORDER BY x.ord), '{}') AS names,
                       coalesce(array_agg(x.text ORDER BY x.ord), '{}') AS texts,
                       coalesce(array_agg(x.vector ORDER BY x.ord), '{}') AS vectors
                  FROM (SELECT y.ord, y.field, y.text,
                               public.search_vector(concat_ws(' ', y.text, y.extra), y.weight) AS vector
                          FROM public.session_search_fields(p_session) y WHERE coalesce(y.text, '') <> '') x) f
         WHERE ss.session_id = p_session;
      END $$`);
    await q.query(`
      CREATE FUNCTION refresh_session_searches(p_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE v_id bigint;
      BEGIN
        FOR v_id IN SELECT DISTINCT u FROM unnest(p_ids) u WHERE u IS NOT NULL ORDER BY 1 LOOP
          PERFORM public.refresh_session_search(v_id);
        END LOOP;
      END $$`);
    // Which sessions show a person, organisation, document or province in their documents.
    await q.query(`
      CREATE FUNCTION sessions_of_people(p_ids bigint[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
        SELECT coalesce(array_agg(DISTINCT ai.session_id), '{}') FROM public.agenda_presenter ap
          JOIN public.agenda_item ai ON ai.id = ap.agenda_item_id WHERE ap.person_id = ANY(p_ids)
      $$`);
    await q.query(`
      CREATE FUNCTION sessions_of_documents(p_ids bigint[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
        SELECT coalesce(array_agg(DISTINCT x.id), '{}') FROM (
          SELECT session_id AS id FROM public.session_document WHERE document_id = ANY(p_ids)
          UNION SELECT ai.session_id FROM public.agenda_document ad JOIN public.agenda_item ai ON ai.id = ad.agenda_item_id
                 WHERE ad.document_id = ANY(p_ids)) x
      $$`);
    await q.query(`
      CREATE FUNCTION sessions_of_organisations(p_ids bigint[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
        SELECT coalesce(array_agg(DISTINCT x.id), '{}') FROM (
          SELECT session_id AS id FROM public.session_organiser WHERE organisation_id = ANY(p_ids)
          UNION SELECT ai.session_id FROM public.agenda_presenter ap JOIN public.agenda_item ai ON ai.id = ap.agenda_item_id
                 WHERE ap.organisation_id = ANY(p_ids)
          UNION SELECT session_id FROM public.session_delegation WHERE organisation_id = ANY(p_ids)
          UNION SELECT session_id FROM public.bridge_point WHERE organisation_id = ANY(p_ids)
          UNION SELECT unnest(public.sessions_of_people(
                   ARRAY(SELECT person_id FROM public.person_position WHERE organisation_id = ANY(p_ids))))
          UNION SELECT unnest(public.sessions_of_documents(
                   ARRAY(SELECT id FROM public.document WHERE issuer_id = ANY(p_ids))))) x
      $$`);
    await q.query(`
      CREATE FUNCTION sessions_of_provinces(p_ids integer[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
        WITH related AS (
          SELECT id FROM public.province WHERE id = ANY(p_ids) OR successor_id = ANY(p_ids)
          UNION SELECT successor_id FROM public.province WHERE id = ANY(p_ids) AND successor_id IS NOT NULL)
        SELECT coalesce(array_agg(DISTINCT x.id), '{}') FROM (
          SELECT id FROM public.training_session WHERE host_province_id IN (SELECT id FROM related)
          UNION SELECT session_id FROM public.session_invited_province WHERE province_id IN (SELECT id FROM related)
          UNION SELECT session_id FROM public.session_delegation WHERE province_id IN (SELECT id FROM related)
          UNION SELECT session_id FROM public.bridge_point WHERE province_id IN (SELECT id FROM related)
          UNION SELECT unnest(public.sessions_of_organisations(
                   ARRAY(SELECT id FROM public.organisation WHERE province_id IN (SELECT id FROM related))))) x
      $$`);

    // --- fuzzy fall-back vocabulary ----------------------------------------------------------------
    await q.query(`CREATE TABLE search_name_word (word text PRIMARY KEY)`);
    await q.query(`CREATE INDEX search_name_word_trgm ON search_name_word USING gin (word gin_trgm_ops)`);
    await q.query(`
      CREATE FUNCTION remember_name_words(p_text text) RETURNS void LANGUAGE sql AS $$
        INSERT INTO public.search_name_word (word)
        SELECT DISTINCT w FROM regexp_split_to_table(public.search_words(p_text), ' ') w
         WHERE length(w) >= 2 AND w !~ '^[0-9]+$' ORDER BY w
        ON CONFLICT DO NOTHING
      $$`);

    await this.createTriggers(q);

    // Build everything once for the rows already there.
    await q.query(`SELECT remember_name_words(string_agg(full_name, ' ')) FROM person`);
    await q.query(`SELECT remember_name_words(string_agg(name, ' ')) FROM province`);
    await q.query(`SELECT remember_name_words(string_agg(alias, ' ')) FROM province_alias`);
    await q.query(`SELECT refresh_person_search(ARRAY(SELECT id FROM person))`);
    await q.query(`SELECT refresh_organisation_search(ARRAY(SELECT id FROM organisation))`);
    await q.query(`SELECT refresh_document_search(ARRAY(SELECT id FROM document))`);
    await q.query(`SELECT refresh_session_searches(ARRAY(SELECT id FROM training_session))`);
  }

  /**
   * Statement-level AFTER triggers with transition tables: a statement that writes many rows
   * refreshes each affected document once. One trigger per event, because a transition table
   * exists only for the events that have it.
   */
  private async createTriggers(q: QueryRunner): Promise<void> {
    // `body` gets the changed rows as a FROM item aliased `r` (both old and new rows for an UPDATE).
    const handler = async (name: string, body: (rows: string) => string) => {
      await q.query(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN ${body('new_rows r')};
          ELSIF TG_OP = 'DELETE' THEN ${body('old_rows r')};
          ELSE ${body('(SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows) r')};
          END IF;
          RETURN NULL;
        END $$`);
    };
    const attach = async (table: string, fn: string, events: ('INSERT' | 'UPDATE' | 'DELETE')[] = []) => {
      for (const event of events.length > 0 ? events : (['INSERT', 'UPDATE', 'DELETE'] as const)) {
        const referencing =
          event === 'INSERT'
            ? 'NEW TABLE AS new_rows'
            : event === 'DELETE'
              ? 'OLD TABLE AS old_rows'
              : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await q.query(
          `CREATE TRIGGER ${table}_${fn}_${event.toLowerCase()} AFTER ${event} ON ${table}
             REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        );
      }
    };
    const refreshSessions = (ids: string) => `PERFORM public.refresh_session_searches(${ids})`;

    await handler('search_by_session_id', (rows) => refreshSessions(`ARRAY(SELECT r.session_id FROM ${rows})`));
    for (const table of [
      'session_organiser',
      'session_invited_province',
      'session_invited_region',
      'bridge_point',
      'session_delegation',
      'session_document',
      'agenda_item',
    ]) {
      await attach(table, 'search_by_session_id');
    }
    await handler('search_by_agenda_item', (rows) =>
      refreshSessions(
        `ARRAY(SELECT ai.session_id FROM ${rows} JOIN public.agenda_item ai ON ai.id = r.agenda_item_id)`,
      ),
    );
    await attach('agenda_presenter', 'search_by_agenda_item');
    await attach('agenda_document', 'search_by_agenda_item');

    // A session's own columns: only the ones its document reads (a version bump changes nothing).
    await q.query(`
      CREATE FUNCTION search_by_training_session() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM public.refresh_session_searches(ARRAY(SELECT id FROM new_rows));
        ELSE
          PERFORM public.refresh_session_searches(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.title, n.kind, n.starts_on, n.ends_on, n.date_precision, n.venue_name, n.venue_address,
                    n.host_province_id, n.audience)
                IS DISTINCT FROM (o.title, o.kind, o.starts_on, o.ends_on, o.date_precision, o.venue_name,
                                  o.venue_address, o.host_province_id, o.audience)));
        END IF;
        RETURN NULL;
      END $$`);
    await attach('training_session', 'search_by_training_session', ['INSERT', 'UPDATE']);

    await handler(
      'search_by_person',
      (rows) =>
        `PERFORM public.refresh_person_search(ARRAY(SELECT r.id FROM ${rows}));
         PERFORM public.remember_name_words((SELECT string_agg(r.full_name, ' ') FROM ${rows}));
         ${refreshSessions(`public.sessions_of_people(ARRAY(SELECT r.id FROM ${rows}))`)}`,
    );
    await attach('person', 'search_by_person', ['INSERT', 'UPDATE']);
    await handler(
      'search_by_person_position',
      (rows) =>
        `PERFORM public.refresh_person_search(ARRAY(SELECT r.person_id FROM ${rows}));
         ${refreshSessions(`public.sessions_of_people(ARRAY(SELECT r.person_id FROM ${rows}))`)}`,
    );
    await attach('person_position', 'search_by_person_position');

    await handler(
      'search_by_organisation',
      (rows) =>
        `PERFORM public.refresh_organisation_search(ARRAY(SELECT r.id FROM ${rows}));
         ${refreshSessions(`public.sessions_of_organisations(ARRAY(SELECT r.id FROM ${rows}))`)}`,
    );
    await attach('organisation', 'search_by_organisation', ['INSERT', 'UPDATE']);
    await handler(
      'search_by_organisation_name',
      (rows) =>
        `PERFORM public.refresh_organisation_search(ARRAY(SELECT r.organisation_id FROM ${rows}));
         ${refreshSessions(`public.sessions_of_organisations(ARRAY(SELECT r.organisation_id FROM ${rows}))`)}`,
    );
    await attach('organisation_name', 'search_by_organisation_name');

    await handler(
      'search_by_document',
      (rows) =>
        `PERFORM public.refresh_document_search(ARRAY(SELECT r.id FROM ${rows}));
         ${refreshSessions(`public.sessions_of_documents(ARRAY(SELECT r.id FROM ${rows}))`)}`,
    );
    await attach('document', 'search_by_document', ['INSERT', 'UPDATE']);

    await handler(
      'search_by_province',
      (rows) =>
        `PERFORM public.remember_name_words((SELECT string_agg(r.name, ' ') FROM ${rows}));
         PERFORM public.refresh_organisation_search(ARRAY(SELECT o.id FROM public.organisation o
                   WHERE o.province_id IN (SELECT r.id FROM ${rows})));
         ${refreshSessions(`public.sessions_of_provinces(ARRAY(SELECT r.id FROM ${rows}))`)}`,
    );
    await attach('province', 'search_by_province', ['INSERT', 'UPDATE']);
    await handler(
      'search_by_province_alias',
      (rows) =>
        `PERFORM public.remember_name_words((SELECT string_agg(r.alias, ' ') FROM ${rows}));
         PERFORM public.refresh_organisation_search(ARRAY(SELECT o.id FROM public.organisation o
                   JOIN public.province p ON p.id = o.province_id WHERE p.name IN (SELECT r.province_name FROM ${rows})));
         ${refreshSessions(`public.sessions_of_provinces(ARRAY(SELECT p.id FROM public.province p
                   WHERE p.name IN (SELECT r.province_name FROM ${rows})))`)}`,
    );
    await attach('province_alias', 'search_by_province_alias');
  }

  async down(q: QueryRunner): Promise<void> {
    const triggers: { tgname: string; relname: string }[] = await q.query(`
      SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND p.proname LIKE 'search\\_by\\_%'`);
    for (const { tgname, relname } of triggers) await q.query(`DROP TRIGGER ${tgname} ON ${relname}`);
    for (const fn of [
      'search_by_session_id',
      'search_by_agenda_item',
      'search_by_training_session',
      'search_by_person',
      'search_by_person_position',
      'search_by_organisation',
      'search_by_organisation_name',
      'search_by_document',
      'search_by_province',
      'search_by_province_alias',
    ]) {
      await q.query(`DROP FUNCTION ${fn}()`);
    }
    await q.query(`DROP FUNCTION remember_name_words(text)`);
    await q.query(`DROP TABLE search_name_word`);
    await q.query(`DROP FUNCTION sessions_of_provinces(integer[])`);
    await q.query(`DROP FUNCTION sessions_of_organisations(bigint[])`);
    await q.query(`DROP FUNCTION sessions_of_documents(bigint[])`);
    await q.query(`DROP FUNCTION sessions_of_people(bigint[])`);
    await q.query(`DROP FUNCTION refresh_session_searches(bigint[])`);
    await q.query(`DROP FUNCTION refresh_session_search(bigint)`);
    await q.query(`DROP FUNCTION session_search_fields(bigint)`);
    await q.query(`DROP FUNCTION session_date_words(date, date, text)`);
    await q.query(`DROP TABLE session_search`);
    for (const fn of ['refresh_document_search', 'refresh_organisation_search', 'refresh_person_search']) {
      await q.query(`DROP FUNCTION ${fn}(bigint[])`);
    }
    await q.query(`DROP TABLE document_search`);
    await q.query(`DROP TABLE organisation_search`);
    await q.query(`DROP TABLE person_search`);
    await q.query(`DROP FUNCTION document_number_forms(text, text)`);
    await q.query(`DROP FUNCTION organisation_search_text(bigint)`);
    await q.query(`DROP FUNCTION province_search_text(integer)`);
    await q.query(`DROP TABLE province_alias`);
    await q.query(`DROP TABLE search_document_type`);
    await q.query(`DROP AGGREGATE tsvector_agg(tsvector)`);
    await q.query(`DROP FUNCTION search_highlights(text[], text[], tsvector[], tsquery[])`);
    await q.query(`DROP FUNCTION search_score(tsvector, tsquery[], tsquery[], tsquery[], tsquery)`);
    await q.query(`DROP FUNCTION search_vector(text, "char")`);
    await q.query(`DROP FUNCTION search_words(text)`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION public.search_simple`);
    // The accent-folded text column of before, rebuilt by the original function.
    await q.query(`ALTER TABLE training_session ADD COLUMN search_folded text NOT NULL DEFAULT ''`);
    await q.query(`CREATE INDEX training_session_search ON training_session USING gin (search_folded gin_trgm_ops)`);
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
    await q.query(`SELECT refresh_session_search(id) FROM training_session`);
  }
}
