import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditActor, AuditContext, Authenticated } from '@app/accounts';
import { IdPipe } from '@app/common';
import { CreatedDto } from '../shared/record-edit.dto';
import { CreatePersonDto, CreatePositionDto, UpdatePersonDto } from './person-edit.dto';
import { PersonEditingService } from './person-editing.service';

/**
 * Organisers' writes to people and their posts (the reads are in people.controller.ts).
 * Every session shares these records, so an organiser scoped to one session may not change them.
 */
@ApiTags('catalogue editing')
@Authenticated({ roles: ['organiser'], unscoped: true })
@Controller()
export class PeopleEditingController {
  constructor(private readonly people: PersonEditingService) {}

  @Post('people')
  @ApiOperation({ summary: 'Add a person' })
  @ApiCreatedResponse({ type: CreatedDto })
  createPerson(@Body() body: CreatePersonDto, @AuditContext() actor: AuditActor) {
    return this.people.createPerson(body, actor);
  }

  @Patch('people/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  updatePerson(@Param('id', IdPipe) id: number, @Body() body: UpdatePersonDto, @AuditContext() actor: AuditActor) {
    return this.people.updatePerson(id, body, actor);
  }

  @Delete('people/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Still a presenter somewhere (names the references)' })
  removePerson(@Param('id', IdPipe) id: number, @AuditContext() actor: AuditActor) {
    return this.people.removePerson(id, actor);
  }

  @Post('people/:id/positions')
  @ApiOperation({ summary: 'Record a post held by a person (attested on a date and/or with its term)' })
  @ApiCreatedResponse({ type: CreatedDto })
  addPosition(@Param('id', IdPipe) id: number, @Body() body: CreatePositionDto, @AuditContext() actor: AuditActor) {
    return this.people.addPosition(id, body, actor);
  }

  @Delete('people/:id/positions/:positionId')
  @HttpCode(204)
  @ApiNoContentResponse()
  removePosition(
    @Param('id', IdPipe) id: number,
    @Param('positionId', IdPipe) positionId: number,
    @AuditContext() actor: AuditActor,
  ) {
    return this.people.removePosition(id, positionId, actor);
  }
}
