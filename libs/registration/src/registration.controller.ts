import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditActor, AuditContext, Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { IdPipe } from '@app/common';
import { templateCsv, templateXlsx } from './bulk/bulk-registration';
import { attachmentHeader, XLSX_CONTENT_TYPE } from '@app/exports';
import { BulkRegistrationService } from './bulk/bulk-registration.service';
import { readUpload } from './bulk/upload';
import {
  AuditEntryDto,
  BulkResultDto,
  CreateRegistrationDto,
  ReasonDto,
  RegistrationDto,
  RegistrationListQuery,
  RegistrationPageDto,
  RegistrationSettingsDto,
  RegistrationSettingsResponse,
  RequiredReasonDto,
  UpdateRegistrationDto,
} from './dto/registration.dto';
import { RegistrationSettingsService } from './registration-settings.service';
import { RegistrationTransitionsService } from './registration-transitions.service';
import { RegistrationService } from './registration.service';

/** Everyone who takes part in a session's registration: its organisers, coordinators and the province delegates. */
const REGISTRATION_ROLES = { roles: ['organiser' as const, 'coordinator' as const, 'province_delegate' as const] };

@ApiTags('registration')
@Controller()
export class RegistrationController {
  constructor(
    private readonly registrationSettings: RegistrationSettingsService,
    private readonly registrations: RegistrationService,
    private readonly transitions: RegistrationTransitionsService,
    private readonly bulkRegistrations: BulkRegistrationService,
  ) {}

  @Put('sessions/:id/registration-settings')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Set the registration window, capacity, moderation and per-province quotas' })
  @ApiOkResponse({ type: RegistrationSettingsResponse })
  configure(
    @Param('id', IdPipe) id: number,
    @Body() body: RegistrationSettingsDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.registrationSettings.configure(id, body, user, actor);
  }

  @Get('sessions/:id/registration-settings')
  @Authenticated(REGISTRATION_ROLES)
  @ApiOperation({ summary: 'Registration terms and quota use (delegates see their own province only)' })
  @ApiOkResponse({ type: RegistrationSettingsResponse })
  settings(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.registrationSettings.settings(id, user);
  }

  @Post('sessions/:id/registrations')
  @Authenticated({ roles: ['province_delegate'] })
  @ApiOperation({ summary: "Register one of your province's cadres; confirmed, waitlisted or pending (moderated)" })
  @ApiCreatedResponse({ type: RegistrationDto })
  @ApiForbiddenResponse({ description: 'Your province is not invited' })
  @ApiConflictResponse({ description: 'Registration closed, or the same person is already registered' })
  register(
    @Param('id', IdPipe) id: number,
    @Body() body: CreateRegistrationDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.registrations.register(id, body, user, actor);
  }

  @Post('sessions/:id/registrations/bulk')
  @Authenticated({ roles: ['province_delegate'] })
  @ApiOperation({
    summary: 'Upload a CSV or XLSX of your delegates: all rows registered, or none with every bad row reported',
  })
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE, 'multipart/form-data')
  @ApiBody({
    description: 'The file itself as the body (text/csv or XLSX), or a multipart/form-data form with a `file` field',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: BulkResultDto })
  async bulk(
    @Param('id', IdPipe) id: number,
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.bulkRegistrations.execute(id, await readUpload(request), user, actor);
  }

  @Get('registrations/template.csv')
  @Authenticated(REGISTRATION_ROLES)
  @ApiOperation({ summary: 'The bulk-upload template (CSV, UTF-8 with BOM)' })
  templateCsv(@Res() reply: FastifyReply) {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentHeader('Mẫu đăng ký.csv', 'registration-template.csv'))
      .send(templateCsv());
  }

  @Get('registrations/template.xlsx')
  @Authenticated(REGISTRATION_ROLES)
  @ApiOperation({ summary: 'The bulk-upload template (XLSX)' })
  async templateXlsx(@Res() reply: FastifyReply) {
    return reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', attachmentHeader('Mẫu đăng ký.xlsx', 'registration-template.xlsx'))
      .send(await templateXlsx());
  }

  @Get('sessions/:id/registrations')
  @Authenticated(REGISTRATION_ROLES)
  @ApiOperation({
    summary: "A session's registrations: all provinces for its organisers and coordinators, your own for delegates",
  })
  @ApiOkResponse({ type: RegistrationPageDto })
  list(@Param('id', IdPipe) id: number, @Query() query: RegistrationListQuery, @CurrentUser() user: AuthUser) {
    return this.registrations.list(id, query, user);
  }

  @Get('registrations/:id')
  @Authenticated(REGISTRATION_ROLES)
  @ApiOkResponse({ type: RegistrationDto })
  @ApiNotFoundResponse({ description: 'No such registration visible to you' })
  get(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.registrations.get(id, user);
  }

  @Patch('registrations/:id')
  @Authenticated({ roles: ['organiser', 'province_delegate'] })
  @ApiOperation({ summary: 'Correct a registration while the window is open; send the version you read' })
  @ApiOkResponse({ type: RegistrationDto })
  update(
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateRegistrationDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.registrations.update(id, body, user, actor);
  }

  @Post('registrations/:id/withdraw')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser', 'province_delegate'] })
  @ApiOperation({ summary: 'Withdraw; a freed place goes to the first waitlisted person of that province' })
  @ApiOkResponse({ type: RegistrationDto })
  withdraw(
    @Param('id', IdPipe) id: number,
    @Body() body: ReasonDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.transitions.withdraw(id, body.reason, user, actor);
  }

  @Post('registrations/:id/approve')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Approve: confirmed if a place is free, else waitlisted' })
  @ApiOkResponse({ type: RegistrationDto })
  approve(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser, @AuditContext() actor: AuditActor) {
    return this.transitions.approve(id, user, actor);
  }

  @Post('registrations/:id/reject')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Reject with a reason' })
  @ApiOkResponse({ type: RegistrationDto })
  reject(
    @Param('id', IdPipe) id: number,
    @Body() body: RequiredReasonDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.transitions.reject(id, body.reason, user, actor);
  }

  @Get('registrations/:id/audit')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Every change to a registration: who, what, when, before and after' })
  @ApiOkResponse({ type: [AuditEntryDto] })
  audit(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.registrations.auditTrail(id, user);
  }
}
