/**
 * Figure 5's breakdown: the API logs `startup phases (ms): modules=… database=… connect=…
 * migrations=… nest=… seed=… listen=…` once it listens (at info level); this reads it back.
 */
export interface StartupPhase {
  name: string;
  ms: number;
}

/** What each phase covers, for the figure's notes. */
export const PHASE_NOTES: Record<string, string> = {
  modules: "Node's start and loading the API's modules",
  database: 'embedded PostgreSQL start (or the DATABASE_URL resolved)',
  connect: 'TypeORM data source opened',
  migrations: 'pending migrations looked up (and applied) under the schema lock',
  nest: "Nest's boot: modules, routes, Fastify plugins (without connect and migrations)",
  seed: 'seed checksum compared (and the catalogue loaded when it changed)',
  listen: 'Fastify listening',
};

export function startupPhases(output: string): StartupPhase[] {
  const line = /startup phases \(ms\): ([^\n]*)/.exec(output)?.[1] ?? '';
  return [...line.matchAll(/([a-z]+)=(\d+)/g)].map((match) => ({ name: match[1], ms: Number(match[2]) }));
}
