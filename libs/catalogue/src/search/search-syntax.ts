import { MAX_SEARCH_TERMS } from './search-query';

/** The search syntax as implemented (search-query.ts, search_words() in the database), for OpenAPI. */
export const SEARCH_SYNTAX = [
  'Search, at most 200 characters. Letters are compared without accents or case ("da nang" = "Đà Nẵng",',
  '"đ" = "d"). Everything but letters and digits separates words, so "57-KL/TW" is the words 57, KL, TW and',
  `"TP.HCM" is TP, HCM. Repeated words count once; only the first ${MAX_SEARCH_TERMS} distinct words are used.`,
  'Every word must match (AND), each as a whole word; the last word may also be the beginning of a word',
  '("tuyen qu" finds Tuyên Quang), unless it is a number: numbers and years match only whole ("5" does not',
  'find 57). There are no operators: quotes, "-", "OR" are ordinary characters or words. Abbreviations',
  'match through aliases kept as data (TTXVN, TP HCM, Sài Gòn, Bộ TT&TT, Ban TG TW, BCĐ TTĐN; document',
  'numbers also as KL57, 57KL, "KL 57", "kết luận 57"). A query without any letter or digit finds nothing.',
].join(' ');

/** The extra rules of the session search. */
export const SESSION_SEARCH_SYNTAX = [
  SEARCH_SYNTAX,
  'Sessions: the words may hit different fields — title, kind, date ("tháng 3", "2024", "8/3/2025"), venue,',
  "host and invited provinces under both eras' names (a 2025 unit and the units merged into it), regions,",
  'organisers (every name, short name, alias), agenda titles and summaries, presenters (name, rank, academic',
  'title, posts), guiding documents, reported delegations, bridge points. Hits rank by where each word hits',
  'best (title and document numbers, then organisers/presenters/provinces/dates/venue, then agenda, regions,',
  'delegations, then summaries), then by the chosen sort (date, newest first). When nothing matches, each',
  "word of 3+ letters is retried together with the most similar words of people's and provinces' names",
  '(one typo; `search.fuzzy` says so). Each item then tells in `highlights` which fields matched.',
].join(' ');
