export * from './proposal';
export { proposeFromArticle, type ArticleInput } from './extract';
export { Gazetteer, type GazetteerData, type GazSession } from './gazetteer/gazetteer';
export { seedGazetteer, findSeedsFolder } from './gazetteer/seed-gazetteer';
export { findSameEvent, proposalAsSession } from './matching';
export { scoreSeeds, formatScoreTable, type ScoreReport } from './score/score';
export { toParagraphs, splitParagraphs, htmlToText } from './text/paragraphs';
export { ImporterModule } from './importer.module';
export { toImportProposalDto } from './import.mapper';
