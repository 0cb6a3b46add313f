import { Transform } from 'class-transformer';

/** The product's wall clock: sessions, parts and registration windows are in Việt Nam. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Việt Nam has kept UTC+7 all year (no daylight saving) since 1975, so a fixed offset is exact. */
export const VIETNAM_OFFSET = '+07:00';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

/**
 * Reads a date-time the way a Vietnamese user means it: a value without an offset is Việt Nam
 * wall-clock time (not UTC, as PostgreSQL and `new Date()` would read it), and a date alone
 * means the start or the end of that day in Việt Nam. Values with an offset (Z, +07:00, …) are
 * kept as they are; anything else is returned unchanged for the validators to refuse.
 */
export function asVietnamInstant(value: string, dateOnly: 'start' | 'end' = 'start'): string {
  const trimmed = value.trim();
  if (DATE_ONLY.test(trimmed)) {
    return `${trimmed}T${dateOnly === 'start' ? '00:00:00.000' : '23:59:59.999'}${VIETNAM_OFFSET}`;
  }
  if (LOCAL_DATE_TIME.test(trimmed)) return `${trimmed}${VIETNAM_OFFSET}`;
  return value;
}

/** DTO decorator: see {@link asVietnamInstant}; runs before the ISO 8601 validator. */
export const VietnamDateTime = (dateOnly: 'start' | 'end' = 'start') =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? asVietnamInstant(value, dateOnly) : value));

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) of an instant in Việt Nam. */
export const vietnamDay = (at: Date): string => DAY_FORMAT.format(at);
