import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { proposeFromArticle } from '../extract';
import { Gazetteer, GazSession } from '../gazetteer/gazetteer';
import {
  findSeedsFolder,
  readSeedCatalogue,
  seedGazetteer,
  SeedCatalogueFile,
  SeedCitationFile,
  SeedSessionFile,
} from '../gazetteer/seed-gazetteer';
import { findSameEvent, proposalAsSession } from '../matching';
import { ImportProposal } from '../proposal';
import { foldName, similarity } from '../text/fold';

export const SCORED_FIELDS = [
  'date',
  'partOfDay',
  'venue',
  'hostProvince',
  'organisers',
  'presenters',
  'items',
  'documents',
  'counts',
  'invited',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface FieldScore {
  field: ScoredField;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ScoreReport {
  fields: FieldScore[];
  micro: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  /** For each article, the earlier proposal it was matched to as the same event (if any). */
  sameEvent: Record<string, string | null>;
  perArticle: Record<
    string,
    Record<ScoredField, { tp: number; fp: number; fn: number; missed: string[]; extra: string[] }>
  >;
}

interface ItemValue {
  title: string;
  presenters: string[];
}

const fromArticle = (cites: SeedCitationFile[], key: string) => cites.some((c) => c.source === key);

/**
 * The facts the catalogue draws from one article, as comparable strings: only facts with a
 * citation in that article count (a fact another article gave cannot be found in this one).
 */
export function goldFor(
  session: SeedSessionFile,
  key: string,
  catalogue: SeedCatalogueFile,
): Record<ScoredField, string[]> {
  const gold: Record<ScoredField, string[]> = {
    date: [],
    partOfDay: [],
    venue: [],
    hostProvince: [],
    organisers: [],
    presenters: [],
    items: [],
    documents: [],
    counts: [],
    invited: [],
  };
  const s = session.schedule;
  if (fromArticle(s.cite, key)) {
    gold.date.push(`${s.start}|${s.end}|${s.precision}`);
    if (s.partOfDay) gold.partOfDay.push(s.partOfDay);
  }
  const venueCites = session.venue.cite.filter((c) => c.source === key);
  if (session.venue.name && venueCites.some((c) => foldName(c.quote ?? '').includes(foldName(session.venue.name!))))
    gold.venue.push(session.venue.name);
  if (session.venue.hostProvinceName && venueCites.length) gold.hostProvince.push(session.venue.hostProvinceName);
  for (const o of session.organisers)
    if (fromArticle(o.cite, key)) gold.organisers.push(`${o.organisationKey}|${o.role}`);
  const presenters = new Set<string>();
  for (const item of session.agenda) {
    if (!fromArticle(item.cite, key)) continue;
    const ids = item.presenters.map((p) => p.personKey ?? p.organisationKey ?? '');
    ids.forEach((id) => presenters.add(id));
    gold.items.push(JSON.stringify({ title: item.title, presenters: ids.sort() } satisfies ItemValue));
  }
  gold.presenters.push(...presenters);
  for (const doc of catalogue.documents) {
    const cites = (doc as { cite?: SeedCitationFile[] }).cite ?? [];
    if (fromArticle(cites, key)) gold.documents.push(doc.key);
  }
  for (const claim of session.claims) {
    if (fromArticle(claim.cite, key) && /_count$/.test(claim.field) && claim.field !== 'edition_number')
      gold.counts.push(`${claim.field}=${claim.value}`);
  }
  if (fromArticle(session.invitationCite, key)) {
    if (session.invitationScope === 'nationwide') gold.invited.push('nationwide');
    for (const region of session.invitedRegions) gold.invited.push(`region:${region}`);
  }
  return gold;
}

/** The same facts read from a proposal. */
export function predicted(p: ImportProposal, gazetteer: Gazetteer): Record<ScoredField, string[]> {
  const out: Record<ScoredField, string[]> = {
    date: [],
    partOfDay: [],
    venue: [],
    hostProvince: [],
    organisers: [],
    presenters: [],
    items: [],
    documents: [],
    counts: [],
    invited: [],
  };
  if (p.date) out.date.push(`${p.date.value.start}|${p.date.value.end}|${p.date.value.precision}`);
  if (p.partOfDay) out.partOfDay.push(p.partOfDay.value);
  if (p.venue) out.venue.push(p.venue.value);
  if (p.hostProvince) out.hostProvince.push(p.hostProvince.value.name);
  for (const o of p.organisers)
    out.organisers.push(`${o.value.organisation.key ?? o.value.organisation.name}|${o.value.role}`);
  const id = (x: {
    person?: { person: { key: string | null; name: string } };
    organisation?: { key: string | null; name: string };
  }) =>
    x.person ? (x.person.person.key ?? x.person.person.name) : (x.organisation?.key ?? x.organisation?.name ?? '');
  for (const presenter of p.presenters) out.presenters.push(id(presenter.value));
  for (const item of p.items)
    out.items.push(
      JSON.stringify({ title: item.value.title, presenters: item.value.presenters.map(id).sort() } satisfies ItemValue),
    );
  for (const d of p.documents) out.documents.push(d.value.document.key ?? d.value.document.name);
  for (const c of p.counts) out.counts.push(`${c.value.field}=${c.value.value}`);
  if (p.invitation) {
    if (p.invitation.value.scope === 'nationwide') out.invited.push('nationwide');
    for (const r of p.invitation.value.regions) out.invited.push(`region:${r.name}`);
    for (const pr of p.invitation.value.provinces) out.invited.push(`province:${pr.name}`);
  }
  void gazetteer;
  return out;
}

/** Whether a proposed value matches a gold value of a field. */
function matches(field: ScoredField, mine: string, gold: string): boolean {
  if (field === 'venue') return foldName(mine) === foldName(gold) || similarity(mine, gold) >= 0.8;
  if (field === 'hostProvince') return foldName(mine) === foldName(gold);
  if (field === 'items') {
    const a = JSON.parse(mine) as ItemValue;
    const b = JSON.parse(gold) as ItemValue;
    const sim = similarity(a.title, b.title);
    const samePresenters = a.presenters.length > 0 && a.presenters.join('|') === b.presenters.join('|');
    return sim >= 0.5 || (samePresenters && sim >= 0.25);
  }
  return mine === gold;
}

/** Greedy one-to-one matching, best pairs first. */
function count(field: ScoredField, mine: string[], gold: string[]) {
  const used = new Set<number>();
  const missed: string[] = [];
  let tp = 0;
  const extra = [...mine];
  for (const g of gold) {
    const at = extra.findIndex((m, i) => !used.has(i) && matches(field, m, g));
    if (at >= 0) {
      used.add(at);
      tp++;
    } else missed.push(g);
  }
  return { tp, fp: mine.length - tp, fn: gold.length - tp, missed, extra: extra.filter((_, i) => !used.has(i)) };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** The session an article is the report of: the one citing it most. */
function mainSession(catalogue: SeedCatalogueFile, key: string): SeedSessionFile {
  const citesOf = (s: SeedSessionFile) => JSON.stringify(s).split(`"source":"${key}"`).length - 1;
  return catalogue.sessions.filter((s) => s.sourceKeys.includes(key)).sort((a, b) => citesOf(b) - citesOf(a))[0];
}

/** Scores the importer on the seed articles against the facts in seeds/catalogue.json. */
export function scoreSeeds(articles: string, seeds = findSeedsFolder()): ScoreReport {
  const catalogue = readSeedCatalogue(seeds);
  // Matching is against the catalogue's people, bodies and documents, not its sessions: each
  // proposal is matched only to the proposals made before it (000 then 001 must become one).
  const gazetteer = seedGazetteer(seeds);
  const totals = new Map<ScoredField, { tp: number; fp: number; fn: number }>(
    SCORED_FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }]),
  );
  const report: ScoreReport = {
    fields: [],
    micro: { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 },
    sameEvent: {},
    perArticle: {},
  };
  const earlier: GazSession[] = [];
  for (const source of catalogue.sources) {
    const file = source.file ? path.join(articles, source.file) : null;
    if (!file) continue;
    const text = readFileSync(file, 'utf8');
    const proposal = proposeFromArticle(
      { text, publishedOn: source.publishedOn, publisher: source.publisher, url: source.url },
      gazetteer,
    );
    const match = findSameEvent(proposal, earlier, gazetteer);
    report.sameEvent[source.key] = match?.session.key ?? null;
    const asSession = proposalAsSession(source.key, proposal);
    if (asSession && !match) earlier.push(asSession);
    const gold = goldFor(mainSession(catalogue, source.key), source.key, catalogue);
    const mine = predicted(proposal, gazetteer);
    report.perArticle[source.key] = {} as ScoreReport['perArticle'][string];
    for (const field of SCORED_FIELDS) {
      const c = count(field, mine[field], gold[field]);
      report.perArticle[source.key][field] = c;
      const t = totals.get(field)!;
      t.tp += c.tp;
      t.fp += c.fp;
      t.fn += c.fn;
    }
  }
  for (const field of SCORED_FIELDS) {
    const t = totals.get(field)!;
    const precision = ratio(t.tp, t.tp + t.fp);
    const recall = ratio(t.tp, t.tp + t.fn);
    report.fields.push({ field, ...t, precision, recall, f1: f1(precision, recall) });
    report.micro.tp += t.tp;
    report.micro.fp += t.fp;
    report.micro.fn += t.fn;
  }
  report.micro.precision = ratio(report.micro.tp, report.micro.tp + report.micro.fp);
  report.micro.recall = ratio(report.micro.tp, report.micro.tp + report.micro.fn);
  report.micro.f1 = f1(report.micro.precision, report.micro.recall);
  return report;
}

export function formatScoreTable(report: ScoreReport): string {
  const pct = (x: number) => x.toFixed(2);
  const lines = ['| field | TP | FP | FN | precision | recall | F1 |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const f of report.fields)
    lines.push(`| ${f.field} | ${f.tp} | ${f.fp} | ${f.fn} | ${pct(f.precision)} | ${pct(f.recall)} | ${pct(f.f1)} |`);
  const m = report.micro;
  lines.push(`| **micro** | ${m.tp} | ${m.fp} | ${m.fn} | ${pct(m.precision)} | ${pct(m.recall)} | **${pct(m.f1)}** |`);
  return lines.join('\n');
}
