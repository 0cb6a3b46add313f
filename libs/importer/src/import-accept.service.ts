import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuthUser, requireAccess, requireAuthorOrAdmin } from '@app/accounts';
import { CreateSessionDto, SessionImportWriter } from '@app/catalogue';
import { conflict, notFound } from '@app/common';
import { ArticleImportRow, ImportRepository } from './import.repository';
import { ReviewedField, ReviewedImport, applyReview } from './import-review';
import { AcceptImportDto, ImportCitationDto, ImportProposalDto } from './imports.dto';
import { ImportFactsWriter, SessionInHand } from './import-facts.writer';

/** Title of the source row: the report's headline, else the session's title (a source needs one). */
const sourceTitle = (p: ImportProposalDto, title: string) => (p.source.headline ?? title).slice(0, 500);

/**
 * Accepting a reviewed import (issue 20), one transaction: the proposal row is locked (so of
 * concurrent accepts one writes and the others find it accepted: 409), the report becomes a
 * source with its paragraphs, then either a draft session with every accepted fact, or, merged
 * into a session the organiser runs, only what that session lacks; every fact written cites the
 * new source's paragraph and words. Values the report gives otherwise than the session are not
 * written over it: reported counts become claims of the new source, other fields are recorded
 * in the audit entry.
 */
@Injectable()
export class ImportAcceptService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stored: ImportRepository,
    private readonly catalogue: SessionImportWriter,
    private readonly facts: ImportFactsWriter,
  ) {}

  async accept(id: number, review: AcceptImportDto, user: AuthUser, actor: AuditActor): Promise<ArticleImportRow> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.stored.lock(manager, id);
      if (!row) throw notFound('Import', id);
      requireAuthorOrAdmin(user, { authorId: Number(row.created_by), what: 'Import', id });
      if (row.status === 'accepted') {
        throw conflict('import-already-accepted', `Import ${id} was already accepted (session ${row.session_id})`, {
          sessionId: row.session_id === null ? null : Number(row.session_id),
          acceptedAs: row.accepted_as,
        });
      }
      const proposal = row.proposal;
      const reviewed = applyReview(proposal, review);
      const target =
        review.mergeIntoSessionId === undefined
          ? proposal.sameEventAs?.session.id
            ? Number(proposal.sameEventAs.session.id)
            : null
          : review.mergeIntoSessionId;
      // Who may add to that session is the one policy, asked before anything is written.
      if (target !== null) requireAccess(user, { session: target, action: 'session.change' });

      const key = await this.catalogue.addSource(
        manager,
        {
          title: sourceTitle(proposal, reviewed.title.value),
          url: row.url ?? proposal.source.url,
          publisher: row.publisher ?? proposal.source.publisher,
          publishedOn: row.published_on ?? proposal.source.publishedOn,
        },
        proposal.paragraphs.map((paragraph) => paragraph.text),
        actor,
      );
      const audited = { importId: id, source: key, edits: reviewed.edits, excluded: reviewed.excluded };
      if (target === null) {
        const sessionId = await this.createDraft(manager, key, reviewed, user, actor, audited);
        await this.stored.markAccepted(manager, id, sessionId, 'new_session');
      } else {
        await this.merge(manager, target, key, reviewed, actor, audited);
        await this.stored.markAccepted(manager, id, target, 'further_source');
      }
    });
    return (await this.stored.find(id))!;
  }

  private async createDraft(
    manager: EntityManager,
    key: string,
    r: ReviewedImport,
    user: AuthUser,
    actor: AuditActor,
    audited: object,
  ): Promise<number> {
    const cite = (field: ReviewedField<unknown>, aspect: 'title' | 'schedule' | 'venue' | 'format') =>
      field.quotes.map((q) => ({ source: key, paragraph: q.paragraph, quote: q.quote, aspect }));
    const schedule = r.schedule.value;
    const input: CreateSessionDto = {
      title: r.title.value,
      kind: r.kind.value,
      precision: schedule.precision as CreateSessionDto['precision'],
      ...(schedule.startsOn ? { startsOn: schedule.startsOn, endsOn: schedule.endsOn ?? schedule.startsOn } : {}),
      ...(schedule.yearInferred ? { yearInferred: true, dateInference: schedule.dateInference ?? undefined } : {}),
      ...(r.partOfDay.value ? { partOfDay: r.partOfDay.value } : {}),
      ...(r.venueName.value ? { venueName: r.venueName.value } : {}),
      ...(r.hostProvinceId.value ? { hostProvinceId: r.hostProvinceId.value } : {}),
      ...(r.format.value ? { format: r.format.value } : {}),
      citations: [
        ...cite(r.title, 'title'),
        ...cite(r.kind, 'title'),
        ...cite(r.schedule, 'schedule'),
        // A field left empty (cleared in the review) keeps no citation on the session.
        ...(r.partOfDay.value ? cite(r.partOfDay, 'schedule') : []),
        ...(r.venueName.value ? cite(r.venueName, 'venue') : []),
        ...(r.hostProvinceId.value ? cite(r.hostProvinceId, 'venue') : []),
        ...(r.format.value ? cite(r.format, 'format') : []),
      ],
    };
    const sessionId = await this.catalogue.createDraft(manager, input, user, actor, { import: audited });
    const session = (await this.catalogue.lockSession(manager, sessionId))!;
    await this.facts.write(manager, { id: sessionId, ...session, merging: false }, key, r, actor);
    await this.catalogue.finish(manager, sessionId, actor, 'session.imported', audited);
    return sessionId;
  }

  /** Adds the report to a session: fills what it lacks, cites what agrees, keeps what differs aside. */
  private async merge(
    manager: EntityManager,
    sessionId: number,
    key: string,
    r: ReviewedImport,
    actor: AuditActor,
    audited: object,
  ): Promise<void> {
    const locked = await this.catalogue.lockSession(manager, sessionId);
    if (!locked) throw notFound('Session', sessionId);
    const { state } = locked;
    const conflicts: { field: string; session: unknown; report: unknown; quotes: ImportCitationDto[] }[] = [];
    const fill: { venueName?: string; hostProvinceId?: number; partOfDay?: string } = {};
    const compare = <T>(
      field: string,
      report: ReviewedField<T | null>,
      current: T | null,
      aspect: 'title' | 'schedule' | 'venue' | 'format',
      fillWith?: (value: T) => void,
    ) => {
      if (report.value === null || report.value === undefined) return [];
      const agrees = current !== null && fold(String(current)) === fold(String(report.value));
      if (agrees) return [{ quotes: report.quotes, aspect }];
      if (current === null && fillWith) {
        fillWith(report.value);
        return [{ quotes: report.quotes, aspect }];
      }
      conflicts.push({ field, session: current, report: report.value, quotes: report.quotes });
      return [];
    };
    const cited = [
      ...compare('title', r.title, state.title, 'title'),
      ...compare('startsOn', { ...r.schedule, value: r.schedule.value.startsOn }, state.starts_on, 'schedule'),
      ...compare('partOfDay', r.partOfDay, state.part_of_day, 'schedule', (v) => (fill.partOfDay = v)),
      ...compare('venueName', r.venueName, state.venue_name, 'venue', (v) => (fill.venueName = v)),
      ...compare('hostProvinceId', r.hostProvinceId, state.host_province_id, 'venue', (v) => (fill.hostProvinceId = v)),
      ...compare('format', r.format, state.format, 'format'),
    ];
    await this.catalogue.fillFields(manager, sessionId, fill);
    for (const { quotes, aspect } of cited) {
      if (quotes.length > 0) await this.catalogue.citeSession(manager, sessionId, key, quotes, aspect);
    }
    const session: SessionInHand = { id: sessionId, ...locked, merging: true };
    await this.facts.write(manager, session, key, r, actor);
    await this.catalogue.finish(manager, sessionId, actor, 'session.source_imported', {
      ...audited,
      filled: Object.keys(fill),
      conflicts,
    });
  }
}

const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
