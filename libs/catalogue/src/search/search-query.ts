/**
 * The search syntax, shared by every catalogue list (sessions, people, organisations, documents)
 * and by the bench's raw baseline, so it imports nothing at run time.
 *
 * A query is cut into words: after folding (accents and đ removed, lower case) everything but
 * a–z and 0–9 separates words, exactly as search_words() cuts the indexed text, so "57-KL/TW"
 * is the three words 57, kl, tw and "TP.HCM" is tp, hcm. Repeated words count once and only the
 * first MAX_SEARCH_TERMS distinct words are used. Every word must match a whole word of the
 * document, except the last, which may also be the beginning of one (typing "tuyen qu" finds
 * Tuyên Quang) unless it is a number: numbers and years match only as whole numbers.
 */

/**
 * At most this many words of a search are used. Each word costs index look-ups and rank terms
 * per candidate row; unbounded, a 200-character query of 60-odd short words made planning alone
 * take seconds and held pool connections for as long (issue 11, item 1). Later words are ignored.
 */
export const MAX_SEARCH_TERMS = 8;

export interface SearchTerm {
  word: string;
  /** The last word, not a number: also matches words it begins. */
  prefix: boolean;
  /** Fuzzy fall-back: names within one typo of the word, matched as well (exactly). */
  alternatives: string[];
  /** Only in these weights of the document (e.g. 'A': a number only as a document number). */
  weights?: string;
}

/** The words of an already folded query (see foldForSearch), as described above. */
export function termsOfFolded(folded: string): SearchTerm[] {
  const words = [...new Set(folded.split(/[^a-z0-9]+/).filter(Boolean))].slice(0, MAX_SEARCH_TERMS);
  return words.map((word, index) => ({
    word,
    prefix: index === words.length - 1 && !/^[0-9]+$/.test(word),
    alternatives: [],
  }));
}

// Words are [a-z0-9]+ only, so quoting them cannot break out of the tsquery syntax.
const lexeme = (word: string, prefix: boolean, weight: string) =>
  `'${word}'${prefix || weight ? `:${prefix ? '*' : ''}${weight}` : ''}`;

function termQuery(term: SearchTerm, restrict = ''): string {
  const weight = restrict || term.weights || '';
  const lexemes = [lexeme(term.word, term.prefix, weight), ...term.alternatives.map((w) => lexeme(w, false, weight))];
  return lexemes.length === 1 ? lexemes[0] : `(${lexemes.join(' | ')})`;
}

/** The tsquery texts a search needs, each one SQL parameter whatever the number of words. */
export interface SearchQueryParams {
  /** Every word (AND). */
  all: string;
  /** Each word on its own: which fields matched which words. */
  words: string[];
  /** Each word restricted to weight A, to B, to C: the rank (search_score). */
  a: string[];
  b: string[];
  c: string[];
  /** The words one after another, as typed. */
  phrase: string;
}

export function searchQueryParams(terms: SearchTerm[]): SearchQueryParams {
  return {
    all: terms.map((term) => termQuery(term)).join(' & '),
    words: terms.map((term) => termQuery(term)),
    a: terms.map((term) => termQuery(term, 'A')),
    b: terms.map((term) => termQuery(term, 'B')),
    c: terms.map((term) => termQuery(term, 'C')),
    phrase: terms.map((term) => termQuery(term)).join(' <-> '),
  };
}

/** Collects positional parameters while a query is assembled. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * "`document` matches every word" as SQL over `document` (a tsvector column), and on demand its
 * rank and the per-word queries; each adds its parameters to `params` when called (a statement
 * must not carry parameters it does not use).
 */
export function fullTextMatch(
  document: string,
  terms: SearchTerm[],
  params: SqlParams,
): { where: string; score: () => string; words: () => string } {
  const query = searchQueryParams(terms);
  return {
    where: `${document} @@ ${params.add(query.all)}::tsquery`,
    score: () =>
      `search_score(${document}, ${params.add(query.a)}::tsquery[], ${params.add(query.b)}::tsquery[], ` +
      `${params.add(query.c)}::tsquery[], ${params.add(query.phrase)}::tsquery)`,
    words: () => `${params.add(query.words)}::tsquery[]`,
  };
}
