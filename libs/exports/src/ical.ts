/**
 * RFC 5545 calendar text, written by hand (a few dozen lines) rather than with a library, so
 * that folding, escaping and all-day dates are exactly as tested here.
 */

const CRLF = '\r\n';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** A day, month or year: how precisely the date of an event is known. */
export type DatePrecision = 'day' | 'month' | 'year';

export interface CalendarEvent {
  /** Globally unique and stable: `session-42@ttdn.example.gov.vn`. */
  uid: string;
  summary: string;
  /** First and last day (inclusive), YYYY-MM-DD. */
  startsOn: string;
  endsOn: string;
  precision: DatePrecision;
  location?: string | null;
  description?: string | null;
  url?: string | null;
  cancelled?: boolean;
  /** When the event was last changed: DTSTAMP and LAST-MODIFIED. */
  lastModified: Date;
}

export interface CalendarOptions {
  /** X-WR-CALNAME, the name calendar apps show for a subscribed feed. */
  name: string;
  description?: string;
  /** Default Asia/Ho_Chi_Minh. The events are all-day, so this only guides clients. */
  timeZone?: string;
  prodId?: string;
}

/** TEXT escaping (§3.3.11): backslash, semicolon, comma, and line breaks as \n. */
export function escapeText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (§3.1): CRLF and one space before each continuation. Counts
 * UTF-8 octets and cuts only between code points, so a Vietnamese letter (2 or 3 octets) or an
 * astral character is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; a continuation's leading space takes one of its 75.
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

const compactDate = (isoDate: string) => isoDate.replace(/-/g, '');

/** The day after `isoDate` (all-day DTEND is exclusive). */
export function nextDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** 20250308T101500Z */
export const utcStamp = (date: Date) =>
  date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

/**
 * Whether an event goes into the feed. Events known only to the month or the year are LEFT OUT:
 * a calendar can only show them as a month- or year-long all-day event, which would claim a
 * span the sources do not give and fill every day of it in subscribers' calendars. They stay
 * in the catalogue (GET /sessions) with their precision.
 */
export const belongsInCalendar = (event: Pick<CalendarEvent, 'precision'>) => event.precision === 'day';

function eventLines(event: CalendarEvent): string[] {
  const stamp = utcStamp(event.lastModified);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    // No METHOD on the calendar, so DTSTAMP is when the event was last revised (§3.8.7.2),
    // which keeps the feed byte-for-byte stable between changes.
    `DTSTAMP:${stamp}`,
    `LAST-MODIFIED:${stamp}`,
    `DTSTART;VALUE=DATE:${compactDate(event.startsOn)}`,
    `DTEND;VALUE=DATE:${compactDate(nextDay(event.endsOn))}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  // A URI value, not TEXT: not escaped, but parsed so nothing but a URL (no line break) gets in.
  if (event.url) lines.push(`URL:${new URL(event.url).href}`);
  lines.push(`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:TRANSPARENT', 'END:VEVENT');
  return lines;
}

/**
 * A VCALENDAR of all-day events (the catalogue knows days, not hours), CRLF line ends, folded
 * lines, escaped text. Events whose date is known only to the month or year are skipped
 * ({@link belongsInCalendar}). Cancelled events stay in, with STATUS:CANCELLED, so subscribers'
 * calendars drop them instead of keeping a stale copy.
 */
export function buildCalendar(events: Iterable<CalendarEvent>, options: CalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.prodId ?? '-//ttdn-training//Thong tin doi ngoai training calendar//VI'}`,
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${options.timeZone ?? 'Asia/Ho_Chi_Minh'}`,
  ];
  if (options.description) lines.push(`X-WR-CALDESC:${escapeText(options.description)}`);
  for (const event of events) {
    if (belongsInCalendar(event)) lines.push(...eventLines(event));
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
