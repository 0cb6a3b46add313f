import type { DataSource } from 'typeorm';

/** Loads the product's seed into the template so every test file starts from the seeded catalogue. */
export async function seedTemplate(_dataSource: DataSource): Promise<void> {
  // Filled in by the catalogue seeder.
}
