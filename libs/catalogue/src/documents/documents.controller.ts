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
  @ApiOperation({ summary: 'Guiding documents (Kết luận, Nghị quyết, …); q matches number, kind and title' })
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
