import { Injectable } from '@nestjs/common';
import { AuthUser, hasUnscopedRole, scopedSessionIds } from '@app/accounts';
import { notFound, Page, toPage } from '@app/common';
import { SessionListQuery } from './dto/session-list.query';
import { SessionDetailDto, SessionSummaryDto } from './dto/session.response';
import { mapSessionDetail, mapSessionSummary } from './session.mapper';
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
  constructor(private readonly sessions: SessionRepository) {}

  async list(query: SessionListQuery, viewer: CatalogueViewer): Promise<Page<SessionSummaryDto>> {
    // Asking for drafts without the right to see them yields nothing rather than an error
    // that would confirm drafts exist.
    const { rows, total } = await this.sessions.list(query, viewer.canSeeDrafts || (viewer.draftSessionIds ?? []));
    return toPage(rows.map(mapSessionSummary), total, query);
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
