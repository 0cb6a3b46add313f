import { describe, expect, it } from 'vitest';
import { fileNameFrom } from './download';

describe("the server's file name of a download", () => {
  it('prefers the UTF-8 name (diacritics intact) over the ASCII fallback', () => {
    const header =
      `attachment; filename="Danh sach diem danh - Hoa Binh.csv"; ` +
      `filename*=UTF-8''Danh%20s%C3%A1ch%20%C4%91i%E1%BB%83m%20danh%20-%20H%C3%B2a%20B%C3%ACnh.csv`;
    expect(fileNameFrom(header, 'x')).toBe('Danh sách điểm danh - Hòa Bình.csv');
  });

  it('falls back to the quoted name, then to the caller’s name', () => {
    expect(fileNameFrom('attachment; filename="Danh sach.pdf"', 'x')).toBe('Danh sach.pdf');
    expect(fileNameFrom('attachment; filename*=UTF-8\'\'%E0%A4%A; filename="ok.csv"', 'x')).toBe('ok.csv');
    expect(fileNameFrom(null, 'tep.csv')).toBe('tep.csv');
  });
});
