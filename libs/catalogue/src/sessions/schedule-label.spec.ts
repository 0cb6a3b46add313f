import { KnownSchedule, scheduleLabel } from './schedule-label';

const base: KnownSchedule = {
  starts_on: null,
  ends_on: null,
  date_precision: 'day',
  start_month: null,
  start_day: null,
  end_month: null,
  end_day: null,
  year_inferred: false,
  reported_by: null,
};

describe('scheduleLabel', () => {
  it('says when the year is unknown, for a day and for a range', () => {
    expect(scheduleLabel({ ...base, date_precision: 'day_unknown_year', start_month: 11, start_day: 9 })).toBe(
      '9/11, năm không rõ',
    );
    expect(
      scheduleLabel({
        ...base,
        date_precision: 'day_unknown_year',
        start_month: 10,
        start_day: 11,
        end_month: 10,
        end_day: 13,
      }),
    ).toBe('11–13/10, năm không rõ');
  });

  it('says "recently" with the date of the report, and flags an inferred year', () => {
    expect(scheduleLabel({ ...base, date_precision: 'unknown', reported_by: '2019-11-12' })).toBe(
      'gần đây (trước 12/11/2019)',
    );
    expect(scheduleLabel({ ...base, starts_on: '2021-11-09', ends_on: '2021-11-09', year_inferred: true })).toBe(
      '9/11/2021 (năm suy luận)',
    );
  });

  it('writes known dates day first', () => {
    expect(scheduleLabel({ ...base, starts_on: '2023-10-11', ends_on: '2023-10-13' })).toBe('11–13/10/2023');
    expect(scheduleLabel({ ...base, starts_on: '2024-01-01', ends_on: '2024-12-31', date_precision: 'year' })).toBe(
      'năm 2024',
    );
  });
});
