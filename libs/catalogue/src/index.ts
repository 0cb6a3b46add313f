export { CatalogueModule } from './catalogue.module';
export { runSeed, readSeedFiles, MERGER_DATE } from './seed/catalogue.seeder';
