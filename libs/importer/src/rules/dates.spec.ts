import { findDates, findNamedYear, yearFromPublished } from './dates';

describe('date expressions', () => {
  it('reads a part of day with day/month ("Chiều 8/3")', () => {
    expect(findDates('Chiều 12/4, tại thành phố Vinh, hội nghị đã diễn ra.')[0]).toMatchObject({
      text: 'Chiều 12/4',
      partOfDay: 'afternoon',
      day: 12,
      endDay: 12,
      month: 4,
      year: null,
    });
  });

  it('reads "Ngày 7-8" day first as 7 August, not a range', () => {
    expect(findDates('Ngày 5-9, tại Hội trường tỉnh, lớp bồi dưỡng khai giảng.')[0]).toMatchObject({
      day: 5,
      endDay: 5,
      month: 9,
    });
  });

  it('reads a range of days in one month ("Ngày 7-8/11")', () => {
    expect(findDates('Trong hai ngày 21-22/10, các học viên được nghe ba chuyên đề.')[0]).toMatchObject({
      day: 21,
      endDay: 22,
      month: 10,
    });
  });

  it('reads lower-case parts of day and a stated year ("sáng 9/11/2024")', () => {
    expect(findDates('Hội nghị diễn ra sáng 9/11/2024 tại Hà Nội.')[0]).toMatchObject({
      partOfDay: 'morning',
      day: 9,
      month: 11,
      year: 2024,
    });
    expect(findDates('Tối 1/6, lễ trao giải được tổ chức.')[0].partOfDay).toBe('evening');
  });

  it('reads "Sáng nay (9/11)" with the date in brackets', () => {
    expect(findDates('Sáng nay (14/8), tại Hội trường UBND tỉnh, lớp học khai giảng.')[0]).toMatchObject({
      partOfDay: 'morning',
      day: 14,
      month: 8,
    });
  });

  it('reads hyphen and word forms ("15-4-2024", "ngày 2 tháng 9 năm 2023")', () => {
    expect(findDates('Nghị quyết ban hành ngày 20-3-2024.')[0]).toMatchObject({ day: 20, month: 3, year: 2024 });
    expect(findDates('Sáng ngày 2 tháng 9 năm 2023, buổi lễ bắt đầu.')[0]).toMatchObject({
      partOfDay: 'morning',
      day: 2,
      month: 9,
      year: 2023,
    });
  });

  it('does not read document numbers, terms or impossible dates as dates', () => {
    expect(findDates('Kết luận 57-KL/TW, Quyết định 1079/QĐ-TTg, nhiệm kỳ 2023-2025, ngày 35/13')).toEqual([]);
  });

  it('finds the year in an event name ("… năm 2025")', () => {
    expect(findNamedYear('Hội nghị tập huấn công tác thông tin đối ngoại năm 2026')).toMatchObject({ year: 2026 });
    expect(findNamedYear('Hội nghị tập huấn công tác thông tin đối ngoại')).toBeNull();
  });

  it('infers the year from the published date: a later day-month than publication is last year', () => {
    expect(yearFromPublished(8, 3, '2025-03-09')).toBe(2025);
    expect(yearFromPublished(28, 12, '2025-01-03')).toBe(2024);
  });
});
