import { describe, expect, it } from 'vitest';
import { highlight, quoteFound } from './highlight';

const marked = (text: string, marks: { key: string; quote: string }[]) =>
  highlight(text, marks).map((s) => (s.keys.length ? `[${s.text}|${s.keys.join(',')}]` : s.text));

describe('highlight', () => {
  const paragraph = 'Sáng 9/11, tại Hội trường tỉnh, Ban Tuyên giáo Tỉnh ủy tổ chức Hội nghị tập huấn.';

  it('marks a quote where it occurs and leaves the rest plain', () => {
    expect(marked(paragraph, [{ key: 'date', quote: 'Sáng 9/11' }])).toEqual([
      '[Sáng 9/11|date]',
      ', tại Hội trường tỉnh, Ban Tuyên giáo Tỉnh ủy tổ chức Hội nghị tập huấn.',
    ]);
  });

  it('gives overlapping quotes a run carrying both fields', () => {
    expect(
      marked(paragraph, [
        { key: 'venue', quote: 'tại Hội trường tỉnh' },
        { key: 'organisers/0', quote: 'Hội trường tỉnh, Ban Tuyên giáo Tỉnh ủy' },
      ]),
    ).toEqual([
      'Sáng 9/11, ',
      '[tại |venue]',
      '[Hội trường tỉnh|organisers/0,venue]',
      '[, Ban Tuyên giáo Tỉnh ủy|organisers/0]',
      ' tổ chức Hội nghị tập huấn.',
    ]);
  });

  it('marks a quote inside another one, and two fields citing the same words once with both keys', () => {
    expect(
      marked('Hội nghị tập huấn năm 2026', [
        { key: 'title', quote: 'Hội nghị tập huấn năm 2026' },
        { key: 'kind', quote: 'Hội nghị tập huấn năm 2026' },
        { key: 'date', quote: 'năm 2026' },
      ]),
    ).toEqual(['[Hội nghị tập huấn |kind,title]', '[năm 2026|date,kind,title]']);
  });

  it('marks every occurrence of a quote found twice in its paragraph', () => {
    expect(
      marked('hơn 50 đại biểu dự, hơn 50 đại biểu trực tuyến', [{ key: 'counts/0', quote: 'hơn 50 đại biểu' }]),
    ).toEqual(['[hơn 50 đại biểu|counts/0]', ' dự, ', '[hơn 50 đại biểu|counts/0]', ' trực tuyến']);
  });

  it('finds an NFC quote in a decomposed (NFD) paragraph, and the reverse', () => {
    const decomposed = 'Tại Hà Nội, Sở Ngoại vụ chủ trì.'.normalize('NFD');
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    expect(marked(decomposed, [{ key: 'venue', quote: 'Hà Nội' }])).toEqual([
      'Tại ',
      '[Hà Nội|venue]',
      ', Sở Ngoại vụ chủ trì.',
    ]);
    expect(marked('Tại Hà Nội.', [{ key: 'venue', quote: 'Hà Nội'.normalize('NFD') }])).toEqual([
      'Tại ',
      '[Hà Nội|venue]',
      '.',
    ]);
  });

  it('does not split a letter from its combining mark', () => {
    // x with a combining acute has no precomposed form: NFC keeps the mark apart.
    const text = 'Mã x\u0301y';
    expect(quoteFound(text, 'Mã x')).toBe(false);
    expect(quoteFound(text, 'x\u0301y')).toBe(true);
    expect(quoteFound(text, '\u0301y')).toBe(false);
  });

  it('leaves a paragraph plain when a quote is not in it or is blank', () => {
    expect(
      marked(paragraph, [
        { key: 'venue', quote: 'Hà Nội' },
        { key: 'x', quote: '  ' },
      ]),
    ).toEqual([paragraph]);
    expect(highlight('', [{ key: 'title', quote: 'a' }])).toEqual([{ text: '', keys: [] }]);
  });
});
