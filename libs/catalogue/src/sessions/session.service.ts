import { Injectable } from '@nestjs/common';
import { AuthUser, hasUnscopedRole, scopedSessionIds } from '@app/accounts';
import { notFound, toPage } from '@app/common';
import { SessionListQuery } from './dto/session-list.query';
import { SessionDetailDto, SessionPageDto } from './dto/session.response';
import { mapFacets, mapSearchInfo } from '../search/search.mapper';
import { mapSessionDetail, mapSessionListItem } from './session.mapper';
import { SessionSearchRepository } from '../search/session-search.repository';
import { SessionRepository } from './session.repository';
import { isPublished, SessionStatus } from './session.rules';

/**
 * Who is looking: every draft is visible to admins and unscoped organisers; an organiser scoped
 * to some sessions sees the drafts of those sessions only.
 */
export interface CatalogueViewer {
  canSeeDrafts: boolean;
  /** Drafts visible although canSeeDrafts is false (the viewer's scoped organiser grants). */
  draftSessionIds?: readonly number[];
}

export const viewerOf = (user: AuthUser | undefined): CatalogueViewer =>
  !!user && hasUnscopedRole(user, ['organiser'])
    ? { canSeeDrafts: true }
    : { canSeeDrafts: false, draftSessionIds: scopedSessionIds(user, 'organiser') };

@Injectable()
export class SessionQueryService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly search: SessionSearchRepository,
  ) {}

  async list(query: SessionListQuery, viewer: CatalogueViewer): Promise<SessionPageDto> {
    // Asking for drafts without the right to see them yields nothing rather than an error
    // that would confirm drafts exist.
    const drafts = viewer.canSeeDrafts || (viewer.draftSessionIds ?? []);
    const { rows, total, terms, fuzzy } = await this.search.list(query, drafts);
    const page: SessionPageDto = toPage(rows.map(mapSessionListItem), total, query);
    if (query.q !== undefined) page.search = mapSearchInfo(terms, fuzzy);
    // One more statement for all four facets, with the words the list used.
    if (query.facets) page.facets = mapFacets(await this.search.facets(query, drafts, terms));
    return page;
  }

  async detail(idOrSlug: string, viewer: CatalogueViewer): Promise<SessionDetailDto> {
    const graph = await this.sessions.loadGraph(idOrSlug);
    // An unpublished session is "not found" for the public, not "forbidden".
    const visible =
      graph &&
      (viewer.canSeeDrafts ||
        isPublished(graph.session.status as SessionStatus) ||
        viewer.draftSessionIds?.includes(Number(graph.session.id)));
    if (!visible) {
      throw notFound('Session', idOrSlug);
    }
    return mapSessionDetail(graph!);
  }
}
