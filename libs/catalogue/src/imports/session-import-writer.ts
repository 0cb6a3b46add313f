import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser } from '@app/accounts';
import { foldForSearch } from '@app/common';
import { CitationWriter } from '../citations/citation.writer';
import { ClaimRepository } from '../claims/claim.repository';
import { DelegationRepository } from '../delegations/delegation.repository';
import { PersonEditingService } from '../people/person-editing.service';
import type { CitationSubject } from '../shared/citations';
import { CreateSessionDto } from '../sessions/dto/session-write.dto';
import { SessionEditService } from '../sessions/session-edit.service';
import { SessionParticipantsService } from '../sessions/session-participants.service';
import { requireExisting } from '../sessions/session-write-support';
import { SessionImportState, SessionWriteRepository, SessionWriteRow } from '../sessions/session-write.repository';
import { SourcesService } from '../sources/sources.service';

/** Where the report says so: a paragraph of the source being imported and its exact words. */
export interface ReportQuote {
  paragraph: number;
  quote: string;
}

/** A session an import writes into, locked by the caller's transaction. */
export interface LockedSession {
  row: SessionWriteRow;
  state: SessionImportState;
  organisationIds: number[];
}

export type SessionOwnAspect = 'title' | 'schedule' | 'venue' | 'invitation' | 'format';

const same = (a: string | null | undefined, b: string | null | undefined) =>
  foldForSearch(a ?? '') === foldForSearch(b ?? '');

/**
 * What accepting an imported report writes into the catalogue, every method on the caller's
 * transaction so the importer's accept is one use case: the report as a source with its
 * paragraphs, a draft session (or the session it is merged into), and each fact with its
 * citations of that source. Facts are added, never replaced: a value already on the session is
 * only cited again when the report agrees with it. The importer reaches catalogue tables only
 * through this surface and ImportRecordWriter (the people, bodies and documents a report names).
 */
@Injectable()
export class SessionImportWriter {
  constructor(
    private readonly sessions: SessionWriteRepository,
    private readonly editing: SessionEditService,
    private readonly participants: SessionParticipantsService,
    private readonly sources: SourcesService,
    private readonly people: PersonEditingService,
    private readonly claims: ClaimRepository,
    private readonly delegations: DelegationRepository,
    private readonly citations: CitationWriter,
    private readonly audit: AuditLogWriter,
  ) {}

  /** The report as a source with its text (paragraphs numbered as the proposal numbered them); its key. */
  addSource(
    manager: EntityManager,
    source: { title: string; url: string | null; publisher: string | null; publishedOn: string | null },
    paragraphs: string[],
    actor: AuditActor,
  ): Promise<string> {
    return this.sources.createIn(
      manager,
      {
        title: source.title,
        url: source.url ?? undefined,
        publisher: source.publisher ?? undefined,
        publishedOn: source.publishedOn ?? undefined,
        paragraphs,
      },
      actor,
    );
  }

  /** A draft session by the rules of POST /sessions (its citations name `sourceKey`); its id. */
  createDraft(
    manager: EntityManager,
    input: CreateSessionDto,
    user: AuthUser,
    actor: AuditActor,
    audited: Record<string, unknown>,
  ): Promise<number> {
    return this.editing.createIn(manager, input, user, actor, audited);
  }

  /** Locks the session a report is merged into: its row and what it already holds (undefined: none). */
  async lockSession(manager: EntityManager, id: number): Promise<LockedSession | undefined> {
    const row = await this.sessions.lock(manager, id);
    if (!row) return undefined;
    const organisers = await this.sessions.organisersOf(manager, id);
    return {
      row,
      state: await this.sessions.importState(manager, id),
      organisationIds: organisers.map((o) => Number(o.organisation_id)),
    };
  }

  /** Fills fields the session has empty (a further source adds them). */
  async fillFields(
    manager: EntityManager,
    sessionId: number,
    values: { venueName?: string; hostProvinceId?: number; partOfDay?: string },
  ): Promise<void> {
    if (values.hostProvinceId !== undefined) {
      await requireExisting(this.sessions, manager, 'province', [values.hostProvinceId], () => 'hostProvinceId');
    }
    const columns: Record<string, unknown> = {};
    if (values.venueName !== undefined) columns.venue_name = values.venueName;
    if (values.hostProvinceId !== undefined) columns.host_province_id = values.hostProvinceId;
    if (values.partOfDay !== undefined) columns.part_of_day = values.partOfDay;
    if (Object.keys(columns).length > 0) await this.sessions.update(manager, sessionId, columns);
  }

  /** Cites the session's own field (`aspect`) to the report. */
  citeSession(manager: EntityManager, sessionId: number, key: string, quotes: ReportQuote[], aspect: SessionOwnAspect) {
    return this.cite(
      manager,
      sessionId,
      'training_session',
      sessionId,
      key,
      quotes,
      aspect === 'title' ? null : aspect,
    );
  }

  /** An organiser (added after the others; one already there in the same role is cited again). */
  async addOrganiser(
    manager: EntityManager,
    sessionId: number,
    organiser: { organisationId: number; role: string },
    key: string,
    quotes: ReportQuote[],
  ): Promise<void> {
    const existing = (await this.sessions.organisersOf(manager, sessionId)).find(
      (o) => Number(o.organisation_id) === organiser.organisationId,
    );
    const id =
      existing !== undefined
        ? Number(existing.id)
        : await this.sessions.appendOrganiser(manager, sessionId, organiser.organisationId, organiser.role);
    await this.cite(manager, sessionId, 'session_organiser', id, key, quotes);
  }

  /** Whom the session invites, by the rules of PUT /sessions/{id}/invitations. */
  setInvitation(
    manager: EntityManager,
    session: SessionWriteRow,
    invitation: { scope: string | null; provinceIds: number[]; regionIds: number[] },
    key: string,
    quotes: ReportQuote[],
    actor: AuditActor,
  ): Promise<void> {
    return this.participants.replaceInvitationsIn(
      manager,
      session,
      {
        scope: invitation.scope ?? undefined,
        provinceIds: invitation.provinceIds,
        regionIds: invitation.regionIds,
        citations: quotes.map((q) => ({ source: key, ...q })),
      },
      actor,
    );
  }

  /** An agenda item at the end, with its presenters and documents; one of the same title is cited again. */
  async addAgendaItem(
    manager: EntityManager,
    sessionId: number,
    item: {
      kind: string;
      title: string;
      presenters: ({ personId: number } | { organisationId: number })[];
      documentIds: number[];
    },
    key: string,
    quotes: ReportQuote[],
  ): Promise<void> {
    const existing = (await this.sessions.importState(manager, sessionId)).agenda_titles.some((title) =>
      same(title, item.title),
    );
    if (existing) return;
    const position = (await this.sessions.agendaLength(manager, sessionId)) + 1;
    const id = await this.sessions.insertAgendaItem(manager, sessionId, {
      position,
      kind: item.kind,
      title: item.title,
      summary: null,
      startsAt: null,
      endsAt: null,
      day: null,
    });
    await this.sessions.replacePresenters(manager, id, item.presenters);
    await this.sessions.replaceItemDocuments(manager, id, [...new Set(item.documentIds)]);
    await this.cite(manager, sessionId, 'agenda_item', id, key, quotes);
  }

  /** A guiding document the session refers to; the report is cited for the document's details. */
  async addDocument(manager: EntityManager, sessionId: number, documentId: number, key: string, quotes: ReportQuote[]) {
    await this.sessions.linkDocument(manager, sessionId, documentId);
    await this.cite(manager, sessionId, 'document', documentId, key, quotes);
  }

  /** A reported count: claims are never merged; the session page groups them and flags a conflict. */
  async addClaim(
    manager: EntityManager,
    sessionId: number,
    claim: { field: string; value: number; qualifier: string; note: string | null },
    key: string,
    quotes: ReportQuote[],
  ): Promise<void> {
    const id = await this.claims.insert(manager, sessionId, claim);
    await this.cite(manager, sessionId, 'session_claim', id, key, quotes);
  }

  /** A bridge point by name; one of the same name is cited again. */
  async addBridgePoint(
    manager: EntityManager,
    sessionId: number,
    point: { name: string; abroad: boolean; note: string | null },
    key: string,
    quotes: ReportQuote[],
  ): Promise<void> {
    const names = (await this.sessions.importState(manager, sessionId)).bridge_point_names;
    if (names.some((name) => same(name, point.name))) return;
    const id = await this.sessions.insertBridgePoint(manager, sessionId, {
      name: point.name,
      provinceId: null,
      organisationId: null,
      abroad: point.abroad,
      isGroup: false,
      note: point.note,
    });
    await this.cite(manager, sessionId, 'bridge_point', id, key, quotes);
  }

  /** A province's delegation as a whole (its agencies are named in the note); one already recorded is cited. */
  async addDelegation(
    manager: EntityManager,
    sessionId: number,
    delegation: { provinceId: number; note: string | null },
    key: string,
    quotes: ReportQuote[],
  ): Promise<void> {
    const id =
      (await this.delegations.insert(manager, sessionId, { ...delegation, organisationId: null, headcount: null })) ??
      (await this.delegations.existing(manager, sessionId, delegation.provinceId, null));
    if (id !== undefined) await this.cite(manager, sessionId, 'session_delegation', id, key, quotes);
  }

  /** A post stated of a person at this session, attested on its date. */
  async addPosition(
    manager: EntityManager,
    sessionId: number,
    personId: number,
    position: { title: string; attestedOn: string | null },
    key: string,
    quotes: ReportQuote[],
    actor: AuditActor,
  ): Promise<void> {
    await this.people.addPositionIn(
      manager,
      personId,
      {
        title: position.title,
        attestedOn: position.attestedOn ?? undefined,
        citations: quotes.map((q) => ({ source: key, ...q })),
      },
      actor,
      sessionId,
    );
  }

  /** The session's version moves on, its search text is rebuilt and the import is audited on it. */
  async finish(manager: EntityManager, sessionId: number, actor: AuditActor, action: string, after: object) {
    await this.sessions.touch(manager, sessionId);
    await this.audit.record(manager, { ...actor, action, entityType: 'training_session', entityId: sessionId, after });
  }

  private async cite(
    manager: EntityManager,
    sessionId: number,
    subject: CitationSubject,
    subjectId: number,
    key: string,
    quotes: ReportQuote[],
    aspect: string | null = null,
  ): Promise<void> {
    const checked = await this.citations.check(
      manager,
      quotes.map((q) => ({ source: key, paragraph: q.paragraph, quote: q.quote })),
    );
    await this.citations.add(
      manager,
      sessionId,
      subject,
      subjectId,
      checked.map((c) => ({ ...c, aspect })),
    );
  }
}
