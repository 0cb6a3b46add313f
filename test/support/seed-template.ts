import type { DataSource } from 'typeorm';
import { runSeed } from '@app/catalogue';

/** Loads the product's seed into the template so every test file starts from the seeded catalogue. */
export async function seedTemplate(dataSource: DataSource): Promise<void> {
  await runSeed(dataSource);
}
