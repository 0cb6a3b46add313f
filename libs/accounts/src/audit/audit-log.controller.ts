import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, toPage } from '@app/common';
import { Authenticated } from '../auth/authenticated.decorator';
import { toAuditEntryResponse } from './audit-log.mapper';
import { AuditLogRepository } from './audit-log.repository';
import { AuditEntryPageResponse, AuditEntryResponse } from './dto/audit-entry.response';
import { ListAuditLogQuery } from './dto/list-audit-log.query';

/** Read only: entries are written by each use case inside its own transaction. */
@ApiTags('audit')
@Controller('audit-log')
@Authenticated({ roles: ['admin'] })
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogRepository) {}

  @Get()
  @ApiOperation({ summary: 'Who did what, when: newest first, filtered by user, session and action (admin)' })
  @ApiOkResponse({ type: AuditEntryPageResponse })
  async list(@Query() query: ListAuditLogQuery): Promise<Page<AuditEntryResponse>> {
    const { rows, total } = await this.auditLog.list(query);
    return toPage(rows.map(toAuditEntryResponse), total, query);
  }
}
