import { PartOfDay } from '../proposal';

/** A date as written: "Chiều 8/3", "Ngày 7-8", "sáng 9/11/2024", "ngày 7-8/11", "ngày 15 tháng 6 năm 2023". */
export interface DateMention {
  index: number;
  text: string;
  partOfDay: PartOfDay | null;
  day: number;
  endDay: number;
  month: number;
  year: number | null;
}

const PARTS: Record<string, PartOfDay> = {
  sáng: 'morning',
  trưa: 'noon',
  chiều: 'afternoon',
  tối: 'evening',
  đêm: 'evening',
};

const PART = '(sáng|trưa|chiều|tối|đêm)';
// Optional weekday between the part of day and the date: "sáng thứ Hai, 9/11", "chiều Chủ nhật (8/3)".
const WEEKDAY = '(?:(?:thứ\\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\\s+nhật)\\s*,?\\s*\\(?\\s*)?';
// Day first, as Vietnamese writes dates: d/m, d-m, d.m, with an optional range "7-8/11" and year.
const NUMERIC = new RegExp(
  `(?:${PART}\\s+(?:nay\\s+|qua\\s+|hôm\\s+nay\\s+)?)?${WEEKDAY}(?:ngày\\s+)?\\(?\\s*(?<![\\d/.-])(\\d{1,2})(?:\\s*(?:-|–|và|đến)\\s*(\\d{1,2}))?\\s*([/.-])\\s*(\\d{1,2})(?:\\s*\\4\\s*(\\d{4}))?(?![\\d/])`,
  'giu',
);
const WORDS = new RegExp(
  `(?:${PART}\\s+)?ngày\\s+(\\d{1,2})(?:\\s*(?:-|–|và|đến)\\s*(\\d{1,2}))?\\s+tháng\\s+(\\d{1,2})(?:\\s*(?:năm\\s+|,\\s*)(\\d{4}))?`,
  'giu',
);

const validDay = (day: number, month: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;

/** Every date expression in a text, in order. */
export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const m of text.matchAll(NUMERIC)) {
    const [, part, day, endDay, , month, year] = m;
    const d = Number(day);
    const mo = Number(month);
    const e = endDay ? Number(endDay) : d;
    if (!validDay(d, mo) || !validDay(e, mo) || e < d) continue;
    found.push({
      index: m.index,
      text: m[0].replace(/[\s(,]+$/, ''),
      partOfDay: part ? PARTS[part.toLowerCase()] : null,
      day: d,
      endDay: e,
      month: mo,
      year: year ? Number(year) : null,
    });
  }
  for (const m of text.matchAll(WORDS)) {
    const [, part, day, endDay, month, year] = m;
    const d = Number(day);
    const mo = Number(month);
    const e = endDay ? Number(endDay) : d;
    if (!validDay(d, mo) || e < d) continue;
    if (found.some((f) => f.index <= m.index && m.index < f.index + f.text.length)) continue;
    found.push({
      index: m.index,
      text: m[0],
      partOfDay: part ? PARTS[part.toLowerCase()] : null,
      day: d,
      endDay: e,
      month: mo,
      year: year ? Number(year) : null,
    });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** "năm 2025" inside an event name: the year the event belongs to. */
export function findNamedYear(text: string): { index: number; text: string; year: number } | null {
  const m = /\bnăm\s+((?:19|20)\d{2})\b/iu.exec(text);
  return m ? { index: m.index, text: m[0], year: Number(m[1]) } : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/**
 * The year of a date written without one, from the published date: a report is written on or
 * after the event, so a day-month later in the calendar than the published day is last year's.
 */
export function yearFromPublished(day: number, month: number, publishedOn: string): number {
  const [py, pm, pd] = publishedOn.split('-').map(Number);
  return month > pm || (month === pm && day > pd) ? py - 1 : py;
}
