import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant, formatSchedule } from './format';

describe('dates as a person reads them', () => {
  it('says when the year is unknown or inferred, never inventing one', () => {
    const unknownYear = {
      timeZone: 'Asia/Ho_Chi_Minh',
      partOfDay: 'morning',
      startsOn: null,
      endsOn: null,
      precision: 'day_unknown_year',
      startMonth: 11,
      startDay: 9,
      endMonth: null,
      endDay: null,
      yearInferred: false,
      inference: null,
      asReported: 'sáng 9/11',
      reportedBy: '2021-11-12',
      label: '9/11, năm không rõ',
    } as const;
    expect(formatSchedule(unknownYear)).toBe('sáng 9/11, năm không rõ');
    expect(
      formatSchedule({ ...unknownYear, precision: 'unknown', partOfDay: null, label: 'gần đây (trước 12/11/2021)' }),
    ).toBe('gần đây (trước 12/11/2021)');
    expect(
      formatSchedule({
        ...unknownYear,
        startsOn: '2019-11-09',
        endsOn: '2019-11-09',
        precision: 'day',
        yearInferred: true,
      }),
    ).toBe('sáng 09/11/2019 (năm suy luận)');
  });

  it('keeps the precision of the sources', () => {
    const base = {
      timeZone: 'Asia/Ho_Chi_Minh',
      partOfDay: null,
      startMonth: null,
      startDay: null,
      endMonth: null,
      endDay: null,
      yearInferred: false,
      inference: null,
      asReported: null,
      reportedBy: null,
      label: '',
    } as const;
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
