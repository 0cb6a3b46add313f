import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter } from '@app/accounts';
import { conflict, notFound, Page, RequestValidationException, toPage } from '@app/common';
import { cleanQuote, splitIntoParagraphs } from '../citations/paragraphs';
import { SearchPageQuery } from '../shared/search-query';
import { CatalogueViewer } from '../sessions/session.service';
import { CreateSourceDto, SourceDetailDto, SourceDto, UpdateSourceDto } from './sources.dto';
import { SourceRepository, SourceRow } from './source.repository';

const mapSource = (row: SourceRow): SourceDto => ({
  key: row.key,
  publisher: row.publisher,
  title: row.title,
  publishedOn: row.published_on,
  author: row.author,
  url: row.url,
  note: row.note,
  language: row.language,
  hasText: row.has_text,
  citationCount: row.citation_count,
  sessions: row.sessions,
});

/** `text` split by the documented rule, or `paragraphs` cleaned alike; undefined when neither was sent. */
function paragraphsOf(input: UpdateSourceDto): string[] | undefined {
  if (input.text !== undefined && input.paragraphs !== undefined) {
    throw new RequestValidationException([{ path: 'paragraphs', message: 'send either text or paragraphs, not both' }]);
  }
  if (input.text !== undefined) return splitIntoParagraphs(input.text);
  if (input.paragraphs !== undefined) return input.paragraphs.map(cleanQuote).filter((p) => p !== '');
  return undefined;
}

/**
 * Sources: the reports facts are cited from. Organisers add them, with their text when they
 * have it (then every quote is checked against its paragraph); the seed's five have no text.
 */
@Injectable()
export class SourcesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: SourceRepository,
    private readonly audit: AuditLogWriter,
  ) {}

  async search(query: SearchPageQuery, viewer: CatalogueViewer): Promise<Page<SourceDto>> {
    const { rows, total } = await this.sources.search(query.q, query.limit, query.offset, viewer.canSeeDrafts);
    return toPage(rows.map(mapSource), total, query);
  }

  async detail(key: string, viewer: CatalogueViewer): Promise<SourceDetailDto> {
    const manager = this.dataSource.manager;
    const row = await this.sources.find(manager, key, viewer.canSeeDrafts);
    if (!row) throw notFound('Source', key);
    const citations = await this.sources.citations(manager, row.id, viewer.canSeeDrafts);
    return {
      ...mapSource(row),
      paragraphs: await this.sources.paragraphs(manager, key),
      citations: citations.map((citation) => ({
        subjectType: citation.subject_type,
        subjectId: Number(citation.subject_id),
        sessionSlug: citation.session_slug,
        paragraph: citation.paragraph,
        quote: citation.quote,
        aspect: citation.aspect,
        retired: citation.retired,
      })),
    };
  }

  async create(input: CreateSourceDto, actor: AuditActor, viewer: CatalogueViewer): Promise<SourceDetailDto> {
    const key = await this.dataSource.transaction((manager) => this.createIn(manager, input, actor));
    return this.detail(key, viewer);
  }

  /** `create` on the caller's transaction (an accepted import's report); answers the new source's key. */
  async createIn(manager: EntityManager, input: CreateSourceDto, actor: AuditActor): Promise<string> {
    const paragraphs = paragraphsOf(input) ?? null;
    const created = await this.sources.insert(manager, input.key ?? null, {
      title: input.title,
      publisher: input.publisher ?? null,
      author: input.author ?? null,
      url: input.url ?? null,
      published_on: input.publishedOn ?? null,
      language: input.language ?? 'vi',
      note: input.note ?? null,
      paragraphs,
    });
    if (created === undefined) {
      throw conflict('key-taken', `A source with key ${input.key} already exists`, {
        errors: [{ path: 'key', message: 'is already used by another source' }],
      });
    }
    await this.audit.record(manager, {
      ...actor,
      action: 'source.created',
      entityType: 'source',
      entityId: created,
      after: { ...input, text: undefined, paragraphCount: paragraphs?.length ?? null },
    });
    return created;
  }

  /** A new text must still hold every live citation of the source (409 naming those it would break). */
  async update(
    key: string,
    input: UpdateSourceDto,
    actor: AuditActor,
    viewer: CatalogueViewer,
  ): Promise<SourceDetailDto> {
    const paragraphs = paragraphsOf(input);
    const newKey = await this.dataSource.transaction(async (manager) => {
      const current = await this.sources.lock(manager, key);
      if (!current) throw notFound('Source', key);
      if (
        input.key !== undefined &&
        input.key !== key &&
        (await this.sources.keyTaken(manager, input.key, current.id))
      ) {
        throw conflict('key-taken', `A source with key ${input.key} already exists`, {
          errors: [{ path: 'key', message: 'is already used by another source' }],
        });
      }
      if (paragraphs !== undefined) {
        const broken = (await this.sources.activeCitations(manager, current.id)).filter(
          (citation) => !citation.quote || !(paragraphs[citation.paragraph - 1] ?? '').includes(citation.quote),
        );
        if (broken.length > 0) {
          throw conflict(
            'citations-not-in-text',
            `The new text does not hold ${broken.length} citation(s) of source ${key} (paragraphs ${[...new Set(broken.map((c) => c.paragraph))].join(', ')})`,
            { citationIds: broken.map((citation) => Number(citation.id)) },
          );
        }
      }
      const values: Record<string, unknown> = {};
      const columns: [keyof UpdateSourceDto, string][] = [
        ['key', 'key'],
        ['title', 'title'],
        ['publisher', 'publisher'],
        ['author', 'author'],
        ['url', 'url'],
        ['publishedOn', 'published_on'],
        ['language', 'language'],
        ['note', 'note'],
      ];
      for (const [field, column] of columns) if (input[field] !== undefined) values[column] = input[field];
      if (paragraphs !== undefined) values.paragraphs = paragraphs;
      await this.sources.update(manager, current.id, values);
      await this.audit.record(manager, {
        ...actor,
        action: 'source.updated',
        entityType: 'source',
        entityId: current.id,
        after: { ...input, text: undefined, paragraphCount: paragraphs?.length },
      });
      return input.key ?? key;
    });
    return this.detail(newKey, viewer);
  }
}
