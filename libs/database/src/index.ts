export * from './data-source.options';
export * from './database.module';
export * from './embedded/embedded-postgres';
export * from './resolve-database';
export * from './schema-lock';
export * from './startup';
export { freePort, isAlive, sleep } from './embedded/processes';
export * from './startup-phases';
