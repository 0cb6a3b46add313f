import { MAX_SEARCH_TERMS, searchQueryParams, termsOfFolded } from './search-query';
import { searchTerms } from './search-terms';

describe('search syntax', () => {
  it('folds accents and cuts words at everything but a–z and 0–9', () => {
    expect(searchTerms('Kết luận 57-KL/TW').map((t) => t.word)).toEqual(['ket', 'luan', '57', 'kl', 'tw']);
    expect(searchTerms('TP.HCM').map((t) => t.word)).toEqual(['tp', 'hcm']);
    expect(searchTerms('Bộ TT&TT').map((t) => t.word)).toEqual(['bo', 'tt']);
    expect(searchTerms('Đà Nẵng'.normalize('NFD')).map((t) => t.word)).toEqual(['da', 'nang']);
    expect(searchTerms('.*')).toEqual([]);
    expect(searchTerms(undefined)).toEqual([]);
  });

  it('makes only the last word a prefix, and never a number', () => {
    expect(searchTerms('tuyen qu').map((t) => t.prefix)).toEqual([false, true]);
    expect(searchTerms('hoa binh 2024').map((t) => t.prefix)).toEqual([false, false, false]);
  });

  it('counts repeats once and keeps the first eight distinct words', () => {
    const words = termsOfFolded('a a b c d e f g h i j').map((t) => t.word);
    expect(words).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(words).toHaveLength(MAX_SEARCH_TERMS);
  });

  it('builds tsquery texts from quoted words only, with weights, near names and a phrase', () => {
    const terms = termsOfFolded('nguyen hieuu');
    terms[1] = { ...terms[1], prefix: false, alternatives: ['hieu'] };
    expect(searchQueryParams(terms)).toEqual({
      all: `'nguyen' & ('hieuu' | 'hieu')`,
      words: [`'nguyen'`, `('hieuu' | 'hieu')`],
      a: [`'nguyen':A`, `('hieuu':A | 'hieu':A)`],
      b: [`'nguyen':B`, `('hieuu':B | 'hieu':B)`],
      c: [`'nguyen':C`, `('hieuu':C | 'hieu':C)`],
      phrase: `'nguyen' <-> ('hieuu' | 'hieu')`,
    });
    expect(searchQueryParams(termsOfFolded('kl 5')).all).toBe(`'kl' & '5'`);
    expect(searchQueryParams(termsOfFolded('tuyen qu')).all).toBe(`'tuyen' & 'qu':*`);
    // Nothing of the input but a–z and 0–9 reaches the query text.
    expect(searchQueryParams(searchTerms(`x'); DROP TABLE person; --`)).all).toBe(
      `'x' & 'drop' & 'table' & 'person':*`,
    );
  });
});
