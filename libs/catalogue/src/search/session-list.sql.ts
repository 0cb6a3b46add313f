import type { SessionListQuery } from '../sessions/dto/session-list.query';
import { publishedSql } from '../sessions/session.rules';
import { fullTextMatch, SearchTerm, SqlParams } from './search-query';

/**
 * The SQL of the session list and its facets, built from the query alone (no I/O, no run-time
 * imports), so the bench's raw baseline runs exactly what the API runs.
 */

/** `includeDrafts`: every draft (true), none (false), or those of the listed sessions. */
export type DraftVisibility = boolean | readonly number[];

export type SessionFilters = Omit<SessionListQuery, 'q' | 'facets'>;

const OUTPUT_COLUMNS = [
  'id',
  'slug',
  'title',
  'kind',
  'status',
  'starts_on',
  'ends_on',
  'date_precision',
  'part_of_day',
  'time_zone',
  'venue_name',
  'venue_address',
  'format',
  'audience',
  'invitation_scope',
  'note',
  'version',
  'host_province_id',
  'host_province_name',
  'host_province_code',
  'start_month',
  'start_day',
  'end_month',
  'end_day',
  'year_inferred',
  'date_inference',
  'date_as_reported',
  'reported_by',
  'audience_scope',
  'audience_units',
];

const SESSION_COLUMNS = `
  s.id, s.slug, s.title, s.kind, s.status, to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.date_precision, s.part_of_day, s.time_zone, s.venue_name,
  s.venue_address, s.format, s.audience, s.invitation_scope, s.note, s.version,
  hp.id AS host_province_id, hp.name AS host_province_name, hp.code AS host_province_code,
  s.start_month, s.start_day, s.end_month, s.end_day, s.year_inferred, s.date_inference, s.date_as_reported,
  to_char(s.reported_by, 'YYYY-MM-DD') AS reported_by, s.audience_scope, s.audience_units,
  -- The date when known, else the latest the event can be (the report's date).
  s.sort_on AS sort_date`;

/** FROM and WHERE of every session matching the query, filters and draft visibility. */
function matching(filters: SessionFilters, includeDrafts: DraftVisibility, terms: SearchTerm[], params: SqlParams) {
  const where: string[] = [];
  if (includeDrafts === false || (Array.isArray(includeDrafts) && includeDrafts.length === 0)) {
    where.push(publishedSql('s'));
  } else if (Array.isArray(includeDrafts)) {
    where.push(`(${publishedSql('s')} OR s.id = ANY(${params.add(includeDrafts)}::bigint[]))`);
  }
  let from = `training_session s LEFT JOIN province hp ON hp.id = s.host_province_id`;
  let search: ReturnType<typeof fullTextMatch> | undefined;
  if (terms.length > 0) {
    // Every word somewhere in the session's search document (GIN index session_search_document).
    from = `session_search ss JOIN training_session s ON s.id = ss.session_id LEFT JOIN province hp ON hp.id = s.host_province_id`;
    search = fullTextMatch('ss.document', terms, params);
    where.push(search.where);
  }
  if (filters.year !== undefined) {
    const year = params.add(filters.year);
    where.push(`s.starts_on <= make_date(${year}::int, 12, 31) AND s.ends_on >= make_date(${year}::int, 1, 1)`);
  }
  if (filters.from) where.push(`s.ends_on >= ${params.add(filters.from)}::date`);
  if (filters.to) where.push(`s.starts_on <= ${params.add(filters.to)}::date`);
  if (filters.status) where.push(`s.status = ${params.add(filters.status)}`);
  if (filters.kind) where.push(`s.kind = ${params.add(filters.kind)}`);
  if (filters.hostProvince) {
    // Old units roll up into their 2025 successors, as for the invited-province filter.
    const host = params.add(filters.hostProvince);
    where.push(`(s.host_province_id = ${host} OR hp.successor_id = ${host})`);
  }
  if (filters.invitedProvince) {
    const province = params.add(filters.invitedProvince);
    where.push(`EXISTS (SELECT 1 FROM session_invited_province ip JOIN province p ON p.id = ip.province_id
                 WHERE ip.session_id = s.id AND (p.id = ${province} OR p.successor_id = ${province}))`);
  }
  if (filters.region) {
    const region = params.add(filters.region);
    where.push(`(EXISTS (SELECT 1 FROM session_invited_region ir WHERE ir.session_id = s.id AND ir.region_id = ${region})
             OR EXISTS (SELECT 1 FROM session_invited_province ip JOIN province p ON p.id = ip.province_id
                         WHERE ip.session_id = s.id AND p.region_id = ${region})
             OR hp.region_id = ${region})`);
  }
  if (filters.presenter) {
    where.push(`EXISTS (SELECT 1 FROM agenda_item ai JOIN agenda_presenter ap ON ap.agenda_item_id = ai.id
                 WHERE ai.session_id = s.id AND ap.person_id = ${params.add(filters.presenter)})`);
  }
  if (filters.organisation) {
    const organisation = params.add(filters.organisation);
    where.push(`(EXISTS (SELECT 1 FROM session_organiser so WHERE so.session_id = s.id AND so.organisation_id = ${organisation})
             OR EXISTS (SELECT 1 FROM agenda_item ai JOIN agenda_presenter ap ON ap.agenda_item_id = ai.id
                         WHERE ai.session_id = s.id AND ap.organisation_id = ${organisation})
             OR EXISTS (SELECT 1 FROM session_delegation de WHERE de.session_id = s.id AND de.organisation_id = ${organisation})
             OR EXISTS (SELECT 1 FROM session_role sr WHERE sr.session_id = s.id AND sr.organisation_id = ${organisation}))`);
  }
  if (filters.document) {
    const document = params.add(filters.document);
    where.push(`(EXISTS (SELECT 1 FROM session_document sd WHERE sd.session_id = s.id AND sd.document_id = ${document})
             OR EXISTS (SELECT 1 FROM agenda_item ai JOIN agenda_document ad ON ad.agenda_item_id = ai.id
                         WHERE ai.session_id = s.id AND ad.document_id = ${document}))`);
  }
  return { from, where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', search };
}

/**
 * One page of sessions with the total, a rank and, for a search, which fields matched. Order:
 * a search ranks first by where its words hit (search_score), then the chosen sort (default:
 * date, newest first); the id breaks ties so pages are stable.
 */
export function sessionPageSql(
  filters: SessionFilters,
  includeDrafts: DraftVisibility,
  terms: SearchTerm[],
): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const { from, where, search } = matching(filters, includeDrafts, terms, params);
  const direction = filters.order === 'asc' ? 'ASC' : 'DESC';
  const order = (alias: string) =>
    `${search ? `${alias}.score DESC, ` : ''}` +
    (filters.sort === 'title'
      ? `${alias}.title COLLATE vi ${direction}, ${alias}.id ${direction}`
      : `${alias}.sort_date ${direction} NULLS LAST, ${alias}.id ${direction}`);
  const searchColumns = search ? `, ${search.score()} AS score, ss.field_names, ss.field_texts, ss.field_vectors` : '';
  // Highlights are computed for the page's rows only, after the LIMIT.
  const highlights = search
    ? `search_highlights(page.field_names, page.field_texts, page.field_vectors, ${search.words()})`
    : 'NULL::json';
  const sql = `SELECT ${OUTPUT_COLUMNS.map((column) => `page.${column}`).join(', ')}, page.total, ${highlights} AS highlights
    FROM (SELECT m.*, count(*) OVER () AS total
            FROM (SELECT ${SESSION_COLUMNS}${searchColumns} FROM ${from} ${where}) m
           ORDER BY ${order('m')}
           LIMIT ${params.add(filters.limit)} OFFSET ${params.add(filters.offset)}) page
   ORDER BY ${order('page')}`;
  return { sql, params: params.values };
}

/** How many sessions match, when the page asked for is past the last one. */
export function sessionCountSql(filters: SessionFilters, includeDrafts: DraftVisibility, terms: SearchTerm[]) {
  const params = new SqlParams();
  const { from, where } = matching(filters, includeDrafts, terms, params);
  return { sql: `SELECT count(*)::int AS n FROM ${from} ${where}`, params: params.values };
}

/**
 * Counts of the matching sessions per year (of the start), kind, host province and region (a
 * session counts under each region it hosts in, invites, or invites a province of — as the
 * `region` filter reads it), in one statement: rows of (facet, value, label, count).
 */
export function sessionFacetsSql(filters: SessionFilters, includeDrafts: DraftVisibility, terms: SearchTerm[]) {
  const params = new SqlParams();
  const { from, where } = matching(filters, includeDrafts, terms, params);
  const sql = `WITH m AS MATERIALIZED (
      SELECT s.id, s.kind, s.starts_on, s.host_province_id, hp.region_id AS host_region_id FROM ${from} ${where})
    SELECT 'year' AS facet, extract(year FROM m.starts_on)::int::text AS value, NULL::text AS label, count(*)::int AS count
      FROM m GROUP BY 2
    UNION ALL
    SELECT 'kind', m.kind, NULL, count(*)::int FROM m GROUP BY m.kind
    UNION ALL
    SELECT 'hostProvince', p.id::text, p.name, count(*)::int FROM m JOIN province p ON p.id = m.host_province_id
     GROUP BY p.id, p.name
    UNION ALL
    SELECT 'region', r.id::text, r.name, count(DISTINCT x.id)::int
      FROM (SELECT m.id, m.host_region_id AS region_id FROM m
            UNION SELECT ir.session_id, ir.region_id FROM session_invited_region ir JOIN m ON m.id = ir.session_id
            UNION SELECT ip.session_id, p.region_id FROM session_invited_province ip
                    JOIN province p ON p.id = ip.province_id JOIN m ON m.id = ip.session_id) x
      JOIN region r ON r.id = x.region_id
     GROUP BY r.id, r.name`;
  return { sql, params: params.values };
}
