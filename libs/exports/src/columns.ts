/** What a column may yield for one row. `null` / `undefined` leave the cell empty. */
export type CellValue = string | number | Date | null | undefined;

/**
 * One column of an export, shared by the CSV, XLSX and PDF writers. The writers know nothing
 * about registrations or attendance: callers describe their rows with these.
 */
export interface ExportColumn<Row> {
  /** Stable machine name (XLSX column key). */
  key: string;
  /** Heading shown to people, in Vietnamese: 'Họ và tên', 'Cơ quan', ... */
  header: string;
  /** Width in characters for XLSX; relative weight of the column in the PDF table. */
  width?: number;
  value(row: Row): CellValue;
}

/** Exports show times as they were on the wall in Việt Nam unless a caller says otherwise. */
export const EXPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface ExportFormatOptions {
  /** IANA zone in which Date values are shown. Default Asia/Ho_Chi_Minh. */
  timeZone?: string;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `date` in `timeZone`. */
export function wallClock(
  date: Date,
  timeZone: string = EXPORT_TIME_ZONE,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
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
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** `2025-03-08 14:05`: unambiguous, and Excel reads it as a date-time in every locale. */
export function formatIsoDateTime(date: Date, timeZone?: string): string {
  const t = wallClock(date, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
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
