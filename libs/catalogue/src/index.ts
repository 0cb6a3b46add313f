export { CatalogueModule } from './catalogue.module';
export { runSeed, readSeedFiles, MERGER_DATE } from './seed/catalogue.seeder';
// The search SQL as the API builds it, for the scale test that EXPLAINs it.
export { sessionPageSql } from './search/session-list.sql';
export { searchTerms } from './search/search-terms';
