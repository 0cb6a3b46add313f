import { Injectable } from '@nestjs/common';
import { AuthUser, hasAnyRole } from '@app/accounts';
import { notFound, Page, toPage } from '@app/common';
import { SessionListQuery } from './dto/session-list.query';
import { SessionDetailDto, SessionSummaryDto } from './dto/session.response';
import { mapSessionDetail, mapSessionSummary } from './session.mapper';
import { SessionRepository } from './session.repository';
import { isPublished, SessionStatus } from './session.rules';

/** Who is looking: drafts are visible to organisers and admins only. */
export interface CatalogueViewer {
  canSeeDrafts: boolean;
}

export const viewerOf = (user: AuthUser | undefined): CatalogueViewer => ({
  canSeeDrafts: !!user && hasAnyRole(user, ['organiser']),
});

@Injectable()
export class SessionQueryService {
  constructor(private readonly sessions: SessionRepository) {}

  async list(query: SessionListQuery, viewer: CatalogueViewer): Promise<Page<SessionSummaryDto>> {
    // Asking for drafts without the right to see them yields nothing rather than an error
    // that would confirm drafts exist.
    const { rows, total } = await this.sessions.list(query, viewer.canSeeDrafts);
    return toPage(rows.map(mapSessionSummary), total, query);
  }

  async detail(idOrSlug: string, viewer: CatalogueViewer): Promise<SessionDetailDto> {
    const graph = await this.sessions.loadGraph(idOrSlug);
    // An unpublished session is "not found" for the public, not "forbidden".
    if (!graph || (!viewer.canSeeDrafts && !isPublished(graph.session.status as SessionStatus))) {
      throw notFound('Session', idOrSlug);
    }
    return mapSessionDetail(graph);
  }
}
