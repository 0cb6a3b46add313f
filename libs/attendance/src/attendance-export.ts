import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { escapeLiteral } from 'pg';
import { DataSource } from 'typeorm';
import { AuthUser, requireAccess } from '@app/accounts';
import { AppConfig, notFound, storedNameOrder } from '@app/common';
import {
  attachmentHeader,
  assertPdfRowCount,
  CSV_CONTENT_TYPE,
  csvFromPostgres,
  ExportColumn,
  SqlExportColumn,
  isoDateTimeSql,
  neutraliseFormulaSql,
  PDF_CONTENT_TYPE,
  signInSheetPdf,
  XLSX_CONTENT_TYPE,
  xlsxCopySelect,
  xlsxFromPostgres,
} from '@app/exports';
import { ExportQuery } from './dto/attendance.dto';
import { copyOut } from './export-copy';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

/** One person on a whole-session sign-in sheet, with their standing in each part (in part order). */
interface PersonLine {
  province: string | null;
  full_name: string;
  position: string | null;
  agency: string;
  statuses: string[];
  times: (string | null)[];
}

/** One part's standing on a sign-in sheet: check-in time when present, a mark when absent or excused. */
const STATUS_MARK: Record<string, string> = { absent: 'Vắng', excused: 'Vắng có phép' };
const partCell = (status: string, time: string | null) =>
  status === 'present' ? (time ?? 'Có mặt') : (STATUS_MARK[status] ?? '');

const PARTY_KINDS = new Set(['party_body', 'party_committee']);
/** The right-hand heading of an official list, after the lead organiser: a Party body or a state one. */
export const headingFor = (organiserKind: string | null): string[] =>
  organiserKind !== null && PARTY_KINDS.has(organiserKind)
    ? ['ĐẢNG CỘNG SẢN VIỆT NAM']
    : ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

const upper = (text: string) => text.toLocaleUpperCase('vi');
const LOCAL_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const LOCAL_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const STATUS_VI: Record<string, string> = {
  present: 'Có mặt',
  absent: 'Vắng',
  excused: 'Vắng có phép',
  not_recorded: 'Chưa điểm danh',
};
const GENDER_VI: Record<string, string> = { female: 'Nữ', male: 'Nam', other: 'Khác' };

/** A label from `labels` for each value of `column` (NULL for others, or `otherwise`), in SQL. */
const labelSql = (column: string, labels: Record<string, string>, otherwise = 'NULL') =>
  `CASE ${column} ${Object.entries(labels)
    .map(([value, label]) => `WHEN ${escapeLiteral(value)} THEN ${escapeLiteral(label)}`)
    .join(' ')} ELSE ${otherwise} END`;

/** The list's columns; `sql` is each cell over the lines' columns (see {@link AttendanceExportService.linesQuery}). */
export const ATTENDANCE_COLUMNS: SqlExportColumn[] = [
  {
    key: 'province',
    header: 'Tỉnh/Thành phố',
    width: 18,
    sql: neutraliseFormulaSql('province'),
  },
  {
    key: 'fullName',
    header: 'Họ và tên',
    width: 28,
    sql: neutraliseFormulaSql('full_name'),
  },
  {
    key: 'gender',
    header: 'Giới tính',
    width: 9,
    sql: labelSql('gender', GENDER_VI),
  },
  {
    key: 'position',
    header: 'Chức vụ',
    width: 22,
    sql: neutraliseFormulaSql('position'),
  },
  { key: 'agency', header: 'Cơ quan', width: 30, sql: neutraliseFormulaSql('agency') },
  { key: 'part', header: 'Buổi', width: 14, sql: neutraliseFormulaSql('part') },
  {
    key: 'status',
    header: 'Trạng thái',
    width: 14,
    sql: labelSql('status', STATUS_VI, neutraliseFormulaSql('status')),
  },
  {
    key: 'checkedIn',
    header: 'Giờ đến',
    width: 17,
    sql: isoDateTimeSql('checked_in_at'),
    sqlTimestamp: 'checked_in_at',
  },
  {
    key: 'checkedOut',
    header: 'Giờ về',
    width: 17,
    sql: isoDateTimeSql('checked_out_at'),
    sqlTimestamp: 'checked_out_at',
  },
  { key: 'note', header: 'Ghi chú', width: 24, sql: neutraliseFormulaSql('note') },
];

const PERSON_COLUMNS: ExportColumn<PersonLine>[] = [
  { key: 'fullName', header: 'Họ và tên', width: 3, value: (row) => row.full_name },
  { key: 'position', header: 'Chức vụ', width: 2, value: (row) => row.position },
  { key: 'agency', header: 'Cơ quan', width: 3, value: (row) => row.agency },
];

interface SessionHeading {
  title: string;
  day: string;
  venue_name: string | null;
  host: string | null;
  lead_name: string | null;
  lead_parent: string | null;
  lead_kind: string | null;
}

/**
 * Attendance lists coordinators hand on, streamed from a COPY whose cells PostgreSQL formats, so
 * memory stays flat whatever the size (CSV, XLSX); the printable PDF sign-in sheet is bounded by
 * PDF_MAX_ROWS.
 */
@Injectable()
export class AttendanceExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async export(
    sessionId: number,
    format: ExportFormat,
    query: ExportQuery,
    user: AuthUser,
  ): Promise<{ contentType: string; disposition: string; body: Readable }> {
    // Staff of the session see every province (or the one asked); a delegate only their own.
    const access = requireAccess(user, { session: sessionId, action: 'attendance.export', province: query.province });
    const provinceId = access.kind === 'delegate' ? access.provinceId : query.province;
    const [session]: SessionHeading[] = await this.dataSource.query(
      `SELECT s.title, to_char(s.starts_on, 'DD/MM/YYYY') AS day, s.venue_name, p.name AS host,
              organisation_name_at(lead.organisation_id, s.starts_on) AS lead_name,
              organisation_name_at(lead.parent_id, s.starts_on) AS lead_parent, lead.kind AS lead_kind
         FROM training_session s LEFT JOIN province p ON p.id = s.host_province_id
         LEFT JOIN LATERAL (
           SELECT so.organisation_id, o.parent_id, o.kind FROM session_organiser so
             JOIN organisation o ON o.id = so.organisation_id
            WHERE so.session_id = s.id ORDER BY so.role = 'lead' DESC, so.position LIMIT 1) lead ON true
        WHERE s.id = $1`,
      [sessionId],
    );
    if (!session) throw notFound('Session', sessionId);
    const parts: { id: string; label: string; starts_at: Date; ends_at: Date }[] = await this.dataSource.query(
      `SELECT id, label, starts_at, ends_at FROM session_part WHERE session_id = $1 ORDER BY position`,
      [sessionId],
    );
    const onePart = query.part !== undefined ? parts.find((part) => Number(part.id) === query.part) : undefined;
    if (query.part !== undefined && !onePart) throw notFound('Session part', query.part);
    const filter = { ...query, province: provinceId };
    const filename = `Danh sách điểm danh - ${session.title}.${format}`;
    if (format === 'pdf') {
      const shown = onePart ? [onePart] : parts;
      const { sql, params } = this.peopleQuery(
        sessionId,
        shown.map((part) => Number(part.id)),
        filter,
      );
      const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
      assertPdfRowCount(n);
      const people: PersonLine[] = await this.dataSource.query(sql, params);
      const where = [session.day, session.venue_name, session.host].filter(Boolean).join(' — ');
      const partLine = (part: (typeof parts)[number]) =>
        `Buổi: ${part.label} (${LOCAL_CLOCK.format(new Date(part.starts_at))}–${LOCAL_CLOCK.format(
          new Date(part.ends_at),
        )} ngày ${LOCAL_DATE.format(new Date(part.starts_at))})`;
      const body = await signInSheetPdf(people, {
        letterhead: {
          left: [session.lead_parent, session.lead_name].filter((name): name is string => !!name).map(upper),
          right: headingFor(session.lead_kind),
        },
        lines: [session.title, where, ...(onePart ? [partLine(onePart)] : [])],
        // A one-part sheet: sign in the last column (absent and excused people are marked there).
        // A whole-session sheet: one row per person, one column per part.
        columns: onePart
          ? PERSON_COLUMNS
          : [
              ...PERSON_COLUMNS,
              ...parts.map((part, index) => ({
                key: `part${index}`,
                header: part.label,
                width: 1.5,
                value: (row: PersonLine) => partCell(row.statuses[index], row.times[index]),
              })),
            ],
        signatureColumn: onePart !== undefined,
        signatureMark: (row) => STATUS_MARK[row.statuses[0]] ?? null,
        groupBy: { key: (row: PersonLine) => row.province ?? 'Khách mời (không đăng ký)' },
        compiledBy: ['NGƯỜI LẬP DANH SÁCH', '(Ký, ghi rõ họ tên)'],
      });
      return { contentType: PDF_CONTENT_TYPE, disposition: attachmentHeader(filename), body };
    }
    // PostgreSQL formats every cell (COPY): no row objects here. The CSV is its own CSV; the
    // XLSX is built from its binary tuples, one sheet per province.
    const copy = (select: string, format: 'csv' | 'binary') =>
      copyOut(this.dataSource, this.linesQuery(sessionId, filter, select), {
        statementTimeoutMs: this.config.EXPORT_STATEMENT_TIMEOUT_MS,
        format,
      });
    if (format === 'csv') {
      const cells = ATTENDANCE_COLUMNS.map((column) => column.sql).join(', ');
      const body = csvFromPostgres(
        copy(cells, 'csv'),
        ATTENDANCE_COLUMNS.map((column) => column.header),
      );
      return { contentType: CSV_CONTENT_TYPE, disposition: attachmentHeader(filename), body };
    }
    // Invited provinces nobody registered from are the ones to chase: listed with 0.
    const alwaysList = await this.invitedProvinceNames(sessionId, provinceId);
    // A person has one row per part: the summary counts people (walk-ins by negative id).
    const select = xlsxCopySelect(ATTENDANCE_COLUMNS, {
      group: "coalesce(province, 'Khách mời')",
      person: 'person_id',
    });
    const body = xlsxFromPostgres(copy(select, 'binary'), ATTENDANCE_COLUMNS, {
      groupBy: { label: 'Tỉnh/Thành phố', alwaysList },
    });
    return { contentType: XLSX_CONTENT_TYPE, disposition: attachmentHeader(filename), body };
  }

  /** Names of the invited units (all units in force for a nationwide session), or only the delegate's own. */
  private async invitedProvinceNames(sessionId: number, provinceId: number | undefined): Promise<string[]> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT p.name FROM training_session s JOIN province p
           ON CASE WHEN s.invitation_scope = 'nationwide'
                   THEN (p.valid_from IS NULL OR p.valid_from <= s.starts_on) AND (p.valid_to IS NULL OR p.valid_to >= s.starts_on)
                   ELSE EXISTS (SELECT 1 FROM session_invited_province ip WHERE ip.session_id = s.id AND ip.province_id = p.id) END
        WHERE s.id = $1 AND ($2::int IS NULL OR p.id = $2)
          -- a pre-2025 unit whose people register under its successor is not listed twice
          AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.session_id = s.id AND r.province_id = p.successor_id)`,
      [sessionId, provinceId ?? null],
    );
    return rows.map((row) => row.name);
  }

  /**
   * One row per person (confirmed registrations, and walk-ins present in a shown part) with their
   * status and check-in time in each shown part, in part order; ordered by province then name.
   */
  private peopleQuery(sessionId: number, partIds: number[], query: ExportQuery): { sql: string; params: unknown[] } {
    const params: unknown[] = [sessionId, partIds];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const province = query.province !== undefined ? add(query.province) : undefined;
    const status = query.status !== undefined ? add(query.status) : undefined;
    return {
      sql: `WITH parts AS (SELECT id, position FROM session_part WHERE id = ANY($2::bigint[])),
            people AS (
              SELECT r.id AS registration_id, NULL::bigint AS walk_in_id, p.name AS province, r.full_name, r.position, r.agency,
                     r.sort_given_name, r.sort_middle_names, r.sort_family_name
                FROM registration r JOIN province p ON p.id = r.province_id
               WHERE r.session_id = $1 AND r.status = 'confirmed' ${province ? `AND r.province_id = ${province}` : ''}
              UNION ALL
              SELECT NULL, w.id, p.name, w.full_name, w.position, w.agency, w.sort_given_name, w.sort_middle_names, w.sort_family_name
                FROM walk_in w LEFT JOIN province p ON p.id = w.province_id
               WHERE w.session_id = $1 ${province ? `AND w.province_id = ${province}` : ''}
                 AND EXISTS (SELECT 1 FROM attendance a JOIN parts ON parts.id = a.part_id
                              WHERE a.walk_in_id = w.id AND a.undone_at IS NULL)),
            standing AS (
              SELECT people.*,
                     array_agg(coalesce(a.status, 'not_recorded') ORDER BY parts.position) AS statuses,
                     array_agg(to_char(a.checked_in_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI') ORDER BY parts.position) AS times
                FROM people LEFT JOIN parts ON true
                LEFT JOIN attendance a ON a.part_id = parts.id AND a.undone_at IS NULL
                     AND CASE WHEN people.registration_id IS NOT NULL THEN a.registration_id = people.registration_id
                              ELSE a.walk_in_id = people.walk_in_id END
               GROUP BY people.registration_id, people.walk_in_id, people.province, people.full_name, people.position, people.agency,
                        people.sort_given_name, people.sort_middle_names, people.sort_family_name)
            SELECT province, full_name, position, agency, statuses, times FROM standing
             ${status ? `WHERE ${status} = ANY(statuses)` : ''}
             ORDER BY province COLLATE vi NULLS LAST, ${storedNameOrder('', query.sort)}, registration_id, walk_in_id`,
      params,
    };
  }

  /**
   * One row per person and part, ordered by province (the grouping the XLSX needs), part, then
   * Vietnamese name order (given name first, unless `sort` asks for the name as written).
   * `select` is over the lines' columns: province, full_name, gender, position, agency, part,
   * status, checked_in_at, checked_out_at, note; person_key ('r<registration id>' or 'w<walk-in
   * id>': one person has a line per part) and person_id (the registration's id, or minus the
   * walk-in's). Values are written in as literals: COPY takes no parameters.
   */
  private linesQuery(sessionId: number, query: ExportQuery, select: string): string {
    const bind = sqlLiteral;
    const session = bind(sessionId);
    const part = query.part !== undefined ? bind(query.part) : undefined;
    const province = query.province !== undefined ? bind(query.province) : undefined;
    const partFilter = part ? `AND sp.id = ${part}` : '';
    const registered = `
      SELECT p.name AS province, r.full_name, r.gender, r.position, r.agency, sp.label AS part, sp.position AS part_position,
             coalesce(a.status, 'not_recorded') AS status, a.checked_in_at, a.checked_out_at, a.reason AS note,
             'r' || r.id AS person_key, r.id AS person_id, r.sort_given_name, r.sort_middle_names, r.sort_family_name
        FROM registration r JOIN province p ON p.id = r.province_id
        JOIN session_part sp ON sp.session_id = r.session_id ${partFilter}
        LEFT JOIN attendance a ON a.part_id = sp.id AND a.registration_id = r.id AND a.undone_at IS NULL
       WHERE r.session_id = ${session} AND r.status = 'confirmed' ${province ? `AND r.province_id = ${province}` : ''}`;
    const walkIns = `
      SELECT p.name AS province, w.full_name, NULL AS gender, w.position, w.agency, sp.label AS part, sp.position AS part_position,
             a.status, a.checked_in_at, a.checked_out_at, 'Khách không đăng ký trước' AS note, 'w' || w.id AS person_key, -w.id AS person_id,
             w.sort_given_name, w.sort_middle_names, w.sort_family_name
        FROM walk_in w JOIN attendance a ON a.walk_in_id = w.id AND a.undone_at IS NULL
        JOIN session_part sp ON sp.id = a.part_id ${partFilter}
        LEFT JOIN province p ON p.id = w.province_id
       WHERE w.session_id = ${session} ${province ? `AND w.province_id = ${province}` : ''}`;
    const statusFilter = query.status !== undefined ? `WHERE export_rows.status = ${bind(query.status)}` : '';
    // The name first: pg_stat_activity keeps only the start of a long statement.
    return `WITH export_rows AS (${registered} UNION ALL ${walkIns})
            SELECT ${select} FROM export_rows ${statusFilter}
             ORDER BY province COLLATE vi NULLS LAST, part_position, ${storedNameOrder('', query.sort)}, person_key`;
  }
}

/** A value written into SQL text: integers as they are, text quoted. */
function sqlLiteral(value: number | string): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
  }
  return escapeLiteral(value);
}
