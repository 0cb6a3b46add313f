/** What a column may yield for one row. `null` / `undefined` leave the cell empty. */
export type CellValue = string | number | Date | null | undefined;

/** What every column of an export has, whoever computes its cells. */
export interface ColumnHeading {
  /** Stable machine name (XLSX column key). */
  key: string;
  /** Heading shown to people, in Vietnamese: 'Họ và tên', 'Cơ quan', ... */
  header: string;
  /** Width in characters for XLSX; relative weight of the column in the PDF table. */
  width?: number;
}

/**
 * One column of an export whose rows are JS objects, shared by the CSV, XLSX and PDF writers. The
 * writers know nothing about registrations or attendance: callers describe their rows with these.
 */
export interface ExportColumn<Row> extends ColumnHeading {
  value(row: Row): CellValue;
}

/**
 * One column of an export PostgreSQL formats itself (csvFromPostgres, xlsxFromPostgres): each
 * cell a SQL expression over the query's columns, with labels, times and formula neutralisation
 * done in SQL as the JS writers do them in JS.
 */
export interface SqlExportColumn extends ColumnHeading {
  /** The cell as text (NULL for an empty cell): what the CSV holds, and the XLSX for text columns. */
  sql: string;
  /** For a date column: the timestamptz expression itself, which the XLSX writes as a date cell. */
  sqlTimestamp?: string;
}

/**
 * Rows already grouped in arrays (a database cursor's batches): the writers then work a batch at
 * a time instead of awaiting every row. Wrap such a source with {@link inBatches}.
 */
export class RowBatches<Row> {
  constructor(readonly batches: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>) {}
}

/** What the writers read: rows one by one (sync or async), or in batches. */
export type RowSource<Row> = AsyncIterable<Row> | Iterable<Row> | RowBatches<Row>;

export const inBatches = <Row>(batches: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>): RowBatches<Row> =>
  new RowBatches(batches);

const ROWS_PER_BATCH = 256;

/**
 * Any source as batches. Ending the iteration early (a consumer that went away) ends the source's
 * iteration too (its `return()` is called), which releases a database cursor behind it.
 */
export async function* batchesOf<Row>(rows: RowSource<Row>): AsyncGenerator<readonly Row[]> {
  if (rows instanceof RowBatches) {
    yield* rows.batches;
    return;
  }
  let batch: Row[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === ROWS_PER_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Exports show times as they were on the wall in Việt Nam unless a caller says otherwise. */
export const EXPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface ExportFormatOptions {
  /** IANA zone in which Date values are shown. Default Asia/Ho_Chi_Minh. */
  timeZone?: string;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at `ms` (whole seconds), asked of ICU. */
function offsetAt(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * Offsets by zone and quarter hour. ICU's formatToParts costs microseconds, and an export asks for
 * a million times that fall in a few hours: the offset is asked once per quarter hour, and kept
 * only when it is the same at both ends of the quarter (no change of offset inside it), so the
 * result is always ICU's own.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_MAX = 10_000;

function zoneOffset(ms: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(ms / QUARTER_HOUR);
  const cached = zone.get(quarter);
  if (cached !== undefined) return cached;
  const start = offsetAt(quarter * QUARTER_HOUR, timeZone);
  if (start !== offsetAt((quarter + 1) * QUARTER_HOUR - 1000, timeZone)) return offsetAt(ms, timeZone);
  if (zone.size >= OFFSET_CACHE_MAX) zone.clear();
  zone.set(quarter, start);
  return start;
}

/** The wall-clock fields of `date` in `timeZone`. */
export function wallClock(
  date: Date,
  timeZone: string = EXPORT_TIME_ZONE,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const ms = date.getTime();
  const wall = new Date(ms + zoneOffset(ms, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** `2025-03-08 14:05`: unambiguous, and Excel reads it as a date-time in every locale. */
export function formatIsoDateTime(date: Date, timeZone?: string): string {
  const t = wallClock(date, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** {@link formatIsoDateTime} as a PostgreSQL expression over a timestamptz column. */
export function isoDateTimeSql(column: string, timeZone: string = EXPORT_TIME_ZONE): string {
  return `to_char(${column} AT TIME ZONE '${timeZone.replace(/'/g, "''")}', 'YYYY-MM-DD HH24:MI')`;
}

/** `08/03/2025 14:05`, the way Vietnamese paperwork writes it (for printed sheets). */
export function formatVietnameseDateTime(date: Date, timeZone?: string): string {
  const t = wallClock(date, timeZone);
  return `${pad(t.day)}/${pad(t.month)}/${t.year} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** Text is written NFC so that decomposed input (NFD from copy-paste) renders and sorts like the rest. */
export const nfc = (value: string): string => value.normalize('NFC');

/** A cell as plain text, as CSV and PDF write it. Non-finite numbers are left empty. */
export function cellText(value: CellValue, format: (date: Date) => string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : format(value);
  return nfc(value);
}
