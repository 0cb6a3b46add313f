import { INestApplication, Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { runSeed } from '@app/catalogue';
import { AppConfig } from '@app/common';
import { withSchemaLock } from '@app/database';

/**
 * SEED_ON_START=auto loads the seed catalogue when running on the embedded database (a new
 * user's first `npm start`); always/never force it. The seeder is idempotent and skips
 * unchanged seed files, so this costs one query on later starts.
 */
export async function seedIfNeeded(app: INestApplication, config: AppConfig, embedded: boolean): Promise<void> {
  const wanted = config.SEED_ON_START === 'always' || (config.SEED_ON_START === 'auto' && embedded);
  if (!wanted) return;
  // Under the schema lock: processes starting together load it once, the others find it current.
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const result = await withSchemaLock(dataSource, () => runSeed(dataSource));
  new Logger('Seed').log(
    result.applied ? `seed catalogue loaded (${result.checksum.slice(0, 12)})` : 'seed catalogue up to date',
  );
}
