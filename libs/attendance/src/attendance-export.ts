import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuthUser, canActOnSession, delegateProvinceId } from '@app/accounts';
import { notFound, ProblemException } from '@app/common';
import {
  attachmentHeader,
  assertPdfRowCount,
  CSV_CONTENT_TYPE,
  csvStream,
  ExportColumn,
  PDF_CONTENT_TYPE,
  signInSheetPdf,
  XLSX_CONTENT_TYPE,
  xlsxStream,
} from '@app/exports';
import { HttpStatus } from '@nestjs/common';
import { ExportQuery } from './dto/attendance.dto';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

/** One line of an attendance list: a registered person (or a walk-in) in one part. */
export interface AttendanceLine {
  province: string | null;
  full_name: string;
  gender: string | null;
  position: string | null;
  agency: string;
  part: string;
  status: string;
  checked_in_at: Date | null;
  checked_out_at: Date | null;
  note: string | null;
}

const STATUS_VI: Record<string, string> = {
  present: 'Có mặt',
  absent: 'Vắng',
  excused: 'Vắng có phép',
  not_recorded: 'Chưa điểm danh',
};
const GENDER_VI: Record<string, string> = { female: 'Nữ', male: 'Nam', other: 'Khác' };

export const ATTENDANCE_COLUMNS: ExportColumn<AttendanceLine>[] = [
  { key: 'province', header: 'Tỉnh/Thành phố', width: 18, value: (row) => row.province },
  { key: 'fullName', header: 'Họ và tên', width: 28, value: (row) => row.full_name },
  { key: 'gender', header: 'Giới tính', width: 9, value: (row) => (row.gender ? GENDER_VI[row.gender] : null) },
  { key: 'position', header: 'Chức vụ', width: 22, value: (row) => row.position },
  { key: 'agency', header: 'Cơ quan', width: 30, value: (row) => row.agency },
  { key: 'part', header: 'Buổi', width: 14, value: (row) => row.part },
  { key: 'status', header: 'Trạng thái', width: 14, value: (row) => STATUS_VI[row.status] ?? row.status },
  { key: 'checkedIn', header: 'Giờ đến', width: 17, value: (row) => row.checked_in_at },
  { key: 'checkedOut', header: 'Giờ về', width: 17, value: (row) => row.checked_out_at },
  { key: 'note', header: 'Ghi chú', width: 24, value: (row) => row.note },
];

const PDF_COLUMNS = ATTENDANCE_COLUMNS.filter((column) => ['fullName', 'position', 'agency'].includes(column.key)).map(
  (column) => ({ ...column, width: column.key === 'fullName' ? 3 : column.key === 'agency' ? 3 : 2 }),
);

/**
 * Attendance lists coordinators hand on, streamed from a database cursor so memory stays flat
 * whatever the size (CSV, XLSX); the printable PDF sign-in sheet is bounded by PDF_MAX_ROWS.
 */
@Injectable()
export class AttendanceExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async export(
    sessionId: number,
    format: ExportFormat,
    query: ExportQuery,
    user: AuthUser,
  ): Promise<{ contentType: string; disposition: string; body: Readable }> {
    const provinceId = this.allowedProvince(user, sessionId, query.province);
    const [session] = await this.dataSource.query(
      `SELECT s.title, to_char(s.starts_on, 'DD/MM/YYYY') AS day, s.venue_name, p.name AS host
         FROM training_session s LEFT JOIN province p ON p.id = s.host_province_id WHERE s.id = $1`,
      [sessionId],
    );
    if (!session) throw notFound('Session', sessionId);
    if (query.part !== undefined) {
      const part = await this.dataSource.query(`SELECT 1 FROM session_part WHERE id = $1 AND session_id = $2`, [
        query.part,
        sessionId,
      ]);
      if (part.length === 0) throw notFound('Session part', query.part);
    }
    const { sql, params } = this.linesQuery(sessionId, { ...query, province: provinceId });
    const filename = `Danh sách điểm danh - ${session.title}.${format}`;
    if (format === 'pdf') {
      const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
      assertPdfRowCount(n);
      const body = await signInSheetPdf(await this.dataSource.query(sql, params), {
        lines: [session.title, [session.day, session.venue_name, session.host].filter(Boolean).join(' — ')],
        columns: PDF_COLUMNS,
        groupBy: { key: (row: AttendanceLine) => row.province ?? 'Khách mời (không đăng ký)' },
      });
      return { contentType: PDF_CONTENT_TYPE, disposition: attachmentHeader(filename), body };
    }
    const rows = this.stream(sql, params);
    const body =
      format === 'csv'
        ? csvStream(rows, ATTENDANCE_COLUMNS)
        : xlsxStream(rows, ATTENDANCE_COLUMNS, {
            groupBy: { key: (row) => row.province ?? 'Khách mời', label: 'Tỉnh/Thành phố' },
          });
    return {
      contentType: format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      disposition: attachmentHeader(filename),
      body,
    };
  }

  /** Staff of the session see every province (or the one asked); a delegate only their own. */
  private allowedProvince(user: AuthUser, sessionId: number, asked: number | undefined): number | undefined {
    if (canActOnSession(user, ['coordinator', 'organiser'], sessionId)) return asked;
    const own = delegateProvinceId(user);
    if (own === null)
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Only the session staff and province delegates export attendance.',
      );
    if (asked !== undefined && asked !== own) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'forbidden',
        "A delegate exports their own province's list only.",
      );
    }
    return own;
  }

  /** Rows ordered by province (the grouping the XLSX and PDF need) then Vietnamese name order. */
  private linesQuery(sessionId: number, query: ExportQuery): { sql: string; params: unknown[] } {
    const params: unknown[] = [sessionId];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const part = query.part !== undefined ? add(query.part) : undefined;
    const province = query.province !== undefined ? add(query.province) : undefined;
    const partFilter = part ? `AND sp.id = ${part}` : '';
    const registered = `
      SELECT p.name AS province, r.full_name, r.gender, r.position, r.agency, sp.label AS part, sp.position AS part_position,
             coalesce(a.status, 'not_recorded') AS status, a.checked_in_at, a.checked_out_at, a.reason AS note
        FROM registration r JOIN province p ON p.id = r.province_id
        JOIN session_part sp ON sp.session_id = r.session_id ${partFilter}
        LEFT JOIN attendance a ON a.part_id = sp.id AND a.registration_id = r.id AND a.undone_at IS NULL
       WHERE r.session_id = $1 AND r.status = 'confirmed' ${province ? `AND r.province_id = ${province}` : ''}`;
    const walkIns = `
      SELECT p.name AS province, w.full_name, NULL AS gender, w.position, w.agency, sp.label AS part, sp.position AS part_position,
             a.status, a.checked_in_at, a.checked_out_at, 'Khách không đăng ký trước' AS note
        FROM walk_in w JOIN attendance a ON a.walk_in_id = w.id AND a.undone_at IS NULL
        JOIN session_part sp ON sp.id = a.part_id ${partFilter}
        LEFT JOIN province p ON p.id = w.province_id
       WHERE w.session_id = $1 ${province ? `AND w.province_id = ${province}` : ''}`;
    const statusFilter = query.status !== undefined ? `WHERE x.status = ${add(query.status)}` : '';
    return {
      sql: `SELECT province, full_name, gender, position, agency, part, status, checked_in_at, checked_out_at, note
              FROM (${registered} UNION ALL ${walkIns}) x ${statusFilter}
             ORDER BY province COLLATE vi NULLS LAST, part_position, full_name COLLATE vi`,
      params,
    };
  }

  /** A server-side cursor on a dedicated connection, released when the export ends or is abandoned. */
  private async *stream(sql: string, params: unknown[]): AsyncGenerator<AttendanceLine> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const cursor = client.query(new QueryStream(sql, params, { batchSize: 500 }));
    try {
      for await (const row of cursor) yield row as AttendanceLine;
    } finally {
      cursor.destroy();
      await runner.release();
    }
  }
}
