import { formatIsoDateTime, wallClock } from './columns';

/** The wall clock as ICU formats it, one call per instant (what wallClock did before its cache). */
function icuWallClock(date: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  for (const part of formatter.formatToParts(date)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

describe('wallClock', () => {
  it('shows Việt Nam time (UTC+7)', () => {
    expect(formatIsoDateTime(new Date('2025-03-08T06:35:59Z'))).toBe('2025-03-08 13:35');
    expect(formatIsoDateTime(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01 00:00');
  });

  it.each([
    // Summer time starts and ends (an hour skipped, an hour repeated), a half-hour zone, and
    // Việt Nam's own history (UTC+8 until 1975, local mean time before 1906).
    ['Europe/Berlin', '2025-03-30T00:00:00Z', '2025-03-30T03:00:00Z'],
    ['Europe/Berlin', '2025-10-26T00:00:00Z', '2025-10-26T03:00:00Z'],
    ['Australia/Lord_Howe', '2025-04-05T14:00:00Z', '2025-04-05T16:00:00Z'],
    ['Asia/Ho_Chi_Minh', '1975-06-12T15:00:00Z', '1975-06-12T18:00:00Z'],
    ['Asia/Ho_Chi_Minh', '1906-06-30T15:00:00Z', '1906-06-30T18:00:00Z'],
  ])('is ICU’s answer at every minute around offset changes (%s, %s)', (zone, from, to) => {
    for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 59_000) {
      const date = new Date(ms);
      expect(wallClock(date, zone)).toEqual(icuWallClock(date, zone));
    }
  });
});
