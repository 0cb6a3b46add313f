import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditActor, AuditContext, Authenticated } from '@app/accounts';
import { IdPipe } from '@app/common';
import { CreatedDto } from '../shared/record-edit.dto';
import { CreateOrganisationDto, RenameOrganisationDto, UpdateOrganisationDto } from './organisation-edit.dto';
import { OrganisationEditingService } from './organisation-editing.service';

/**
 * Organisers' writes to organisations and their names (the reads are in organisations.controller.ts).
 * Every session shares these records, so an organiser scoped to one session may not change them.
 */
@ApiTags('catalogue editing')
@Authenticated({ roles: ['organiser'], unscoped: true })
@Controller()
export class OrganisationsEditingController {
  constructor(private readonly organisations: OrganisationEditingService) {}

  @Post('organisations')
  @ApiCreatedResponse({ type: CreatedDto })
  createOrganisation(@Body() body: CreateOrganisationDto, @AuditContext() actor: AuditActor) {
    return this.organisations.createOrganisation(body, actor);
  }

  @Patch('organisations/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  updateOrganisation(
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateOrganisationDto,
    @AuditContext() actor: AuditActor,
  ) {
    return this.organisations.updateOrganisation(id, body, actor);
  }

  @Post('organisations/:id/renames')
  @HttpCode(204)
  @ApiOperation({ summary: 'Rename an organisation from a date; the former name stays on record and searchable' })
  @ApiNoContentResponse()
  rename(@Param('id', IdPipe) id: number, @Body() body: RenameOrganisationDto, @AuditContext() actor: AuditActor) {
    return this.organisations.renameOrganisation(id, body, actor);
  }

  @Delete('organisations/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Still referenced (names the references)' })
  removeOrganisation(@Param('id', IdPipe) id: number, @AuditContext() actor: AuditActor) {
    return this.organisations.removeOrganisation(id, actor);
  }
}
