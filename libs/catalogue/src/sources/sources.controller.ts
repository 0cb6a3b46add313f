import { Authenticated } from '@app/accounts';
import { Controller, Get, Param } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { notFound, RequestValidationException } from '@app/common';
import { publishedSql } from '../sessions/session.rules';

export class SourceDto {
  @ApiProperty({ example: '000' }) key: string;
  @ApiPropertyOptional({ type: String, nullable: true }) publisher: string | null;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) author: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) url: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ description: 'How many seeded facts cite it' }) citationCount: number;
  @ApiProperty({ type: [String], description: 'Slugs of the sessions it reports' }) sessions: string[];
}

interface SourceRow {
  key: string;
  publisher: string | null;
  title: string;
  published_on: string | null;
  author: string | null;
  url: string | null;
  note: string | null;
  citation_count: number;
  sessions: string[];
}

const mapSource = (row: SourceRow): SourceDto => ({
  key: row.key,
  publisher: row.publisher,
  title: row.title,
  publishedOn: row.published_on,
  author: row.author,
  url: row.url,
  note: row.note,
  citationCount: row.citation_count,
  sessions: row.sessions,
});

/** The source articles: read-only reference data, one query each, so no repository layer of its own. */
@ApiTags('sources')
@Authenticated({ public: true })
@Controller('sources')
export class SourcesController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query(where: string, params: unknown[]): Promise<SourceRow[]> {
    return this.dataSource.query(
      `SELECT so.key, so.publisher, so.title, to_char(so.published_on, 'YYYY-MM-DD') AS published_on, so.author, so.url, so.note,
              (SELECT count(*)::int FROM citation c WHERE c.source_id = so.id) AS citation_count,
              coalesce((SELECT array_agg(s.slug ORDER BY s.starts_on) FROM session_source ss
                          JOIN training_session s ON s.id = ss.session_id
                         WHERE ss.source_id = so.id AND ${publishedSql('s')}), '{}') AS sessions
         FROM source so ${where} ORDER BY so.key`,
      params,
    );
  }

  @Get()
  @ApiOperation({ summary: 'The source articles the catalogue is seeded from' })
  @ApiOkResponse({ type: [SourceDto] })
  async list(): Promise<SourceDto[]> {
    return (await this.query('', [])).map(mapSource);
  }

  @Get(':key')
  @ApiOperation({ summary: 'One source article' })
  @ApiOkResponse({ type: SourceDto })
  async detail(@Param('key') key: string): Promise<SourceDto> {
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(key)) {
      throw new RequestValidationException([{ path: 'key', message: 'must be a source key such as 000' }]);
    }
    const [row] = await this.query('WHERE so.key = $1', [key]);
    if (!row) throw notFound('Source', key);
    return mapSource(row);
  }
}
