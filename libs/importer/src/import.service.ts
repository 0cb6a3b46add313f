import { HttpStatus, Injectable } from '@nestjs/common';
import { ProblemException } from '@app/common';
import { ArticleInput, proposeFromArticle } from './extract';
import { Gazetteer } from './gazetteer/gazetteer';
import { GazetteerRepository } from './gazetteer/gazetteer.repository';
import { findSameEvent } from './matching';
import { ImportProposal } from './proposal';

/**
 * Largest article accepted, in UTF-8 bytes. A news page reduced to text is tens of kilobytes and
 * its HTML a few hundred; the rules are linear but a megabyte of text is not a report.
 */
export const MAX_ARTICLE_BYTES = 512 * 1024;

@Injectable()
export class ImportService {
  constructor(private readonly gazetteer: GazetteerRepository) {}

  /**
   * Proposes a draft session from a report, linked to the catalogue as it is now. Nothing is
   * written: accepting a proposal (creating the session with its source and citations) needs the
   * provenance write paths and is not offered yet.
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
