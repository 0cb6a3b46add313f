import { normaliseText, slugOf } from '@app/common';
import type { ProvinceRow, SeedCatalogue } from './seed-data';
import { SeedContext, upsert } from './seed-context';

/** 1 July 2025: 63 provincial units became 34 (Resolution 202/2025/QH15). */
export const MERGER_DATE = '2025-07-01';
const LAST_DAY_BEFORE_MERGER = '2025-06-30';
/** Thừa Thiên Huế became the city of Huế on 1 January 2025, before the merger (reference README). */
const EARLY_RENAMES: Record<string, { name: string; from: string; kind: 'city' | 'province' }> = {
  'Thừa Thiên Huế': { name: 'Huế', from: '2025-01-01', kind: 'city' },
};

/**
 * Regions, the 34 post-merger units and the 63 older ones with their validity and successor, so
 * the names the articles use resolve to a unit that existed on the session's date.
 */
export async function seedProvinces(ctx: SeedContext, rows: ProvinceRow[]) {
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

/** Sources, organisations (with their names over time), people and documents, each with its citations. */
export async function seedReference(ctx: SeedContext, catalogue: SeedCatalogue) {
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
