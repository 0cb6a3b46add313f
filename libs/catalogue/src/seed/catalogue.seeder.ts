import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { normaliseText } from '@app/common';
import { seedProvinces, seedReference } from './reference.seeder';
import { SeedContext } from './seed-context';
import { ProvinceRow, SeedCatalogue } from './seed-data';
import { seedSession } from './session.seeder';

export { MERGER_DATE } from './reference.seeder';

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
