import { FACT_LISTS, type AcceptImport, type StoredImport } from './types';

/** What the review form holds: the date in the shape its precision asks for, as the session form does. */
export interface ReviewValues {
  title: string;
  kind?: string;
  precision: 'day' | 'month' | 'year';
  day?: string;
  endsOn?: string;
  month?: string;
  year?: string;
  partOfDay?: string;
  venueName?: string;
  hostProvinceId?: number;
  format?: string;
}

/** Leave the proposal's sameEventAs to decide (the field left out), or always a new draft (null). */
export type MergeChoice = 'follow' | 'new';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A catalogue id sent as text by the importer ("12"); anything else is no id the API takes. */
export const numericId = (id: string | null | undefined): number | undefined =>
  id && /^\d+$/.test(id) ? Number(id) : undefined;

/** The form as the proposal reads: what the organiser has not touched is the proposal itself. */
export function initialReview(p: StoredImport): ReviewValues {
  const date = p.date?.value;
  const precision = (date?.precision as ReviewValues['precision'] | undefined) ?? 'day';
  return {
    title: p.title?.value ?? '',
    kind: p.kind?.value,
    precision,
    day: date?.start,
    endsOn: date && date.end !== date.start && precision === 'day' ? date.end : undefined,
    month: date?.start.slice(0, 7),
    year: date?.start.slice(0, 4),
    partOfDay: p.partOfDay?.value,
    venueName: p.venue?.value,
    hostProvinceId: numericId(p.hostProvince?.value.id),
    format: p.format?.value,
  };
}

/** The first and last day the form's date covers, or null while it is incomplete. */
export function dateRangeOf(
  v: Pick<ReviewValues, 'precision' | 'day' | 'endsOn' | 'month' | 'year'>,
): { startsOn: string; endsOn: string; precision: ReviewValues['precision'] } | null {
  if (v.precision === 'year') {
    return v.year && /^\d{4}$/.test(v.year)
      ? { startsOn: `${v.year}-01-01`, endsOn: `${v.year}-12-31`, precision: 'year' }
      : null;
  }
  if (v.precision === 'month') {
    const match = v.month?.match(/^(\d{4})-(\d{2})$/);
    if (!match) return null;
    const [year, month] = [Number(match[1]), Number(match[2])];
    return {
      startsOn: `${match[1]}-${match[2]}-01`,
      endsOn: `${match[1]}-${match[2]}-${pad(lastDayOfMonth(year, month))}`,
      precision: 'month',
    };
  }
  if (!v.day) return null;
  return { startsOn: v.day, endsOn: v.endsOn && v.endsOn >= v.day ? v.endsOn : v.day, precision: 'day' };
}

const blank = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/** Every excludable fact of the proposal, in its order: `organisers/0` …, then `invitation`. */
export function factKeys(p: StoredImport): string[] {
  const keys = FACT_LISTS.flatMap((list) => p[list].map((_, index) => `${list}/${index}`));
  return p.invitation ? [...keys, 'invitation'] : keys;
}

/**
 * The body of "Chấp nhận": only what the organiser changed. A field left as proposed is absent
 * (the API takes the proposal's value with its citation); one emptied that had a value is null;
 * the date goes whole (first day, last day, precision) when any part of it changed; facts left
 * out are listed in the proposal's order; "new draft" against a proposed same event is null.
 */
export function buildAcceptBody(
  p: StoredImport,
  values: ReviewValues,
  excluded: ReadonlySet<string>,
  merge: MergeChoice,
): AcceptImport {
  const initial = initialReview(p);
  const body: AcceptImport = {};
  const title = values.title.trim().normalize('NFC');
  if (title && title !== initial.title) body.title = title;
  if (values.kind && values.kind !== initial.kind) body.kind = values.kind as AcceptImport['kind'];

  const date = dateRangeOf(values);
  const proposed = p.date?.value;
  if (
    date &&
    (!proposed ||
      date.startsOn !== proposed.start ||
      date.endsOn !== proposed.end ||
      date.precision !== proposed.precision)
  ) {
    Object.assign(body, date);
  }

  const clearable = <T>(now: T | undefined, before: T | undefined): T | null | undefined =>
    now === before ? undefined : now === undefined ? (before === undefined ? undefined : null) : now;
  // A part of day only means something for a known day.
  const partOfDay = values.precision === 'day' ? values.partOfDay : undefined;
  const changes = {
    partOfDay: clearable(partOfDay, initial.partOfDay),
    venueName: clearable(blank(values.venueName), blank(initial.venueName)),
    hostProvinceId: clearable(values.hostProvinceId, initial.hostProvinceId),
    format: clearable(values.format, initial.format),
  };
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) (body as Record<string, unknown>)[key] = value;
  }

  const exclude = factKeys(p).filter((key) => excluded.has(key));
  if (exclude.length) body.exclude = exclude;
  if (merge === 'new' && p.sameEventAs) body.mergeIntoSessionId = null;
  return body;
}
