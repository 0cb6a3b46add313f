import { foldForSearch, identityKey, normaliseText } from './vietnamese-text';

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

/** Every letter of the Vietnamese alphabet, both cases, each vowel with each of the five tones, NFC. */
function vietnameseAlphabet(): string[] {
  const consonants = ['b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x'];
  const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
  const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  const letters = [
    ...consonants,
    ...vowels.flatMap((vowel) => tones.map((tone) => `${vowel}${tone}`.normalize('NFC'))),
  ];
  return [...letters, ...letters.map((letter) => letter.toUpperCase())];
}

describe('normaliseText for names (compatibility)', () => {
  it('keeps every Vietnamese letter as it is', () => {
    const alphabet = vietnameseAlphabet();
    expect(alphabet).toHaveLength(2 * (17 + 12 * 6));
    for (const letter of alphabet) {
      expect(normaliseText(letter, { compatibility: true })).toBe(letter);
      expect(normaliseText(letter.normalize('NFD'), { compatibility: true })).toBe(letter);
    }
    const sentence = 'Nguyễn Thị Hồng Nhung, Đặng Văn Ước, Lê Thị Ửng, Trương Ngọc Ỷ';
    expect(normaliseText(sentence, { compatibility: true })).toBe(sentence);
  });

  it('removes default-ignorable and control characters and folds full-width letters', () => {
    const hidden = 'Hoà\u00ADng\u180E Thị\u3164 \u2066Mai\u2069\u0007 \uFF2E\uFF47\uFF41';
    expect(normaliseText(hidden, { compatibility: true })).toBe('Hoàng Thị Mai Nga');
  });
});

describe('identityKey', () => {
  const plain = identityKey('Nguyễn Thị Hồng Nhung');

  it.each([
    ['Cyrillic а', 'Tr\u0430n Thị Lan', 'Trần Thị Lan'],
    ['Cyrillic о in the family name', 'Hоàng Văn An', 'Hoàng Văn An'],
    ['Greek capital Nu', '\u039Dguyễn Thị Hồng Nhung', 'Nguyễn Thị Hồng Nhung'],
    ['full-width letters', '\uFF2Eguyễn Thị Hồng \uFF2Ehung', 'Nguyễn Thị Hồng Nhung'],
    ['soft hyphen', 'Nguy\u00ADễn Thị Hồng Nhung', 'Nguyễn Thị Hồng Nhung'],
    ['Mongolian vowel separator', 'Nguyễn\u180E Thị Hồng Nhung', 'Nguyễn Thị Hồng Nhung'],
    ['Hangul filler', 'Nguyễn Thị\u3164 Hồng Nhung', 'Nguyễn Thị Hồng Nhung'],
    ['bidi isolates', '\u2066Nguyễn\u2069 Thị Hồng Nhung', 'Nguyễn Thị Hồng Nhung'],
    ['case, accents and spacing', 'nguyen  THI hong nhung', 'Nguyễn Thị Hồng Nhung'],
    ['case of m, i and l', 'hoàng thị mai LINH', 'HOÀNG THỊ MAI Linh'],
    ['Cyrillic shha', 'Nguyễn T\u04BBị Mai', 'Nguyễn Thị Mai'],
  ])('%s: same person', (_what, disguised, real) => {
    expect(identityKey(disguised)).toBe(identityKey(real));
  });

  it('still tells different names apart', () => {
    expect(plain).not.toBe(identityKey('Nguyễn Thị Hồng Nhàn'));
    expect(identityKey('Lê Văn Linh')).not.toBe(identityKey('Lê Văn Lịnh Hai'));
    expect(identityKey('Đỗ Mai')).not.toBe(identityKey('Đỗ Mại Anh'));
  });
});
