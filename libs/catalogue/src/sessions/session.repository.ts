import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CitationDto, citationsOf, loadCitations } from '../shared/citations';

export interface SessionRow {
  id: string;
  slug: string;
  title: string;
  kind: string;
  status: string;
  starts_on: string | null;
  ends_on: string | null;
  date_precision: string;
  start_month: number | null;
  start_day: number | null;
  end_month: number | null;
  end_day: number | null;
  year_inferred: boolean;
  date_inference: string | null;
  date_as_reported: string | null;
  reported_by: string | null;
  audience_scope: string | null;
  audience_units: string | null;
  part_of_day: string | null;
  time_zone: string;
  venue_name: string | null;
  venue_address: string | null;
  format: string;
  audience: string | null;
  invitation_scope: string | null;
  note: string | null;
  version: number;
  host_province_id: number | null;
  host_province_name: string | null;
  host_province_code: string | null;
}

export interface PositionRow {
  id: string;
  person_id: string;
  title: string;
  organisation_id: string | null;
  attested_on: string | null;
  valid_from: string | null;
  valid_to: string | null;
  organisation_name: string | null;
  session_id: string | null;
  session_slug: string | null;
}

/** Everything a session page shows, as rows; the mapper shapes them. */
export interface SessionGraph {
  session: SessionRow;
  organisers: { id: string; organisation_id: string; role: string; name: string; current_name: string }[];
  invitedProvinces: { id: number; name: string; code: string | null }[];
  invitedRegions: { id: number; slug: string; name: string; in_part: boolean }[];
  claims: { id: string; field: string; value: number; qualifier: string; note: string | null }[];
  bridgePoints: {
    id: string;
    name: string;
    organisation_id: string | null;
    province_id: number | null;
    province_name: string | null;
    province_code: string | null;
    abroad: boolean;
    is_group: boolean;
    note: string | null;
  }[];
  delegations: {
    id: string;
    province_id: number;
    province_name: string;
    province_code: string | null;
    organisation_id: string | null;
    organisation_name: string | null;
    headcount: number | null;
    note: string | null;
  }[];
  roles: {
    id: string;
    role: string;
    person_id: string | null;
    organisation_id: string | null;
    name: string;
    award_id: string | null;
    stated_as: string | null;
    note: string | null;
  }[];
  awards: {
    id: string;
    title: string;
    conferred_by_id: string | null;
    conferred_by_name: string | null;
    note: string | null;
  }[];
  statedPositions: PositionRow[];
  documents: { id: string; number: string | null; kind: string; title: string; issued_on: string | null }[];
  agenda: {
    id: string;
    position: number;
    kind: string;
    title: string;
    summary: string | null;
    starts_at: string | null;
    ends_at: string | null;
    day: number | null;
    note: string | null;
  }[];
  presenters: {
    agenda_item_id: string;
    person_id: string | null;
    organisation_id: string | null;
    name: string;
    academic_title: string | null;
    military_rank: string | null;
  }[];
  presenterPositions: PositionRow[];
  itemDocuments: {
    agenda_item_id: string;
    id: string;
    number: string | null;
    kind: string;
    title: string;
    issued_on: string | null;
  }[];
  sources: {
    key: string;
    publisher: string | null;
    title: string;
    published_on: string | null;
    author: string | null;
    url: string | null;
  }[];
  citations: Map<string, CitationDto[]>;
}

const SESSION_COLUMNS = `
  s.id, s.slug, s.title, s.kind, s.status, to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.date_precision, s.part_of_day, s.time_zone, s.venue_name,
  s.venue_address, s.format, s.audience, s.invitation_scope, s.note, s.version, s.start_month, s.start_day,
  s.end_month, s.end_day, s.year_inferred, s.date_inference, s.date_as_reported,
  to_char(s.reported_by, 'YYYY-MM-DD') AS reported_by, s.audience_scope, s.audience_units,
  hp.id AS host_province_id, hp.name AS host_province_name, hp.code AS host_province_code`;

/**
 * Runs queries one after another: they share the transaction's single connection, and pg
 * does not allow overlapping queries on one client.
 */
async function inSequence<T extends unknown[]>(queries: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const query of queries as (() => Promise<unknown>)[]) results.push(await query());
  return results as T;
}

/** All SQL for reading one session (its page); the list and search are in ../search/session-search.repository.ts. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findRow(manager: EntityManager, idOrSlug: string): Promise<SessionRow | undefined> {
    const byId = /^\d{1,18}$/.test(idOrSlug);
    const [row] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM training_session s LEFT JOIN province hp ON hp.id = s.host_province_id
        WHERE ${byId ? 's.id = $1::bigint' : 's.slug = $1'}`,
      [idOrSlug],
    );
    return row as SessionRow | undefined;
  }

  /** The whole session page in a handful of queries, all at one snapshot (REPEATABLE READ). */
  async loadGraph(idOrSlug: string): Promise<SessionGraph | undefined> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const session = await this.findRow(manager, idOrSlug);
      if (!session) return undefined;
      const id = session.id;
      // Names and posts are resolved at the date when known, else at the latest the event can be.
      const on = session.starts_on ?? session.reported_by;
      const [organisers, invitedProvinces, invitedRegions, claims, bridgePoints, delegations, documents, agenda] =
        await inSequence([
          () =>
            manager.query(
              `SELECT so.id, so.organisation_id, so.role, organisation_name_at(so.organisation_id, $2::date) AS name,
                    organisation_name_at(so.organisation_id, NULL) AS current_name
               FROM session_organiser so WHERE so.session_id = $1 ORDER BY so.position`,
              [id, on],
            ),
          () =>
            manager.query(
              `SELECT p.id, p.name, p.code FROM session_invited_province ip JOIN province p ON p.id = ip.province_id
              WHERE ip.session_id = $1 ORDER BY p.name COLLATE vi`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT r.id, r.slug, r.name, ir.in_part FROM session_invited_region ir JOIN region r ON r.id = ir.region_id
              WHERE ir.session_id = $1 ORDER BY r.id`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT id, field, value, qualifier, note FROM session_claim WHERE session_id = $1 ORDER BY field, id`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT b.id, b.name, b.organisation_id, b.province_id, p.name AS province_name, p.code AS province_code,
                    b.abroad, b.is_group, b.note
               FROM bridge_point b LEFT JOIN province p ON p.id = b.province_id WHERE b.session_id = $1 ORDER BY b.id`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT d.id, d.province_id, p.name AS province_name, p.code AS province_code, d.organisation_id,
                    CASE WHEN d.organisation_id IS NOT NULL THEN organisation_name_at(d.organisation_id, $2::date) END
                      AS organisation_name, d.headcount, d.note
               FROM session_delegation d JOIN province p ON p.id = d.province_id WHERE d.session_id = $1
              ORDER BY p.name COLLATE vi, d.organisation_id NULLS FIRST, d.id`,
              [id, on],
            ),
          () =>
            manager.query(
              `SELECT d.id, d.number, d.kind, d.title, to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on FROM document d
              WHERE d.id IN (SELECT document_id FROM session_document WHERE session_id = $1
                             UNION SELECT ad.document_id FROM agenda_document ad
                                     JOIN agenda_item ai ON ai.id = ad.agenda_item_id WHERE ai.session_id = $1)
              ORDER BY d.issued_on NULLS LAST, d.id`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT id, position, kind, title, summary, to_char(starts_at, 'HH24:MI') AS starts_at,
                    to_char(ends_at, 'HH24:MI') AS ends_at, day, note
               FROM agenda_item WHERE session_id = $1 ORDER BY position`,
              [id],
            ),
        ]);
      const itemIds = agenda.map((item: { id: string }) => item.id);
      const [presenters, itemDocuments, sources, roles, awards] = await inSequence([
        () =>
          manager.query(
            `SELECT ap.agenda_item_id, ap.person_id, ap.organisation_id,
                  coalesce(pe.full_name, organisation_name_at(ap.organisation_id, $2::date)) AS name,
                  pe.academic_title, pe.military_rank
             FROM agenda_presenter ap LEFT JOIN person pe ON pe.id = ap.person_id
            WHERE ap.agenda_item_id = ANY($1::bigint[]) ORDER BY ap.agenda_item_id, ap.position`,
            [itemIds, on],
          ),
        () =>
          manager.query(
            `SELECT ad.agenda_item_id, d.id, d.number, d.kind, d.title, to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on
             FROM agenda_document ad JOIN document d ON d.id = ad.document_id
            WHERE ad.agenda_item_id = ANY($1::bigint[]) ORDER BY d.issued_on NULLS LAST, d.id`,
            [itemIds],
          ),
        () =>
          manager.query(
            `SELECT so.key, so.publisher, so.title, to_char(so.published_on, 'YYYY-MM-DD') AS published_on, so.author, so.url
             FROM session_source ss JOIN source so ON so.id = ss.source_id WHERE ss.session_id = $1 ORDER BY so.key`,
            [id],
          ),
        () =>
          manager.query(
            `SELECT r.id, r.role, r.person_id, r.organisation_id, r.award_id, r.stated_as, r.note,
                    coalesce(pe.full_name, organisation_name_at(r.organisation_id, $2::date)) AS name
               FROM session_role r LEFT JOIN person pe ON pe.id = r.person_id WHERE r.session_id = $1 ORDER BY r.id`,
            [id, on],
          ),
        () =>
          manager.query(
            `SELECT a.id, a.title, a.conferred_by_id, a.note,
                    CASE WHEN a.conferred_by_id IS NOT NULL THEN organisation_name_at(a.conferred_by_id, $2::date) END
                      AS conferred_by_name
               FROM session_award a WHERE a.session_id = $1 ORDER BY a.id`,
            [id, on],
          ),
      ]);
      const personIds = [
        ...new Set(
          presenters
            .filter((p: { person_id: string | null }) => p.person_id)
            .map((p: { person_id: string }) => p.person_id),
        ),
      ];
      const presenterPositions: PositionRow[] = await this.positionsOf(manager, personIds as string[], on);
      const statedPositions: PositionRow[] = await manager.query(
        `${POSITION_SELECT} WHERE pp.session_id = $1 ORDER BY pp.person_id, pp.id`,
        [id, on],
      );
      const citations = await loadCitations(manager, [
        { type: 'training_session', ids: [id] },
        { type: 'session_organiser', ids: organisers.map((o: { id: string }) => o.id) },
        { type: 'session_claim', ids: claims.map((c: { id: string }) => c.id) },
        { type: 'bridge_point', ids: bridgePoints.map((b: { id: string }) => b.id) },
        { type: 'session_delegation', ids: delegations.map((d: { id: string }) => d.id) },
        { type: 'agenda_item', ids: itemIds },
        { type: 'person_position', ids: [...presenterPositions, ...statedPositions].map((p) => p.id) },
        { type: 'session_role', ids: roles.map((r: { id: string }) => r.id) },
        { type: 'session_award', ids: awards.map((a: { id: string }) => a.id) },
      ]);
      return {
        session,
        organisers,
        invitedProvinces,
        invitedRegions,
        claims,
        bridgePoints,
        delegations,
        documents,
        agenda,
        presenters,
        presenterPositions,
        itemDocuments,
        sources,
        roles,
        awards,
        statedPositions,
        citations,
      };
    });
  }

  /**
   * Every post of these people. The organisation's name is the one in force when the post was
   * attested, else at the session the post was stated at, else at `on` (else today).
   */
  positionsOf(manager: EntityManager, personIds: string[], on: string | null): Promise<PositionRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return manager.query(`${POSITION_SELECT} WHERE pp.person_id = ANY($1::bigint[]) ORDER BY pp.person_id, pp.id`, [
      personIds,
      on,
    ]);
  }
}

const POSITION_SELECT = `SELECT pp.id, pp.person_id, pp.title, pp.organisation_id,
    to_char(pp.attested_on, 'YYYY-MM-DD') AS attested_on, to_char(pp.valid_from, 'YYYY-MM-DD') AS valid_from,
    to_char(pp.valid_to, 'YYYY-MM-DD') AS valid_to, pp.session_id, ps.slug AS session_slug,
    CASE WHEN pp.organisation_id IS NULL THEN NULL
         ELSE organisation_name_at(pp.organisation_id,
                coalesce(pp.attested_on, ps.starts_on, ps.reported_by, $2::date)) END AS organisation_name
  FROM person_position pp LEFT JOIN training_session ps ON ps.id = pp.session_id`;

export { citationsOf };
