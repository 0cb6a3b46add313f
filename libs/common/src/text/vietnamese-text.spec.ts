import { foldForSearch, normaliseText } from './vietnamese-text';

describe('normaliseText', () => {
  it('composes NFD input into NFC', () => {
    const decomposed = 'Hòa Bình'.normalize('NFD');
    expect(decomposed).not.toBe('Hòa Bình'.normalize('NFC'));
    expect(normaliseText(decomposed)).toBe('Hòa Bình'.normalize('NFC'));
  });

  it('removes zero-width characters and collapses whitespace', () => {
    expect(normaliseText('  Đà\u200B  Nẵng\uFEFF ')).toBe('Đà Nẵng');
  });
});

describe('foldForSearch', () => {
  it('strips diacritics and maps đ to d', () => {
    expect(foldForSearch('Đà Nẵng')).toBe('da nang');
    expect(foldForSearch('Lê Hải Bình')).toBe('le hai binh');
    expect(foldForSearch('Nguyễn Văn Kỷ')).toBe('nguyen van ky');
  });
});
