import { htmlToText, looksLikeHtml, splitParagraphs, toParagraphs } from './paragraphs';

describe('paragraphs', () => {
  it('numbers every non-blank line from 1, headline included, as the seed catalogue does', () => {
    const text = 'Tiêu đề bài viết\n\n  Sáng 3/4, hội nghị khai mạc.  \n \r\nĐoạn thứ ba.\u200B';
    expect(splitParagraphs(text)).toEqual([
      { number: 1, text: 'Tiêu đề bài viết' },
      { number: 2, text: 'Sáng 3/4, hội nghị khai mạc.' },
      { number: 3, text: 'Đoạn thứ ba.' },
    ]);
  });

  it('stores paragraphs NFC so quotes compare with the catalogue', () => {
    const decomposed = 'Hòa Bình'.normalize('NFD');
    expect(splitParagraphs(decomposed)[0].text).toBe('Hòa Bình'.normalize('NFC'));
  });

  it('reduces HTML to one line per block, dropping script, style and head text, decoding entities', () => {
    const html =
      '<html><head><title>Trang</title><script>var x = "Hội nghị tổ chức";</script></head>' +
      '<body><h1>Bồi dưỡng &amp; tập huấn</h1><div>Đoạn một<br>Đoạn hai</div>' +
      '<style>.a{}</style><p>Đoạn <b>ba</b></p><iframe>quảng cáo</iframe></body></html>';
    expect(htmlToText(html).split('\n')).toEqual(['Bồi dưỡng & tập huấn', 'Đoạn một', 'Đoạn hai', 'Đoạn ba']);
  });

  it('treats text with a known tag as HTML, and a lone "<" as text', () => {
    expect(looksLikeHtml('<p>Một đoạn</p>')).toBe(true);
    expect(looksLikeHtml('Số đại biểu < 100 người')).toBe(false);
    expect(toParagraphs('Số đại biểu < 100 người').map((p) => p.text)).toEqual(['Số đại biểu < 100 người']);
  });
});
