import { Authenticated } from '@app/accounts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdOrSlugPipe } from '@app/common';
import { SearchPageQuery } from '../shared/search-query';
import { DocumentDetailDto, DocumentPageDto } from './documents.dto';
import { DocumentsService } from './documents.service';

@ApiTags('documents')
@Authenticated({ public: true })
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({
    summary: 'Guiding documents (Kết luận, Nghị quyết, …); q matches number, kind, title and issuer',
    description:
      'q: see the parameter. A number in q matches only a document number (in any of its forms: 57-KL/TW, KL57, ' +
      '57KL, "Kết luận 57"), not a number in a title: "Nghị quyết 57" does not find 47/NQ-CP. A q that is exactly ' +
      'a number comes first; then number hits above title hits, newest first.',
  })
  @ApiOkResponse({ type: DocumentPageDto })
  list(@Query() query: SearchPageQuery) {
    return this.documents.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A document with the sessions and agenda items that covered it' })
  @ApiOkResponse({ type: DocumentDetailDto })
  detail(@Param('id', IdOrSlugPipe) id: string) {
    return this.documents.detail(id, { canSeeDrafts: false });
  }
}
