import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanQuote, splitIntoParagraphs } from '../citations/paragraphs';
import { readSeedFiles } from './catalogue.seeder';
import { SeedCitation } from './seed-data';

// The articles are not kept in the repository (facts and quotes are); the check runs where they are:
// IMPORT_ARTICLES_DIR, else ../shared/seeds beside the repository, as the importer's score does.
const repository = path.resolve(__dirname, '..', '..', '..', '..');
const articles = process.env.IMPORT_ARTICLES_DIR ?? path.resolve(repository, '..', 'shared', 'seeds');
const withArticles = existsSync(path.join(articles, '000_0dc53bf694120830.txt')) ? describe : describe.skip;

/** Every citation anywhere in the seed, with where it sits (for the failure message). */
function citationsIn(value: unknown, at: string, found: { at: string; cite: SeedCitation }[] = []) {
  if (Array.isArray(value)) value.forEach((item, index) => citationsIn(item, `${at}[${index}]`, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.source === 'string' && typeof record.paragraph === 'number') {
      found.push({ at, cite: record as unknown as SeedCitation });
    } else for (const [key, child] of Object.entries(record)) citationsIn(child, `${at}.${key}`, found);
  }
  return found;
}

withArticles('seed citations against the articles (paragraphs numbered by the rule in seeds/README.md)', () => {
  // Read in the tests, not while collecting them: a skipped describe still runs its body.
  const { catalogue } = readSeedFiles(path.join(repository, 'seeds'));
  const article = (file: string) => readFileSync(path.join(articles, file), 'utf8');

  it('finds every quote in its paragraph', () => {
    const paragraphs = new Map(
      catalogue.sources.map((source) => [source.key, splitIntoParagraphs(article(source.file!))]),
    );
    const citations = citationsIn(catalogue, 'catalogue');
    expect(citations.length).toBeGreaterThan(100);
    const misses = citations
      .filter(({ cite }) => {
        const paragraph = paragraphs.get(cite.source)?.[cite.paragraph - 1];
        return paragraph === undefined || !cite.quote || !paragraph.includes(cleanQuote(cite.quote));
      })
      .map(({ at, cite }) => `${at}: ${cite.source} ¶${cite.paragraph} "${cite.quote}"`);
    expect(misses).toEqual([]);
  });

  it('counts a line of only no-break spaces as blank, as the seed does', () => {
    const texts = catalogue.sources.map((source) => article(source.file!));
    const nbspOnly = texts
      .flatMap((text) => text.split('\n'))
      .filter((line) => /^[\u00a0\s]+$/.test(line) && line.includes('\u00a0'));
    // The articles do have such lines; numbering them would shift every later citation.
    expect(nbspOnly.length).toBeGreaterThan(0);
  });
});
