import { FieldError } from '@app/common';
import type { ScheduleDto } from './dto/session.response';
import type { SessionColumnValues } from './session-write.repository';
import { DATE_PRECISIONS, isDated, spanForPrecision } from './session.rules';

export interface ScheduleInput {
  startsOn?: string;
  endsOn?: string;
  precision?: (typeof DATE_PRECISIONS)[number];
  startMonth?: number;
  startDay?: number;
  endMonth?: number;
  endDay?: number;
  yearInferred?: boolean;
  dateInference?: string;
}

const SCHEDULE_FIELDS = ['startsOn', 'endsOn', 'precision', 'startMonth', 'startDay', 'endMonth', 'endDay'] as const;
const daysIn = (month: number) => new Date(Date.UTC(2000, month, 0)).getUTCDate(); // 2000: 29/2 is a date

/**
 * The date columns from what the report says, never inventing what it does not: a known year
 * gives a date range at its precision (a month or year spans the period); "sáng 9/11" years
 * before the page date is day_unknown_year with month and day only (11–13/10 as a range); a
 * "recently" is unknown, bounded by the report date. An inferred year must say why.
 */
export function scheduleColumns(
  input: ScheduleInput,
  before: ScheduleDto | undefined,
): { values: SessionColumnValues; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: SessionColumnValues = {};
  const inferred = input.yearInferred ?? before?.yearInferred ?? false;
  if (inferred && !(input.dateInference ?? before?.inference)) {
    errors.push({ path: 'dateInference', message: 'is required when the year is inferred: say why' });
  }
  if (before && !SCHEDULE_FIELDS.some((field) => input[field] !== undefined)) return { values, errors };

  const precision = input.precision ?? (before?.precision as ScheduleInput['precision']) ?? 'day';
  if (isDated(precision)) {
    const startsOn = input.startsOn ?? before?.startsOn ?? undefined;
    if (!startsOn) {
      errors.push({ path: 'startsOn', message: 'is required unless precision is day_unknown_year or unknown' });
      return { values, errors };
    }
    const span = spanForPrecision(startsOn, precision);
    const endsOn =
      input.endsOn ??
      (precision === 'day' ? (before?.endsOn && !input.startsOn ? before.endsOn : startsOn) : span.endsOn);
    if (endsOn < (precision === 'day' ? startsOn : span.startsOn)) {
      errors.push({ path: 'endsOn', message: 'must not be before startsOn' });
    }
    Object.assign(values, {
      starts_on: precision === 'day' ? startsOn : span.startsOn,
      ends_on: endsOn,
      date_precision: precision,
      start_month: null,
      start_day: null,
      end_month: null,
      end_day: null,
    });
    return { values, errors };
  }

  for (const field of ['startsOn', 'endsOn'] as const) {
    if (input[field] !== undefined) {
      errors.push({ path: field, message: `must be left out when the year is unknown (precision ${precision})` });
    }
  }
  if (inferred) errors.push({ path: 'yearInferred', message: 'cannot be true when the year is unknown' });
  if (precision === 'unknown') {
    Object.assign(values, { starts_on: null, ends_on: null, date_precision: precision });
    Object.assign(values, { start_month: null, start_day: null, end_month: null, end_day: null });
    return { values, errors };
  }
  const startChanged = input.startMonth !== undefined || input.startDay !== undefined;
  const startMonth = input.startMonth ?? before?.startMonth ?? undefined;
  const startDay = input.startDay ?? before?.startDay ?? undefined;
  if (startMonth === undefined) errors.push({ path: 'startMonth', message: 'is required with day_unknown_year' });
  if (startDay === undefined) errors.push({ path: 'startDay', message: 'is required with day_unknown_year' });
  if (startMonth === undefined || startDay === undefined) return { values, errors };
  let endMonth = input.endMonth ?? (startChanged ? undefined : (before?.endMonth ?? undefined));
  const endDay = input.endDay ?? (startChanged ? undefined : (before?.endDay ?? undefined));
  if (endDay !== undefined && endMonth === undefined) endMonth = startMonth;
  if (startDay > daysIn(startMonth))
    errors.push({ path: 'startDay', message: `month ${startMonth} has no day ${startDay}` });
  if (endMonth !== undefined && endDay === undefined)
    errors.push({ path: 'endDay', message: 'is required with endMonth' });
  if (endMonth !== undefined && endDay !== undefined) {
    if (endDay > daysIn(endMonth)) errors.push({ path: 'endDay', message: `month ${endMonth} has no day ${endDay}` });
    if (endMonth * 100 + endDay < startMonth * 100 + startDay) {
      errors.push({ path: 'endDay', message: 'must not be before the start day' });
    }
  }
  Object.assign(values, {
    starts_on: null,
    ends_on: null,
    date_precision: precision,
    start_month: startMonth,
    start_day: startDay,
    end_month: endMonth ?? null,
    end_day: endDay ?? null,
  });
  return { values, errors };
}
