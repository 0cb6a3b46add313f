import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { AppConfig, IdPipe } from '@app/common';
import { XLSX_CONTENT_TYPE } from '@app/exports';
import { AttendanceExportService, ExportFormat } from './attendance-export';
import { ExportQuery } from './dto/attendance.dto';

/** Attendance lists to download: CSV and XLSX streamed, the PDF sign-in sheet. */
@ApiTags('attendance')
@Controller()
export class AttendanceExportController {
  constructor(
    private readonly exports: AttendanceExportService,
    private readonly config: AppConfig,
  ) {}

  @Get('sessions/:id/attendance.csv')
  @Authenticated({ roles: ['coordinator', 'organiser', 'province_delegate'] })
  @ApiOperation({ summary: 'Attendance list as CSV (UTF-8 with BOM; opens in Excel), streamed' })
  @ApiProduces('text/csv')
  exportCsv(
    @Param('id', IdPipe) sessionId: number,
    @Query() query: ExportQuery,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ) {
    return this.sendExport(sessionId, 'csv', query, user, reply);
  }

  @Get('sessions/:id/attendance.xlsx')
  @Authenticated({ roles: ['coordinator', 'organiser', 'province_delegate'] })
  @ApiOperation({ summary: 'Attendance list as XLSX, one sheet per province, streamed' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  exportXlsx(
    @Param('id', IdPipe) sessionId: number,
    @Query() query: ExportQuery,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ) {
    return this.sendExport(sessionId, 'xlsx', query, user, reply);
  }

  @Get('sessions/:id/attendance.pdf')
  @Authenticated({ roles: ['coordinator', 'organiser', 'province_delegate'] })
  @ApiOperation({
    summary: 'Printable A4 sign-in sheet (danh sách điểm danh) grouped by province; large lists: use CSV/XLSX',
  })
  @ApiProduces('application/pdf')
  exportPdf(
    @Param('id', IdPipe) sessionId: number,
    @Query() query: ExportQuery,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ) {
    return this.sendExport(sessionId, 'pdf', query, user, reply);
  }

  private async sendExport(
    sessionId: number,
    format: ExportFormat,
    query: ExportQuery,
    user: AuthUser,
    reply: FastifyReply,
  ) {
    if (format !== 'pdf') {
      // The socket's idle timeout (REQUEST_TIMEOUT_MS) would cut a big list while the database
      // sorts it, before the first byte: an export may be silent for as long as one batch may take.
      // A client that stops reading part way is still cut: the transaction's idle timeout ends it.
      const socket = reply.raw.socket;
      socket?.setTimeout(this.config.EXPORT_STATEMENT_TIMEOUT_MS + this.config.REQUEST_TIMEOUT_MS);
      reply.raw.once('close', () => socket?.setTimeout(this.config.REQUEST_TIMEOUT_MS));
    }
    const file = await this.exports.export(sessionId, format, query, user);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.disposition)
      .header('cache-control', 'private, no-store')
      .send(file.body);
  }
}
