import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  findSameEvent,
  findSeedsFolder,
  formatScoreTable,
  proposeFromArticle,
  scoreSeeds,
  seedGazetteer,
  toImportProposalDto,
} from '@app/importer';

/**
 * Article import without a server or a database (the gazetteer is the seed catalogue and the
 * province reference):
 *
 *   npm run import -- report.txt [--published 2025-03-09] [--url https://…] [--publisher 'Báo …']
 *       prints the proposed draft session as JSON (plain text or HTML file)
 *   npm run import:score [-- --articles <folder with the seed articles>]
 *       scores the rules on the five seed articles against seeds/catalogue.json
 */
const USAGE = `Usage:
  npm run import -- <report.txt|report.html> [--published YYYY-MM-DD] [--url <url>] [--publisher <name>]
  npm run import:score [-- --articles <folder>]   (default: $IMPORT_ARTICLES_DIR, else ../shared/seeds)`;

class UsageError extends Error {}

function parse(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        score: { type: 'boolean' },
        published: { type: 'string' },
        url: { type: 'string' },
        publisher: { type: 'string' },
        articles: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    // parseArgs says which argument is wrong (unknown option, missing value).
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const options = parsed.values;
  if (options.published && !/^\d{4}-\d{2}-\d{2}$/.test(options.published)) {
    throw new UsageError('--published must be a date YYYY-MM-DD');
  }
  return { files: parsed.positionals, options };
}

function score(articles: string | undefined): number {
  const seeds = findSeedsFolder();
  const folder = articles ?? process.env.IMPORT_ARTICLES_DIR ?? path.resolve(seeds, '..', '..', 'shared', 'seeds');
  if (!existsSync(folder)) throw new UsageError(`No seed articles in ${folder}: pass --articles <folder>`);
  const report = scoreSeeds(folder, seeds);
  process.stdout.write(`${formatScoreTable(report)}\n\n`);
  for (const [key, same] of Object.entries(report.sameEvent)) {
    process.stdout.write(`${key}: ${same ? `same event as ${same} (second source)` : 'new session'}\n`);
  }
  const weakest = Math.min(...report.fields.map((f) => f.f1));
  const pass = report.micro.f1 >= 0.9 && weakest >= 0.75 && report.sameEvent['001'] === '000';
  process.stdout.write(
    `\nmicro-F1 ${report.micro.f1.toFixed(3)}, lowest field F1 ${weakest.toFixed(3)}: ${pass ? 'targets met' : 'targets NOT met'}\n`,
  );
  return pass ? 0 : 1;
}

function importFile(file: string, options: { published?: string; url?: string; publisher?: string }): number {
  const text = readFileSync(file, 'utf8');
  const gazetteer = seedGazetteer(undefined, { withSessions: true });
  const proposal = proposeFromArticle(
    { text, publishedOn: options.published ?? null, url: options.url ?? null, publisher: options.publisher ?? null },
    gazetteer,
  );
  proposal.sameEventAs = findSameEvent(proposal, gazetteer.data.sessions, gazetteer);
  process.stdout.write(`${JSON.stringify(toImportProposalDto(proposal), null, 2)}\n`);
  return 0;
}

function main(args: string[]): number {
  try {
    const { files, options } = parse(args);
    if (options.score) return score(options.articles);
    if (files.length !== 1) throw new UsageError('Give one report file');
    return importFile(files[0], options);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
