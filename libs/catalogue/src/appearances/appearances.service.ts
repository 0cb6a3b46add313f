import { Injectable } from '@nestjs/common';
import { citationsOf } from '../shared/citations';
import { AppearanceRepository, DelegationAtSessionRow, RoleAtSessionRow } from './appearance.repository';
import { DelegationAtSessionDto, RoleAtSessionDto } from './appearances.dto';

const num = (value: string | null) => (value === null ? null : Number(value));

/** Delegations and roles as the province, organisation and person pages list them. */
@Injectable()
export class AppearancesService {
  constructor(private readonly appearances: AppearanceRepository) {}

  async ofProvince(provinceId: number, canSeeDrafts: boolean) {
    return {
      delegations: await this.mapDelegations(await this.appearances.delegationsOfProvince(provinceId, canSeeDrafts)),
    };
  }

  async ofOrganisation(organisationId: string, canSeeDrafts: boolean) {
    const delegations = await this.appearances.delegationsOfOrganisation(organisationId, canSeeDrafts);
    const roles = await this.appearances.rolesOf('organisation_id', organisationId, canSeeDrafts);
    return { delegations: await this.mapDelegations(delegations), roles: await this.mapRoles(roles) };
  }

  async ofPerson(personId: string, canSeeDrafts: boolean) {
    return { roles: await this.mapRoles(await this.appearances.rolesOf('person_id', personId, canSeeDrafts)) };
  }

  private async mapDelegations(rows: DelegationAtSessionRow[]): Promise<DelegationAtSessionDto[]> {
    const citations = await this.appearances.citations(
      rows.map((row) => row.id),
      [],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      sessionId: Number(row.session_id),
      sessionSlug: row.session_slug,
      sessionTitle: row.session_title,
      startsOn: row.starts_on,
      provinceId: row.province_id,
      provinceName: row.province_name,
      organisationId: num(row.organisation_id),
      organisationName: row.organisation_name,
      headcount: row.headcount,
      note: row.note,
      citations: citationsOf(citations, 'session_delegation', row.id),
    }));
  }

  private async mapRoles(rows: RoleAtSessionRow[]): Promise<RoleAtSessionDto[]> {
    const citations = await this.appearances.citations(
      [],
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: Number(row.id),
      sessionId: Number(row.session_id),
      sessionSlug: row.session_slug,
      sessionTitle: row.session_title,
      startsOn: row.starts_on,
      role: row.role,
      awardTitle: row.award_title,
      statedAs: row.stated_as,
      citations: citationsOf(citations, 'session_role', row.id),
    }));
  }
}
