import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditActor, AuditContext, Authenticated } from '@app/accounts';
import { IdPipe } from '@app/common';
import {
  CreateDocumentDto,
  CreatedDto,
  CreateOrganisationDto,
  CreatePersonDto,
  CreatePositionDto,
  RenameOrganisationDto,
  UpdateDocumentDto,
  UpdateOrganisationDto,
  UpdatePersonDto,
} from './editing.dto';
import { EditingService } from './editing.service';

/**
 * Organisers' writes to people, organisations and documents (reads live with each feature).
 * Every session shares these records, so an organiser scoped to one session may not change them.
 */
@ApiTags('catalogue editing')
@Authenticated({ roles: ['organiser'], unscoped: true })
@Controller()
export class EditingController {
  constructor(private readonly editing: EditingService) {}

  @Post('people')
  @ApiOperation({ summary: 'Add a person' })
  @ApiCreatedResponse({ type: CreatedDto })
  createPerson(@Body() body: CreatePersonDto, @AuditContext() actor: AuditActor) {
    return this.editing.createPerson(body, actor);
  }

  @Patch('people/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  updatePerson(@Param('id', IdPipe) id: number, @Body() body: UpdatePersonDto, @AuditContext() actor: AuditActor) {
    return this.editing.updatePerson(id, body, actor);
  }

  @Delete('people/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Still a presenter somewhere (names the references)' })
  removePerson(@Param('id', IdPipe) id: number, @AuditContext() actor: AuditActor) {
    return this.editing.remove('person', id, actor);
  }

  @Post('people/:id/positions')
  @ApiOperation({ summary: 'Record a post held by a person (attested on a date and/or with its term)' })
  @ApiCreatedResponse({ type: CreatedDto })
  addPosition(@Param('id', IdPipe) id: number, @Body() body: CreatePositionDto, @AuditContext() actor: AuditActor) {
    return this.editing.addPosition(id, body, actor);
  }

  @Delete('people/:id/positions/:positionId')
  @HttpCode(204)
  @ApiNoContentResponse()
  removePosition(
    @Param('id', IdPipe) id: number,
    @Param('positionId', IdPipe) positionId: number,
    @AuditContext() actor: AuditActor,
  ) {
    return this.editing.removePosition(id, positionId, actor);
  }

  @Post('organisations')
  @ApiCreatedResponse({ type: CreatedDto })
  createOrganisation(@Body() body: CreateOrganisationDto, @AuditContext() actor: AuditActor) {
    return this.editing.createOrganisation(body, actor);
  }

  @Patch('organisations/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  updateOrganisation(
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateOrganisationDto,
    @AuditContext() actor: AuditActor,
  ) {
    return this.editing.updateOrganisation(id, body, actor);
  }

  @Post('organisations/:id/renames')
  @HttpCode(204)
  @ApiOperation({ summary: 'Rename an organisation from a date; the former name stays on record and searchable' })
  @ApiNoContentResponse()
  rename(@Param('id', IdPipe) id: number, @Body() body: RenameOrganisationDto, @AuditContext() actor: AuditActor) {
    return this.editing.renameOrganisation(id, body, actor);
  }

  @Delete('organisations/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Still referenced (names the references)' })
  removeOrganisation(@Param('id', IdPipe) id: number, @AuditContext() actor: AuditActor) {
    return this.editing.remove('organisation', id, actor);
  }

  @Post('documents')
  @ApiCreatedResponse({ type: CreatedDto })
  createDocument(@Body() body: CreateDocumentDto, @AuditContext() actor: AuditActor) {
    return this.editing.createDocument(body, actor);
  }

  @Patch('documents/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  updateDocument(@Param('id', IdPipe) id: number, @Body() body: UpdateDocumentDto, @AuditContext() actor: AuditActor) {
    return this.editing.updateDocument(id, body, actor);
  }

  @Delete('documents/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Still covered by sessions or agenda items (names them)' })
  removeDocument(@Param('id', IdPipe) id: number, @AuditContext() actor: AuditActor) {
    return this.editing.remove('document', id, actor);
  }
}
