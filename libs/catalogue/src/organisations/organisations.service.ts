import { Injectable } from '@nestjs/common';
import { notFound, Page, toPage } from '@app/common';
import { AppearancesService } from '../appearances/appearances.service';
import { citationsOf } from '../shared/citations';
import { SearchPageQuery } from '../shared/search-query';
import { CatalogueViewer } from '../sessions/session.service';
import { OrganisationDetailDto, OrganisationSummaryDto } from './organisations.dto';
import { OrganisationRepository, OrganisationRow } from './organisation.repository';

export const mapOrganisationSummary = (row: OrganisationRow): OrganisationSummaryDto => ({
  id: Number(row.id),
  slug: row.slug,
  kind: row.kind,
  name: row.name,
  shortName: row.short_name,
  parentId: row.parent_id === null ? null : Number(row.parent_id),
  provinceId: row.province_id,
});

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly appearances: AppearancesService,
  ) {}

  async search(query: SearchPageQuery): Promise<Page<OrganisationSummaryDto>> {
    const { rows, total } = await this.organisations.search(query);
    return toPage(rows.map(mapOrganisationSummary), total, query);
  }

  async detail(idOrSlug: string, at: string | undefined, viewer: CatalogueViewer): Promise<OrganisationDetailDto> {
    const organisation = await this.organisations.find(idOrSlug);
    if (!organisation) throw notFound('Organisation', idOrSlug);
    const names = await this.organisations.names(organisation.id);
    const citations = await this.organisations.citationsOfNames(names.map((name) => name.id));
    return {
      ...mapOrganisationSummary(organisation),
      note: organisation.note,
      at: at ?? null,
      nameAt: await this.organisations.nameAt(organisation.id, at ?? null),
      names: names.map((name) => ({
        name: name.name,
        isAlias: name.is_alias,
        validFrom: name.valid_from,
        validTo: name.valid_to,
        citations: citationsOf(citations, 'organisation_name', name.id),
      })),
      children: (await this.organisations.children(organisation.id)).map(mapOrganisationSummary),
      sessions: (await this.organisations.sessions(organisation.id, viewer.canSeeDrafts)).map((session) => ({
        sessionId: Number(session.session_id),
        slug: session.slug,
        title: session.title,
        startsOn: session.starts_on,
        role: session.role,
        nameThen: session.name_then,
      })),
      ...(await this.appearances.ofOrganisation(organisation.id, viewer.canSeeDrafts)),
    };
  }
}
