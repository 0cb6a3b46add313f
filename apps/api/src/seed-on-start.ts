import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@app/common';

/** Placeholder until the catalogue seeder exists; replaced by the catalogue issue. */
export async function seedIfNeeded(_app: INestApplication, config: AppConfig, embedded: boolean): Promise<void> {
  const wanted = config.SEED_ON_START === 'always' || (config.SEED_ON_START === 'auto' && embedded);
  if (!wanted) return;
}
