export { CatalogueModule } from './catalogue.module';
export { runSeed, readSeedFiles, MERGER_DATE } from './seed/catalogue.seeder';
// The search SQL as the API builds it, for the scale test that EXPLAINs it.
export { sessionPageSql } from './search/session-list.sql';
export { searchTerms } from './search/search-terms';
// What accepting an imported report writes (issue 20), on the importer's transaction.
export {
  SessionImportWriter,
  type LockedSession,
  type ReportQuote,
  type SessionOwnAspect,
} from './imports/session-import-writer';
export { ImportRecordWriter } from './imports/import-record-writer';
export type { CreateSessionDto } from './sessions/dto/session-write.dto';
export {
  SESSION_KINDS,
  DATED_PRECISIONS,
  PARTS_OF_DAY,
  SESSION_FORMATS,
  INVITATION_SCOPES,
  ORGANISER_ROLES,
  AGENDA_KINDS,
} from './sessions/session.rules';
