import { cleanQuote, splitIntoParagraphs } from './paragraphs';

describe('splitIntoParagraphs', () => {
  it('numbers every non-blank line; a line of only no-break spaces is blank', () => {
    const text = 'Tiêu đề\n\n\u00a0\nChiều 8/3, tại Hà Nội\r\n \u00a0 \nĐoạn  thứ\u00a0ba ';
    expect(splitIntoParagraphs(text)).toEqual(['Tiêu đề', 'Chiều 8/3, tại Hà Nội', 'Đoạn thứ ba']);
  });

  it('stores paragraphs NFC without invisible characters', () => {
    const decomposed = 'Ha\u0300 No\u0302\u0323i\u200b'.normalize('NFD');
    expect(splitIntoParagraphs(decomposed)).toEqual(['Hà Nội']);
    expect(cleanQuote(' Hà\u00a0 Nội ')).toBe('Hà Nội');
  });
});
