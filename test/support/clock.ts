import { vietnamDay } from '@app/common';

/**
 * Dates for tests of rules that compare with now (check-in windows, registration windows):
 * build them relative to the moment the test runs, never as fixed calendar dates.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An ISO instant `ms` from now, to the second (so it round-trips through the database unchanged). */
export const fromNow = (ms: number): string => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString();

/** The calendar day (YYYY-MM-DD) in Việt Nam `days` from today. */
export const vnDayFromNow = (days: number): string => vietnamDay(new Date(Date.now() + days * DAY));
