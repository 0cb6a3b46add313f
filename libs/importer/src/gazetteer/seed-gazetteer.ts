import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Gazetteer, GazetteerData, MERGER_DATE } from './gazetteer';

/** The subset of seeds/catalogue.json the importer reads. */
export interface SeedCatalogueFile {
  sources: { key: string; file?: string; publishedOn: string | null; publisher: string | null; url: string | null }[];
  organisations: {
    key: string;
    provinceName: string | null;
    names: { name: string; validFrom: string | null; validTo: string | null }[];
    aliases?: string[];
  }[];
  people: { key: string; fullName: string }[];
  documents: { key: string; number: string | null; kind: string; title: string }[];
  sessions: SeedSessionFile[];
}
export interface SeedCitationFile {
  source: string;
  paragraph: number;
  quote?: string;
}
export interface SeedSessionFile {
  key: string;
  title: string;
  kind: string;
  schedule: { start: string; end: string; precision: string; partOfDay: string | null; cite: SeedCitationFile[] };
  venue: { name: string | null; hostProvinceName: string | null; cite: SeedCitationFile[] };
  invitationScope: string | null;
  invitedRegions: string[];
  invitedProvinceNames: string[];
  invitationCite: SeedCitationFile[];
  organisers: { organisationKey: string; role: string; cite: SeedCitationFile[] }[];
  claims: { field: string; value: number; cite: SeedCitationFile[] }[];
  agenda: {
    kind: string;
    title: string;
    presenters: { personKey?: string; organisationKey?: string }[];
    documentKeys: string[];
    cite: SeedCitationFile[];
  }[];
  sourceKeys: string[];
  cite: SeedCitationFile[];
}

export function findSeedsFolder(start = __dirname): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'seeds', 'catalogue.json'))) return path.join(dir, 'seeds');
  }
  throw new Error('seeds/catalogue.json not found above ' + start);
}

export function readSeedCatalogue(folder = findSeedsFolder()): SeedCatalogueFile {
  return JSON.parse(readFileSync(path.join(folder, 'catalogue.json'), 'utf8')) as SeedCatalogueFile;
}

/**
 * The gazetteer from the seed files (for the CLI and the scorer, which run without a database):
 * ids are the catalogue keys; provinces of both eras from the reference TSV.
 */
export function seedGazetteer(folder = findSeedsFolder(), options: { withSessions?: boolean } = {}): Gazetteer {
  const catalogue = readSeedCatalogue(folder);
  const rows = readFileSync(path.join(folder, 'provinces-2008-2025.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t').map((cell) => cell.normalize('NFC').trim()));
  const data: GazetteerData = {
    organisations: catalogue.organisations.map((org) => ({
      id: org.key,
      key: org.key,
      provinceName: org.provinceName,
      names: [
        ...org.names.map((n) => ({ name: n.name, validFrom: n.validFrom, validTo: n.validTo, alias: false })),
        ...(org.aliases ?? []).map((name) => ({ name, validFrom: null, validTo: null, alias: true })),
      ],
    })),
    people: catalogue.people.map((p) => ({ id: p.key, key: p.key, fullName: p.fullName })),
    documents: catalogue.documents.map((d) => ({
      id: d.key,
      key: d.key,
      number: d.number,
      kind: d.kind,
      title: d.title,
    })),
    provinces: [],
    regions: [...new Set(rows.map((r) => r[3]))].map((name) => ({ id: name, name })),
    sessions: [],
  };
  const successors = new Set(rows.map((r) => r[4]));
  for (const [, name, , region, successor] of rows) {
    const unchanged = successor === name && rows.filter((r) => r[4] === successor).length === 1;
    data.provinces.push({
      id: unchanged ? name : `${name}@2008`,
      name,
      region,
      validFrom: null,
      validTo: unchanged ? null : name === 'Thừa Thiên Huế' ? '2024-12-31' : '2025-06-30',
      successorName: unchanged ? null : successor,
    });
  }
  for (const successor of successors) {
    if (data.provinces.some((p) => p.id === successor)) continue;
    const region = rows.find((r) => r[1] === successor)?.[3] ?? rows.find((r) => r[4] === successor)![3];
    data.provinces.push({
      id: `${successor}@2025`,
      name: successor,
      region,
      validFrom: successor === 'Huế' ? '2025-01-01' : MERGER_DATE,
      validTo: null,
      successorName: null,
    });
  }
  if (options.withSessions) {
    data.sessions = catalogue.sessions.map((s) => ({
      id: s.key,
      key: s.key,
      title: s.title,
      kind: s.kind,
      start: s.schedule.start,
      end: s.schedule.end,
      precision: s.schedule.precision,
      hostProvinceName: s.venue.hostProvinceName,
      partOfDay: s.schedule.partOfDay,
      venue: s.venue.name,
      organisationIds: s.organisers.map((o) => o.organisationKey),
    }));
  }
  return new Gazetteer(data);
}
