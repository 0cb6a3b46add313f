import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface SessionWriteRow {
  id: string;
  slug: string;
  status: string;
  version: number;
  starts_on: string | null;
  ends_on: string | null;
  date_precision: string;
  reported_by: string | null;
}

export interface SessionImportState {
  title: string;
  kind: string;
  starts_on: string | null;
  part_of_day: string | null;
  venue_name: string | null;
  host_province_id: number | null;
  format: string | null;
  invitation_scope: string | null;
  has_invited: boolean;
  agenda_titles: string[];
  bridge_point_names: string[];
}

/** Column names of training_session that the API may write, keyed by DTO field. */
export const SESSION_WRITABLE_COLUMNS = {
  title: 'title',
  slug: 'slug',
  kind: 'kind',
  startsOn: 'starts_on',
  endsOn: 'ends_on',
  precision: 'date_precision',
  partOfDay: 'part_of_day',
  venueName: 'venue_name',
  venueAddress: 'venue_address',
  hostProvinceId: 'host_province_id',
  format: 'format',
  audience: 'audience',
  audienceScope: 'audience_scope',
  audienceUnits: 'audience_units',
  yearInferred: 'year_inferred',
  dateInference: 'date_inference',
  dateAsReported: 'date_as_reported',
  reportedBy: 'reported_by',
  note: 'note',
} as const;

/** Columns of what is known of a date without a year (set by the schedule rules, not copied). */
export type ScheduleColumns = 'start_month' | 'start_day' | 'end_month' | 'end_day';

export type SessionColumnValues = Partial<
  Record<(typeof SESSION_WRITABLE_COLUMNS)[keyof typeof SESSION_WRITABLE_COLUMNS] | ScheduleColumns, unknown>
>;

/** All SQL that changes sessions and their agenda; every method runs on the caller's transaction. */
@Injectable()
export class SessionWriteRepository {
  async lock(manager: EntityManager, id: number): Promise<SessionWriteRow | undefined> {
    const [row] = await manager.query(
      `SELECT id, slug, status, version, to_char(starts_on, 'YYYY-MM-DD') AS starts_on,
              to_char(ends_on, 'YYYY-MM-DD') AS ends_on, date_precision, to_char(reported_by, 'YYYY-MM-DD') AS reported_by
         FROM training_session WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async slugTaken(manager: EntityManager, slug: string, exceptId?: number): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM training_session WHERE slug = $1 AND id IS DISTINCT FROM $2`, [
      slug,
      exceptId ?? null,
    ]);
    return rows.length > 0;
  }

  /** Ids among `ids` that do not exist in `table` (a fixed, code-chosen table name). */
  async missing(
    manager: EntityManager,
    table: 'province' | 'region' | 'organisation' | 'person' | 'document',
    ids: number[],
  ): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows: { id: number }[] = await manager.query(
      `SELECT x.id FROM unnest($1::bigint[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = x.id)`,
      [ids],
    );
    return rows.map((row) => Number(row.id));
  }

  async insert(manager: EntityManager, values: SessionColumnValues): Promise<number> {
    const columns = Object.keys(values);
    const [{ id }] = await manager.query(
      `INSERT INTO training_session (${columns.join(', ')}, status) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, 'draft')
       RETURNING id`,
      Object.values(values),
    );
    await this.refreshSearch(manager, Number(id));
    return Number(id);
  }

  async update(manager: EntityManager, id: number, values: SessionColumnValues): Promise<void> {
    const columns = Object.keys(values);
    await manager.query(
      `UPDATE training_session SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')},
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, ...Object.values(values)],
    );
    await this.refreshSearch(manager, id);
  }

  async setStatus(manager: EntityManager, id: number, status: string): Promise<void> {
    await manager.query(
      `UPDATE training_session SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, status],
    );
  }

  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.query(`DELETE FROM citation WHERE subject_type = 'training_session' AND subject_id = $1`, [id]);
    await manager.query(`DELETE FROM training_session WHERE id = $1`, [id]);
  }

  organisersOf(manager: EntityManager, id: number): Promise<{ id: string; organisation_id: string; role: string }[]> {
    return manager.query(`SELECT id, organisation_id, role FROM session_organiser WHERE session_id = $1`, [id]);
  }

  /** Replaces the organisers; answers the new rows' ids in the order given. */
  async replaceOrganisers(
    manager: EntityManager,
    id: number,
    organisers: { organisationId: number; role: string }[],
  ): Promise<number[]> {
    await manager.query(`DELETE FROM session_organiser WHERE session_id = $1`, [id]);
    const ids: number[] = [];
    for (const [index, organiser] of organisers.entries()) {
      const [row] = await manager.query(
        `INSERT INTO session_organiser (session_id, organisation_id, role, position) VALUES ($1, $2, $3, $4) RETURNING id`,
        [id, organiser.organisationId, organiser.role, index + 1],
      );
      ids.push(Number(row.id));
    }
    await this.refreshSearch(manager, id);
    return ids;
  }

  /** The invitation as it stands, to tell whether a replacement changes it. */
  async invitationOf(manager: EntityManager, id: number): Promise<string> {
    const [row] = await manager.query(
      `SELECT concat_ws('|', s.invitation_scope,
                (SELECT string_agg(province_id::text, ',' ORDER BY province_id) FROM session_invited_province WHERE session_id = s.id),
                (SELECT string_agg(region_id::text, ',' ORDER BY region_id) FROM session_invited_region WHERE session_id = s.id))
                AS invitation
         FROM training_session s WHERE s.id = $1`,
      [id],
    );
    return row.invitation;
  }

  /** Province ids of whole regions, as the units in force on `on`. */
  async provincesOfRegions(manager: EntityManager, regionIds: number[], on: string): Promise<number[]> {
    const rows: { id: number }[] = await manager.query(
      `SELECT id FROM province WHERE region_id = ANY($1::smallint[])
          AND (valid_from IS NULL OR valid_from <= $2::date) AND (valid_to IS NULL OR valid_to >= $2::date)`,
      [regionIds, on],
    );
    return rows.map((row) => row.id);
  }

  async replaceInvitations(
    manager: EntityManager,
    id: number,
    scope: string | null,
    provinceIds: number[],
    regionIds: number[],
  ): Promise<void> {
    await manager.query(`DELETE FROM session_invited_province WHERE session_id = $1`, [id]);
    await manager.query(`DELETE FROM session_invited_region WHERE session_id = $1`, [id]);
    await manager.query(
      `INSERT INTO session_invited_province (session_id, province_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
      [id, provinceIds],
    );
    await manager.query(
      `INSERT INTO session_invited_region (session_id, region_id) SELECT $1, unnest($2::smallint[]) ON CONFLICT DO NOTHING`,
      [id, regionIds],
    );
    await manager.query(
      `UPDATE training_session SET invitation_scope = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, scope],
    );
  }

  async insertBridgePoint(
    manager: EntityManager,
    sessionId: number,
    point: {
      name: string;
      provinceId: number | null;
      organisationId: number | null;
      abroad: boolean;
      isGroup: boolean;
      note?: string | null;
    },
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO bridge_point (session_id, name, province_id, organisation_id, abroad, is_group, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [sessionId, point.name, point.provinceId, point.organisationId, point.abroad, point.isGroup, point.note ?? null],
    );
    return Number(id);
  }

  /** Attendance recorded at a bridge point keeps it: how many records point at it. */
  async bridgePointUse(manager: EntityManager, sessionId: number, pointId: number): Promise<number | undefined> {
    const [row] = await manager.query(
      `SELECT (SELECT count(*) FROM attendance a WHERE a.bridge_point_id = b.id)::int
            + (SELECT count(*) FROM bridge_point_headcount h WHERE h.bridge_point_id = b.id)::int AS uses
         FROM bridge_point b WHERE b.id = $1 AND b.session_id = $2`,
      [pointId, sessionId],
    );
    return row?.uses;
  }

  async deleteBridgePoint(manager: EntityManager, pointId: number): Promise<void> {
    await manager.query(`DELETE FROM citation WHERE subject_type = 'bridge_point' AND subject_id = $1`, [pointId]);
    await manager.query(`DELETE FROM bridge_point WHERE id = $1`, [pointId]);
  }

  async agendaItem(
    manager: EntityManager,
    sessionId: number,
    itemId: number,
  ): Promise<
    | { id: string; position: number; kind: string; title: string; summary: string | null; day: number | null }
    | undefined
  > {
    const [row] = await manager.query(
      `SELECT id, position, kind, title, summary, day FROM agenda_item WHERE id = $1 AND session_id = $2 FOR UPDATE`,
      [itemId, sessionId],
    );
    return row;
  }

  async agendaLength(manager: EntityManager, sessionId: number): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM agenda_item WHERE session_id = $1`, [
      sessionId,
    ]);
    return n;
  }

  /** Opens a gap at `position` (or closes one after removing it); the unique key is deferred for the shuffle. */
  async shiftPositions(manager: EntityManager, sessionId: number, fromPosition: number, delta: 1 | -1): Promise<void> {
    await manager.query(`SET CONSTRAINTS agenda_item_session_id_position_key DEFERRED`);
    await manager.query(`UPDATE agenda_item SET position = position + $3 WHERE session_id = $1 AND position >= $2`, [
      sessionId,
      fromPosition,
      delta,
    ]);
  }

  async insertAgendaItem(
    manager: EntityManager,
    sessionId: number,
    item: {
      position: number;
      kind: string;
      title: string;
      summary: string | null;
      startsAt: string | null;
      endsAt: string | null;
      day: number | null;
    },
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO agenda_item (session_id, position, kind, title, summary, starts_at, ends_at, day)
       VALUES ($1, $2, $3, $4, $5, $6::time, $7::time, $8) RETURNING id`,
      [sessionId, item.position, item.kind, item.title, item.summary, item.startsAt, item.endsAt, item.day],
    );
    return Number(id);
  }

  async updateAgendaItem(manager: EntityManager, itemId: number, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    if (columns.length === 0) return;
    await manager.query(
      `UPDATE agenda_item SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [itemId, ...Object.values(values)],
    );
  }

  async replacePresenters(
    manager: EntityManager,
    itemId: number,
    presenters: { personId?: number; organisationId?: number }[],
  ) {
    await manager.query(`DELETE FROM agenda_presenter WHERE agenda_item_id = $1`, [itemId]);
    for (const [index, presenter] of presenters.entries()) {
      await manager.query(
        `INSERT INTO agenda_presenter (agenda_item_id, position, person_id, organisation_id) VALUES ($1, $2, $3, $4)`,
        [itemId, index + 1, presenter.personId ?? null, presenter.organisationId ?? null],
      );
    }
  }

  async replaceItemDocuments(manager: EntityManager, itemId: number, documentIds: number[]) {
    await manager.query(`DELETE FROM agenda_document WHERE agenda_item_id = $1`, [itemId]);
    await manager.query(`INSERT INTO agenda_document (agenda_item_id, document_id) SELECT $1, unnest($2::bigint[])`, [
      itemId,
      documentIds,
    ]);
  }

  async deleteAgendaItem(manager: EntityManager, itemId: number): Promise<void> {
    await manager.query(`DELETE FROM citation WHERE subject_type = 'agenda_item' AND subject_id = $1`, [itemId]);
    await manager.query(`DELETE FROM agenda_item WHERE id = $1`, [itemId]);
  }

  /** A session's own fields and what it already lists, for adding a further source's facts to it. */
  async importState(manager: EntityManager, id: number): Promise<SessionImportState> {
    const [row] = await manager.query(
      `SELECT s.title, s.kind, to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, s.part_of_day, s.venue_name,
              s.host_province_id, s.format, s.invitation_scope,
              EXISTS (SELECT 1 FROM session_invited_province p WHERE p.session_id = s.id) AS has_invited,
              coalesce((SELECT array_agg(title) FROM agenda_item a WHERE a.session_id = s.id), '{}') AS agenda_titles,
              coalesce((SELECT array_agg(name) FROM bridge_point b WHERE b.session_id = s.id), '{}') AS bridge_point_names
         FROM training_session s WHERE s.id = $1`,
      [id],
    );
    return row;
  }

  /** Adds an organiser after the others (an import adds to a session; it replaces nothing). */
  async appendOrganiser(manager: EntityManager, sessionId: number, organisationId: number, role: string) {
    const [row] = await manager.query(
      `INSERT INTO session_organiser (session_id, organisation_id, role, position)
       SELECT $1, $2, $3, coalesce(max(position), 0) + 1 FROM session_organiser WHERE session_id = $1 RETURNING id`,
      [sessionId, organisationId, role],
    );
    return Number(row.id);
  }

  async linkDocument(manager: EntityManager, sessionId: number, documentId: number): Promise<void> {
    await manager.query(
      `INSERT INTO session_document (session_id, document_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [sessionId, documentId],
    );
  }

  async touch(manager: EntityManager, sessionId: number): Promise<void> {
    await manager.query(`UPDATE training_session SET version = version + 1, updated_at = now() WHERE id = $1`, [
      sessionId,
    ]);
    await this.refreshSearch(manager, sessionId);
  }

  refreshSearch(manager: EntityManager, id: number): Promise<unknown> {
    return manager.query(`SELECT refresh_session_search($1)`, [id]);
  }
}
