import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant, formatSchedule } from './format';

describe('dates as a person reads them', () => {
  it('keeps the precision of the sources', () => {
    const base = { timeZone: 'Asia/Ho_Chi_Minh', partOfDay: null } as const;
    expect(formatSchedule({ ...base, startsOn: '2024-01-01', endsOn: '2024-12-31', precision: 'year' })).toBe(
      'năm 2024',
    );
    expect(formatSchedule({ ...base, startsOn: '2025-03-01', endsOn: '2025-03-31', precision: 'month' })).toBe(
      'tháng 03/2025',
    );
    expect(
      formatSchedule({
        ...base,
        startsOn: '2025-03-08',
        endsOn: '2025-03-08',
        precision: 'day',
        partOfDay: 'afternoon',
      }),
    ).toBe('chiều 08/03/2025');
    expect(formatSchedule({ ...base, startsOn: '2023-11-20', endsOn: '2023-11-21', precision: 'day' })).toBe(
      '20/11/2023 – 21/11/2023',
    );
  });

  it('writes dd/MM/yyyy and instants in Vietnam time', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
    // 01:05 UTC is 08:05 in Hà Nội whatever the machine's zone.
    expect(formatInstant('2025-03-08T01:05:00Z')).toBe('08:05 08/03/2025');
  });
});
