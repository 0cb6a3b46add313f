import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMeta } from '@app/common';
import { CitationDto } from '../shared/citations';

export class DocumentSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '57-KL/TW' }) number: string | null;
  @ApiProperty({ example: 'Kết luận' }) kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) issuedOn: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) issuerId: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Issuer name as at the issue date' }) issuerName:
    string | null;
}

export class DocumentPageDto {
  @ApiProperty({ type: [DocumentSummaryDto] }) items: DocumentSummaryDto[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
}

export class CoverageDto {
  @ApiProperty() sessionId: number;
  @ApiProperty() sessionSlug: string;
  @ApiProperty() sessionTitle: string;
  @ApiProperty() startsOn: string;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The agenda item that covered it; null when cited by the session as a whole',
  })
  agendaItemId: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) agendaItemTitle: string | null;
}

export class DocumentDetailDto extends DocumentSummaryDto {
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [CoverageDto] }) coveredBy: CoverageDto[];
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}
