import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CitationDto, loadCitations } from '../shared/citations';
import { publishedSql } from '../sessions/session.rules';

export interface DelegationAtSessionRow {
  id: string;
  session_id: string;
  session_slug: string;
  session_title: string;
  starts_on: string | null;
  province_id: number;
  province_name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  headcount: number | null;
  note: string | null;
}

export interface RoleAtSessionRow {
  id: string;
  session_id: string;
  session_slug: string;
  session_title: string;
  starts_on: string | null;
  role: string;
  award_title: string | null;
  stated_as: string | null;
}

const VISIBLE = `(${publishedSql('s')} OR $2::boolean)`;

const DELEGATION_SELECT = `SELECT d.id, s.id AS session_id, s.slug AS session_slug, s.title AS session_title,
    to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, d.province_id, p.name AS province_name, d.organisation_id,
    CASE WHEN d.organisation_id IS NOT NULL
         THEN organisation_name_at(d.organisation_id, coalesce(s.starts_on, s.reported_by)) END AS organisation_name,
    d.headcount, d.note
  FROM session_delegation d JOIN training_session s ON s.id = d.session_id JOIN province p ON p.id = d.province_id`;

/**
 * Where a province, an organisation or a person appears in sessions other than as organiser or
 * presenter: reported delegations and roles at events (read from the province, organisation and
 * person pages).
 */
@Injectable()
export class AppearanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A province's delegations, also under its 2025 successor (the units merged into it roll up). */
  delegationsOfProvince(provinceId: number, canSeeDrafts: boolean): Promise<DelegationAtSessionRow[]> {
    return this.dataSource.query(
      `${DELEGATION_SELECT} WHERE (p.id = $1 OR p.successor_id = $1) AND ${VISIBLE}
        ORDER BY s.sort_on NULLS LAST, s.id, d.organisation_id NULLS FIRST, d.id`,
      [provinceId, canSeeDrafts],
    );
  }

  delegationsOfOrganisation(organisationId: string, canSeeDrafts: boolean): Promise<DelegationAtSessionRow[]> {
    return this.dataSource.query(
      `${DELEGATION_SELECT} WHERE d.organisation_id = $1 AND ${VISIBLE} ORDER BY s.sort_on NULLS LAST, s.id, d.id`,
      [organisationId, canSeeDrafts],
    );
  }

  rolesOf(column: 'person_id' | 'organisation_id', id: string, canSeeDrafts: boolean): Promise<RoleAtSessionRow[]> {
    return this.dataSource.query(
      `SELECT r.id, s.id AS session_id, s.slug AS session_slug, s.title AS session_title,
              to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, r.role, a.title AS award_title, r.stated_as
         FROM session_role r JOIN training_session s ON s.id = r.session_id
         LEFT JOIN session_award a ON a.id = r.award_id
        WHERE r.${column} = $1 AND ${VISIBLE} ORDER BY s.sort_on NULLS LAST, s.id, r.id`,
      [id, canSeeDrafts],
    );
  }

  citations(delegationIds: string[], roleIds: string[]): Promise<Map<string, CitationDto[]>> {
    return loadCitations(this.dataSource.manager, [
      { type: 'session_delegation', ids: delegationIds },
      { type: 'session_role', ids: roleIds },
    ]);
  }
}
