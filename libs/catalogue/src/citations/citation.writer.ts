import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldError, RequestValidationException } from '@app/common';
import type { CitationSubject } from '../shared/citations';
import type { CitationInputDto, SessionCitationInputDto } from './citation-input.dto';
import { CitationRepository } from './citation.repository';
import { cleanQuote } from './paragraphs';

export interface CheckedCitation {
  sourceId: string;
  paragraph: number;
  quote: string | null;
  aspect: string | null;
}

/**
 * The rules of citing: the source must exist; when its text is on file, the paragraph must be one
 * of its paragraphs and the quote an exact substring of that paragraph (both cleaned alike: NFC,
 * spaces collapsed). A source without text takes the citation as given. Every fact write calls
 * `check` before writing anything, so a bad citation refuses the whole write (400, field named).
 */
@Injectable()
export class CitationWriter {
  constructor(private readonly citations: CitationRepository) {}

  async check(
    manager: EntityManager,
    inputs: (CitationInputDto | SessionCitationInputDto)[] | undefined,
    path = 'citations',
  ): Promise<CheckedCitation[]> {
    if (!inputs || inputs.length === 0) return [];
    const sources = new Map(
      (await this.citations.sources(manager, [...new Set(inputs.map((input) => input.source))])).map((source) => [
        source.key,
        source,
      ]),
    );
    const errors: FieldError[] = [];
    const checked: CheckedCitation[] = [];
    inputs.forEach((input, index) => {
      const at = `${path}.${index}`;
      const source = sources.get(input.source);
      if (!source) {
        errors.push({
          path: `${at}.source`,
          message: `source ${input.source} does not exist`,
          key: 'source-unknown',
          args: [input.source],
        });
        return;
      }
      const quote = input.quote === undefined ? null : cleanQuote(input.quote);
      if (source.paragraphs) {
        const paragraph = source.paragraphs[input.paragraph - 1];
        if (paragraph === undefined) {
          errors.push({
            path: `${at}.paragraph`,
            message: `source ${source.key} has ${source.paragraphs.length} paragraphs`,
            key: 'paragraph-out-of-range',
            args: [source.key, source.paragraphs.length],
          });
          return;
        }
        if (!quote) {
          errors.push({
            path: `${at}.quote`,
            message: 'is required: the source text is on file',
            key: 'quote-required',
          });
          return;
        }
        if (!paragraph.includes(quote)) {
          errors.push({
            path: `${at}.quote`,
            message: `is not in paragraph ${input.paragraph} of source ${source.key}; copy the words exactly`,
            key: 'quote-not-in-paragraph',
            args: [input.paragraph, source.key],
          });
          return;
        }
      }
      const aspect = 'aspect' in input && input.aspect && input.aspect !== 'title' ? input.aspect : null;
      checked.push({ sourceId: source.id, paragraph: input.paragraph, quote, aspect });
    });
    if (errors.length > 0) throw new RequestValidationException(errors);
    return checked;
  }

  /** Records checked citations of one fact of a session, and lists their sources on the session. */
  async add(
    manager: EntityManager,
    sessionId: number | null,
    subjectType: CitationSubject,
    subjectId: number,
    checked: CheckedCitation[],
  ): Promise<void> {
    await this.citations.insert(manager, checked, subjectType, subjectId);
    if (sessionId !== null)
      await this.citations.linkSources(
        manager,
        sessionId,
        checked.map((c) => c.sourceId),
      );
  }

  retire(manager: EntityManager, subjectType: CitationSubject, subjectIds: number[], aspects?: (string | null)[]) {
    return this.citations.retire(manager, subjectType, subjectIds, aspects);
  }

  move(manager: EntityManager, subjectType: CitationSubject, fromId: number, toId: number) {
    return this.citations.move(manager, subjectType, fromId, toId);
  }

  removeAll(manager: EntityManager, subjectType: CitationSubject, subjectIds: number[]) {
    return this.citations.removeAll(manager, subjectType, subjectIds);
  }
}
