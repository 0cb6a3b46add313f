import type { EntityManager } from 'typeorm';
import { SearchTerm } from './search-query';

/**
 * The fuzzy fall-back: for a search that found nothing, each word of three letters or more
 * (not a number) also matches the (at most 3) most similar words of people's and provinces'
 * names (pg_trgm similarity ≥ pg_trgm.similarity_threshold, 0.3 by default; trigram index on
 * search_name_word), so one typo in a name ("Nguyen Van Hieuu", "Tuyen Quagn") still finds it.
 * Undefined when no word has a near name: retrying would find nothing either.
 */
export async function withNameCorrections(
  manager: EntityManager,
  terms: SearchTerm[],
): Promise<SearchTerm[] | undefined> {
  const candidates = terms.filter((term) => term.word.length >= 3 && !/^[0-9]+$/.test(term.word));
  if (candidates.length === 0) return undefined;
  const rows: { word: string; alternatives: string[] }[] = await manager.query(
    `SELECT q.word, ARRAY(SELECT n.word FROM search_name_word n WHERE n.word % q.word AND n.word <> q.word
                          ORDER BY similarity(n.word, q.word) DESC, n.word LIMIT 3) AS alternatives
       FROM unnest($1::text[]) q(word)`,
    [candidates.map((term) => term.word)],
  );
  const found = new Map(rows.filter((row) => row.alternatives.length > 0).map((row) => [row.word, row.alternatives]));
  if (found.size === 0) return undefined;
  return terms.map((term) => ({ ...term, alternatives: found.get(term.word) ?? [] }));
}
