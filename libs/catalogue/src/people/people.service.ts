import { Injectable } from '@nestjs/common';
import { notFound, Page, toPage } from '@app/common';
import { SearchPageQuery } from '../shared/search-query';
import { positionsAt } from '../shared/positions';
import { AppearancesService } from '../appearances/appearances.service';
import { mapPosition, postsAtSession } from '../sessions/session.mapper';
import type { PositionRow } from '../sessions/session.repository';
import { CatalogueViewer } from '../sessions/session.service';
import { PersonDetailDto, PersonSummaryDto } from './people.dto';
import { PersonRepository, PersonRow } from './person.repository';

const mapPersonSummary = (row: PersonRow): PersonSummaryDto => ({
  id: Number(row.id),
  slug: row.slug,
  fullName: row.full_name,
  academicTitle: row.academic_title,
  militaryRank: row.military_rank,
  honorific: row.honorific,
});

const asDated = (row: PositionRow) => ({
  id: Number(row.id),
  title: row.title,
  attestedOn: row.attested_on,
  validFrom: row.valid_from,
  validTo: row.valid_to,
  row,
});

@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PersonRepository,
    private readonly appearances: AppearancesService,
  ) {}

  async search(query: SearchPageQuery): Promise<Page<PersonSummaryDto>> {
    const { rows, total } = await this.people.search(query);
    return toPage(rows.map(mapPersonSummary), total, query);
  }

  /**
   * A person with every post, the posts in force at `at`, what they presented with their posts
   * then (stated at that session first), and their roles at events. A post stated at one session
   * belongs to that appearance and takes no part in the dated timeline.
   */
  async detail(idOrSlug: string, at: string | undefined, viewer: CatalogueViewer): Promise<PersonDetailDto> {
    const person = await this.people.find(idOrSlug);
    if (!person) throw notFound('Person', idOrSlug);
    const positions = await this.people.positions(person.id, null);
    const citations = await this.people.citationsOfPositions(positions.map((position) => position.id));
    const today = new Date().toISOString().slice(0, 10);
    const presentations = await this.people.presentations(person.id, viewer.canSeeDrafts);
    return {
      ...mapPersonSummary(person),
      note: person.note,
      positions: positions.map((position) => mapPosition(position, citations)),
      at: at ?? null,
      positionsAt: positionsAt(
        positions.filter((position) => position.session_id === null).map(asDated),
        at ?? today,
      ).map((p) => mapPosition(p.row, citations)),
      presentations: presentations.map((presentation) => ({
        sessionId: Number(presentation.session_id),
        sessionSlug: presentation.session_slug,
        sessionTitle: presentation.session_title,
        startsOn: presentation.starts_on,
        agendaItemId: Number(presentation.agenda_item_id),
        agendaItemTitle: presentation.agenda_item_title,
        kind: presentation.kind,
        positionsThen: postsAtSession(
          positions,
          positions.filter((position) => position.session_id === presentation.session_id),
          presentation.starts_on,
          citations,
        ),
      })),
      ...(await this.appearances.ofPerson(person.id, viewer.canSeeDrafts)),
    };
  }
}
