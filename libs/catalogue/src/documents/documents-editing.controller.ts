import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { AuditActor, AuditContext, Authenticated } from '@app/accounts';
import { IdPipe } from '@app/common';
import { CreatedDto } from '../shared/record-edit.dto';
import { CreateDocumentDto, UpdateDocumentDto } from './document-edit.dto';
import { DocumentEditingService } from './document-editing.service';

/**
 * Organisers' writes to guiding documents (the reads are in documents.controller.ts).
 * Every session shares these records, so an organiser scoped to one session may not change them.
 */
@ApiTags('catalogue editing')
@Authenticated({ roles: ['organiser'], unscoped: true })
@Controller()
export class DocumentsEditingController {
  constructor(private readonly documents: DocumentEditingService) {}

  @Post('documents')
  @ApiCreatedResponse({ type: CreatedDto })
  createDocument(@Body() body: CreateDocumentDto, @AuditContext() actor: AuditActor) {
    return this.documents.createDocument(body, actor);
  }

  @Patch('documents/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  updateDocument(@Param('id', IdPipe) id: number, @Body() body: UpdateDocumentDto, @AuditContext() actor: AuditActor) {
    return this.documents.updateDocument(id, body, actor);
  }

  @Delete('documents/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Still covered by sessions or agenda items (names them)' })
  removeDocument(@Param('id', IdPipe) id: number, @AuditContext() actor: AuditActor) {
    return this.documents.removeDocument(id, actor);
  }
}
