import { HttpStatus, Injectable } from '@nestjs/common';
import { AuthUser, requireAuthorOrAdmin } from '@app/accounts';
import { notFound, ProblemException } from '@app/common';
import { ArticleInput, proposeFromArticle } from './extract';
import { Gazetteer } from './gazetteer/gazetteer';
import { GazetteerRepository } from './gazetteer/gazetteer.repository';
import { toImportProposalDto } from './import.mapper';
import { ArticleImportRow, ImportRepository } from './import.repository';
import { StoredImportDto } from './imports.dto';
import { findSameEvent } from './matching';
import { ImportProposal } from './proposal';
import { storedArticleText } from './text/paragraphs';

/**
 * Largest article accepted, in UTF-8 bytes. A news page reduced to text is tens of kilobytes and
 * its HTML a few hundred; the rules are linear but a megabyte of text is not a report.
 */
export const MAX_ARTICLE_BYTES = 512 * 1024;

@Injectable()
export class ImportService {
  constructor(
    private readonly gazetteer: GazetteerRepository,
    private readonly stored: ImportRepository,
  ) {}

  /** Proposes and keeps the proposal for its author to review and accept (the answer carries its id). */
  async store(input: ArticleInput, user: AuthUser): Promise<StoredImportDto> {
    const proposal = toImportProposalDto(await this.propose(input));
    return toStored(await this.stored.insert(user.id, { ...input, text: storedArticleText(input.text) }, proposal));
  }

  async read(id: number, user: AuthUser): Promise<StoredImportDto> {
    const row = await this.stored.find(id);
    if (!row) throw notFound('Import', id);
    requireAuthorOrAdmin(user, { authorId: Number(row.created_by), what: 'Import', id });
    return toStored(row);
  }

  /**
   * Proposes a draft session from a report, linked to the catalogue as it is now (nothing
   * written; the CLI and the scorer call this directly).
   */
  async propose(input: ArticleInput): Promise<ImportProposal> {
    const bytes = Buffer.byteLength(input.text, 'utf8');
    if (bytes > MAX_ARTICLE_BYTES) {
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'article-too-large',
        `text: the article is ${bytes} bytes; at most ${MAX_ARTICLE_BYTES} bytes are read (one report, not a site).`,
        { errors: [{ path: 'text', message: `must be at most ${MAX_ARTICLE_BYTES} bytes (UTF-8)` }] },
      );
    }
    const gazetteer = new Gazetteer(await this.gazetteer.load());
    const proposal = proposeFromArticle(input, gazetteer);
    proposal.sameEventAs = findSameEvent(proposal, gazetteer.data.sessions, gazetteer);
    return proposal;
  }
}

export const toStored = (row: ArticleImportRow): StoredImportDto => ({
  ...row.proposal,
  id: Number(row.id),
  status: row.status,
  sessionId: row.session_id === null ? null : Number(row.session_id),
  acceptedAs: row.accepted_as,
  createdAt: row.created_at.toISOString(),
  acceptedAt: row.accepted_at === null ? null : row.accepted_at.toISOString(),
});
