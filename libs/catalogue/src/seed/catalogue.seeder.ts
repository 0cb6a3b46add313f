import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { normaliseText, slugOf } from '@app/common';
import { ProvinceRow, SeedCatalogue, SeedCitation, SeedSession } from './seed-data';

/** 1 July 2025: 63 provincial units became 34 (Resolution 202/2025/QH15). */
export const MERGER_DATE = '2025-07-01';
const LAST_DAY_BEFORE_MERGER = '2025-06-30';
/** Thừa Thiên Huế became the city of Huế on 1 January 2025, before the merger (reference README). */
const EARLY_RENAMES: Record<string, { name: string; from: string; kind: 'city' | 'province' }> = {
  'Thừa Thiên Huế': { name: 'Huế', from: '2025-01-01', kind: 'city' },
};

export interface SeedFiles {
  catalogue: SeedCatalogue;
  provinces: ProvinceRow[];
  checksum: string;
}

export interface SeedResult {
  applied: boolean;
  checksum: string;
}

function findSeedsFolder(): string {
  // Works from libs/catalogue/src/seed (ts) and dist/libs/catalogue/src/seed (built): walk up.
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'seeds', 'catalogue.json'))) return path.join(dir, 'seeds');
  }
  throw new Error('seeds/catalogue.json not found above ' + __dirname);
}

export function readSeedFiles(folder = findSeedsFolder()): SeedFiles {
  const catalogueText = readFileSync(path.join(folder, 'catalogue.json'), 'utf8');
  const provincesText = readFileSync(path.join(folder, 'provinces-2008-2025.tsv'), 'utf8');
  const provinces = provincesText
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [code, name, kind, region, successor] = line.split('\t').map((cell) => normaliseText(cell));
      return { code, name, kind: kind as 'province' | 'city', region, successor };
    });
  const checksum = createHash('sha256').update(catalogueText).update(provincesText).digest('hex');
  return { catalogue: JSON.parse(catalogueText) as SeedCatalogue, provinces, checksum };
}

/** SELECT-then-UPDATE-or-INSERT on a natural key (NULL-safe), inside the seeding transaction. */
async function upsert(
  manager: EntityManager,
  table: string,
  key: Record<string, unknown>,
  values: Record<string, unknown>,
): Promise<number> {
  const keyColumns = Object.keys(key);
  const where = keyColumns.map((column, index) => `${column} IS NOT DISTINCT FROM $${index + 1}`).join(' AND ');
  const found: { id: string }[] = await manager.query(`SELECT id FROM ${table} WHERE ${where}`, Object.values(key));
  const all = { ...key, ...values };
  const columns = Object.keys(all);
  if (found.length > 0) {
    const sets = Object.keys(values).map((column, index) => `${column} = $${index + 2}`);
    if (sets.length > 0) {
      await manager.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1`, [
        found[0].id,
        ...Object.values(values),
      ]);
    }
    return Number(found[0].id);
  }
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
    Object.values(all),
  );
  return Number(rows[0].id);
}

class SeedContext {
  readonly sources = new Map<string, number>();
  readonly organisations = new Map<string, number>();
  readonly people = new Map<string, number>();
  readonly documents = new Map<string, number>();
  readonly regions = new Map<string, number>();
  /** Pre-2025 units by name (the names the articles use). */
  readonly oldProvinces = new Map<string, number>();
  /** Posts stated at a session, bound once the sessions are seeded. */
  readonly statedPositions: { positionId: number; sessionKey: string }[] = [];

  constructor(readonly manager: EntityManager) {}

  id(map: Map<string, number>, key: string, what: string): number {
    const id = map.get(key);
    if (id === undefined) throw new Error(`seed refers to unknown ${what} "${key}"`);
    return id;
  }

  async cite(subjectType: string, subjectId: number, cites: SeedCitation[], aspect: string | null = null) {
    for (const cite of cites) {
      await this.manager.query(
        `INSERT INTO citation (source_id, paragraph, quote, subject_type, subject_id, aspect, seeded)
         VALUES ($1, $2, $3, $4, $5, $6, true)`,
        [
          this.id(this.sources, cite.source, 'source'),
          cite.paragraph,
          cite.quote ?? null,
          subjectType,
          subjectId,
          aspect,
        ],
      );
    }
  }
}

async function seedProvinces(ctx: SeedContext, rows: ProvinceRow[]) {
  const { manager } = ctx;
  for (const region of [...new Set(rows.map((row) => row.region))]) {
    ctx.regions.set(region, await upsert(manager, 'region', { slug: slugOf(region) }, { name: region }));
  }
  const predecessors = new Map<string, ProvinceRow[]>();
  for (const row of rows) predecessors.set(row.successor, [...(predecessors.get(row.successor) ?? []), row]);

  // Successor units first, so old units can point at them.
  const successorIds = new Map<string, number>();
  for (const [successor, olds] of predecessors) {
    const unchanged = olds.length === 1 && olds[0].name === successor;
    if (unchanged) continue;
    const sameName = olds.find((old) => old.name === successor) ?? olds[0];
    const early = olds.length === 1 ? EARLY_RENAMES[olds[0].name] : undefined;
    successorIds.set(
      successor,
      await upsert(
        manager,
        'province',
        { name: successor, valid_from: early?.from ?? MERGER_DATE },
        {
          code: null,
          kind:
            early?.kind ?? (olds.some((old) => old.kind === 'city') && sameName.kind === 'city' ? 'city' : 'province'),
          region_id: ctx.regions.get(sameName.region),
          valid_to: null,
          successor_id: null,
        },
      ),
    );
  }
  for (const row of rows) {
    const successorId = successorIds.get(row.successor);
    const early = EARLY_RENAMES[row.name];
    const validTo = successorId === undefined ? null : early ? dayBefore(early.from) : LAST_DAY_BEFORE_MERGER;
    const id = await upsert(
      manager,
      'province',
      { code: row.code },
      {
        name: row.name,
        kind: row.kind,
        region_id: ctx.regions.get(row.region),
        valid_from: null,
        valid_to: validTo,
        successor_id: successorId ?? null,
      },
    );
    ctx.oldProvinces.set(row.name, id);
  }
}

function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

async function seedReference(ctx: SeedContext, catalogue: SeedCatalogue) {
  const { manager } = ctx;
  for (const source of catalogue.sources) {
    ctx.sources.set(
      source.key,
      await upsert(
        manager,
        'source',
        { key: source.key },
        {
          file: source.file ?? null,
          publisher: source.publisher,
          title: source.title,
          published_on: source.publishedOn,
          author: source.author,
          url: source.url,
          note: source.note ?? null,
        },
      ),
    );
  }
  // Seeded citations are rebuilt from the file each time the seed changes; citations entered
  // through the API (also of the seed's sources) stay.
  await manager.query(`DELETE FROM citation WHERE seeded`);

  for (const organisation of catalogue.organisations) {
    ctx.organisations.set(
      organisation.key,
      await upsert(
        manager,
        'organisation',
        { slug: organisation.key },
        {
          kind: organisation.kind,
          province_id: organisation.provinceName
            ? ctx.id(ctx.oldProvinces, organisation.provinceName, 'province')
            : null,
          short_name: organisation.shortName,
          note: organisation.note ?? null,
        },
      ),
    );
  }
  for (const organisation of catalogue.organisations) {
    const id = ctx.id(ctx.organisations, organisation.key, 'organisation');
    const parentId = organisation.parentKey ? ctx.id(ctx.organisations, organisation.parentKey, 'organisation') : null;
    await manager.query(`UPDATE organisation SET parent_id = $2 WHERE id = $1`, [id, parentId]);
    for (const name of organisation.names) {
      const nameId = await upsert(
        manager,
        'organisation_name',
        { organisation_id: id, name: normaliseText(name.name) },
        { is_alias: false, valid_from: name.validFrom, valid_to: name.validTo },
      );
      await ctx.cite('organisation_name', nameId, name.cite);
    }
    for (const alias of organisation.aliases ?? []) {
      await upsert(
        manager,
        'organisation_name',
        { organisation_id: id, name: normaliseText(alias) },
        { is_alias: true, valid_from: null, valid_to: null },
      );
    }
  }

  // Sessions are seeded after the people; a post stated at a session is bound to it once the session exists.
  const statedAt: { positionId: number; sessionKey: string }[] = [];
  for (const person of catalogue.people) {
    const id = await upsert(
      manager,
      'person',
      { slug: person.key },
      {
        full_name: normaliseText(person.fullName),
        academic_title: person.academicTitle,
        military_rank: person.militaryRank,
        honorific: person.honorific,
        note: person.note ?? null,
      },
    );
    ctx.people.set(person.key, id);
    // Seeded posts are replaced; posts stated at sessions entered through the API stay.
    await manager.query(
      `DELETE FROM person_position WHERE person_id = $1 AND (session_id IS NULL OR session_id IN (SELECT id FROM training_session WHERE slug = ANY($2::text[])))`,
      [id, catalogue.sessions.map((session) => session.key)],
    );
    for (const position of person.positions) {
      const [{ id: positionId }] = await manager.query(
        `INSERT INTO person_position (person_id, title, organisation_id, attested_on, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          id,
          position.title,
          position.organisationKey ? ctx.id(ctx.organisations, position.organisationKey, 'organisation') : null,
          position.attestedOn,
          position.note ?? null,
        ],
      );
      await ctx.cite('person_position', Number(positionId), position.cite);
      if (position.sessionKey) statedAt.push({ positionId: Number(positionId), sessionKey: position.sessionKey });
    }
  }
  ctx.statedPositions.push(...statedAt);

  for (const document of catalogue.documents) {
    const id = await upsert(
      manager,
      'document',
      { slug: document.key },
      {
        number: document.number,
        kind: document.kind,
        issuer_id: document.issuerKey ? ctx.id(ctx.organisations, document.issuerKey, 'organisation') : null,
        issued_on: document.issuedOn,
        title: document.title,
        note: document.note ?? null,
      },
    );
    ctx.documents.set(document.key, id);
    await ctx.cite('document', id, document.cite);
  }
}

async function seedSession(ctx: SeedContext, session: SeedSession) {
  const { manager } = ctx;
  const id = await upsert(
    manager,
    'training_session',
    { slug: session.key },
    {
      title: normaliseText(session.title),
      kind: session.kind,
      status: session.status,
      starts_on: session.schedule.start,
      ends_on: session.schedule.end,
      date_precision: session.schedule.precision,
      part_of_day: session.schedule.partOfDay,
      venue_name: session.venue.name,
      venue_address: session.venue.address,
      host_province_id: session.venue.hostProvinceName
        ? ctx.id(ctx.oldProvinces, session.venue.hostProvinceName, 'province')
        : null,
      format: session.format,
      audience: session.audience,
      invitation_scope: session.invitationScope,
      note: [session.note, session.schedule.note].filter(Boolean).join(' ') || null,
    },
  );
  // Child collections of a seeded session are replaced as a whole; counts and delegations entered
  // through the API (not seeded) stay.
  for (const table of ['session_claim', 'session_delegation']) {
    await manager.query(`DELETE FROM ${table} WHERE session_id = $1 AND seeded`, [id]);
  }
  for (const table of [
    'session_source',
    'session_organiser',
    'session_invited_province',
    'session_invited_region',
    'bridge_point',
    'session_document',
    'agenda_item',
  ]) {
    await manager.query(`DELETE FROM ${table} WHERE session_id = $1`, [id]);
  }
  await ctx.cite('training_session', id, session.cite);
  await ctx.cite('training_session', id, session.schedule.cite, 'schedule');
  await ctx.cite('training_session', id, session.venue.cite, 'venue');
  await ctx.cite('training_session', id, session.invitationCite, 'invitation');
  for (const key of session.sourceKeys) {
    await manager.query(`INSERT INTO session_source (session_id, source_id) VALUES ($1, $2)`, [
      id,
      ctx.id(ctx.sources, key, 'source'),
    ]);
  }
  for (const [index, organiser] of session.organisers.entries()) {
    const [{ id: organiserId }] = await manager.query(
      `INSERT INTO session_organiser (session_id, organisation_id, role, position) VALUES ($1, $2, $3, $4) RETURNING id`,
      [id, ctx.id(ctx.organisations, organiser.organisationKey, 'organisation'), organiser.role, index + 1],
    );
    await ctx.cite('session_organiser', Number(organiserId), organiser.cite);
  }
  for (const name of session.invitedProvinceNames) {
    await manager.query(`INSERT INTO session_invited_province (session_id, province_id) VALUES ($1, $2)`, [
      id,
      ctx.id(ctx.oldProvinces, name, 'province'),
    ]);
  }
  for (const name of session.invitedRegions) {
    await manager.query(`INSERT INTO session_invited_region (session_id, region_id, in_part) VALUES ($1, $2, $3)`, [
      id,
      ctx.id(ctx.regions, name, 'region'),
      session.invitedRegionsInPart ?? false,
    ]);
  }
  for (const claim of session.claims) {
    const [{ id: claimId }] = await manager.query(
      `INSERT INTO session_claim (session_id, field, value, note, seeded) VALUES ($1, $2, $3, $4, true) RETURNING id`,
      [id, claim.field, claim.value, claim.qualifier],
    );
    await ctx.cite('session_claim', Number(claimId), claim.cite);
  }
  for (const point of session.bridgePoints) {
    const [{ id: pointId }] = await manager.query(
      `INSERT INTO bridge_point (session_id, name, organisation_id, province_id, abroad, is_group, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        id,
        point.name,
        point.organisationKey ? ctx.id(ctx.organisations, point.organisationKey, 'organisation') : null,
        point.provinceName ? ctx.id(ctx.oldProvinces, point.provinceName, 'province') : null,
        point.abroad,
        point.isGroup,
        point.note ?? null,
      ],
    );
    await ctx.cite('bridge_point', Number(pointId), point.cite);
  }
  for (const delegation of session.reportedDelegations) {
    for (const agency of delegation.agencies) {
      const [{ id: delegationId }] = await manager.query(
        `INSERT INTO session_delegation (session_id, province_id, organisation_id, headcount, seeded) VALUES ($1, $2, $3, $4, true)
         ON CONFLICT (session_id, province_id, coalesce(organisation_id, 0))
         DO UPDATE SET headcount = EXCLUDED.headcount, seeded = true RETURNING id`,
        [
          id,
          ctx.id(ctx.oldProvinces, delegation.provinceName, 'province'),
          ctx.id(ctx.organisations, agency.organisationKey, 'organisation'),
          agency.headcount ?? null,
        ],
      );
      await ctx.cite('session_delegation', Number(delegationId), agency.cite);
    }
  }
  for (const key of session.documentKeys) {
    await manager.query(`INSERT INTO session_document (session_id, document_id) VALUES ($1, $2)`, [
      id,
      ctx.id(ctx.documents, key, 'document'),
    ]);
  }
  for (const item of session.agenda) {
    const [{ id: itemId }] = await manager.query(
      `INSERT INTO agenda_item (session_id, position, kind, title, summary, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [id, item.position, item.kind, normaliseText(item.title), item.summary, item.note ?? null],
    );
    for (const [index, presenter] of item.presenters.entries()) {
      await manager.query(
        `INSERT INTO agenda_presenter (agenda_item_id, position, person_id, organisation_id) VALUES ($1, $2, $3, $4)`,
        [
          itemId,
          index + 1,
          'personKey' in presenter ? ctx.id(ctx.people, presenter.personKey, 'person') : null,
          'organisationKey' in presenter ? ctx.id(ctx.organisations, presenter.organisationKey, 'organisation') : null,
        ],
      );
    }
    for (const key of item.documentKeys) {
      await manager.query(`INSERT INTO agenda_document (agenda_item_id, document_id) VALUES ($1, $2)`, [
        itemId,
        ctx.id(ctx.documents, key, 'document'),
      ]);
    }
    await ctx.cite('agenda_item', Number(itemId), item.cite);
  }
  await manager.query(`SELECT refresh_session_search($1)`, [id]);
}

/**
 * Loads provinces, regions and the cited catalogue in one transaction. Idempotent: the
 * checksum of the seed files is recorded, and a run with unchanged files changes nothing.
 * When the files change, seeded rows are updated in place by their natural keys (slug,
 * code) and the children of seeded sessions and people are replaced.
 */
export async function runSeed(dataSource: DataSource, files: SeedFiles = readSeedFiles()): Promise<SeedResult> {
  return dataSource.transaction(async (manager) => {
    // One seeder at a time (two API processes starting on one database).
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ttdn.seed'))`);
    const [previous] = await manager.query(`SELECT checksum FROM seed_run WHERE name = 'catalogue'`);
    if (previous?.checksum === files.checksum) return { applied: false, checksum: files.checksum };
    const ctx = new SeedContext(manager);
    await seedProvinces(ctx, files.provinces);
    await seedReference(ctx, files.catalogue);
    for (const session of files.catalogue.sessions) await seedSession(ctx, session);
    for (const stated of ctx.statedPositions) {
      await manager.query(
        `UPDATE person_position SET session_id = (SELECT id FROM training_session WHERE slug = $2) WHERE id = $1`,
        [stated.positionId, stated.sessionKey],
      );
    }
    await manager.query(
      `INSERT INTO seed_run (name, checksum) VALUES ('catalogue', $1)
       ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
      [files.checksum],
    );
    return { applied: true, checksum: files.checksum };
  });
}
