import { asVietnamInstant, vietnamDay } from './local-time';

describe('asVietnamInstant', () => {
  it('reads a date-time without an offset as Việt Nam time', () => {
    expect(new Date(asVietnamInstant('2026-04-15T08:00')).toISOString()).toBe('2026-04-15T01:00:00.000Z');
    expect(new Date(asVietnamInstant('2026-04-15T08:00:30.5')).toISOString()).toBe('2026-04-15T01:00:30.500Z');
  });

  it('keeps explicit offsets and UTC as they are', () => {
    expect(asVietnamInstant('2026-04-15T08:00:00Z')).toBe('2026-04-15T08:00:00Z');
    expect(asVietnamInstant('2026-04-15T08:00:00+09:00')).toBe('2026-04-15T08:00:00+09:00');
  });

  it('reads a date alone as the start or the end of that day in Việt Nam', () => {
    expect(new Date(asVietnamInstant('2026-03-10')).toISOString()).toBe('2026-03-09T17:00:00.000Z');
    expect(new Date(asVietnamInstant('2026-03-10', 'end')).toISOString()).toBe('2026-03-10T16:59:59.999Z');
  });

  it('leaves anything else for the validators to refuse', () => {
    expect(asVietnamInstant('15/04/2026 08:00')).toBe('15/04/2026 08:00');
  });
});

describe('vietnamDay', () => {
  it('names the calendar day in Việt Nam, which starts 7 hours before UTC', () => {
    expect(vietnamDay(new Date('2026-11-28T16:59:59Z'))).toBe('2026-11-28');
    expect(vietnamDay(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29');
  });
});
