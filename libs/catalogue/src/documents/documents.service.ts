import { Injectable } from '@nestjs/common';
import { notFound, Page, toPage } from '@app/common';
import { SearchPageQuery } from '../shared/search-query';
import { CatalogueViewer } from '../sessions/session.service';
import { DocumentDetailDto, DocumentSummaryDto } from './documents.dto';
import { DocumentRepository, DocumentRow } from './document.repository';

const mapDocumentSummary = (row: DocumentRow): DocumentSummaryDto => ({
  id: Number(row.id),
  slug: row.slug,
  number: row.number,
  kind: row.kind,
  title: row.title,
  issuedOn: row.issued_on,
  issuerId: row.issuer_id === null ? null : Number(row.issuer_id),
  issuerName: row.issuer_name,
});

@Injectable()
export class DocumentsService {
  constructor(private readonly documents: DocumentRepository) {}

  async search(query: SearchPageQuery): Promise<Page<DocumentSummaryDto>> {
    const { rows, total } = await this.documents.search(query);
    return toPage(rows.map(mapDocumentSummary), total, query);
  }

  async detail(idOrSlug: string, viewer: CatalogueViewer): Promise<DocumentDetailDto> {
    const document = await this.documents.find(idOrSlug);
    if (!document) throw notFound('Document', idOrSlug);
    return {
      ...mapDocumentSummary(document),
      note: document.note,
      coveredBy: (await this.documents.coverage(document.id, viewer.canSeeDrafts)).map((row) => ({
        sessionId: Number(row.session_id),
        sessionSlug: row.slug,
        sessionTitle: row.title,
        startsOn: row.starts_on,
        agendaItemId: row.agenda_item_id === null ? null : Number(row.agenda_item_id),
        agendaItemTitle: row.agenda_item_title,
      })),
      citations: await this.documents.citations(document.id),
    };
  }
}
