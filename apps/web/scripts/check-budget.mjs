// Fails the build when the catalogue route (the page most people open first) needs more than
// 300 kB of gzipped JavaScript: the entry chunk, the route's own chunk and every chunk they
// import statically, as Vite's manifest lists them. Delegate, organiser and coordinator screens
// are separate chunks loaded on demand and do not count.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_BYTES = 300 * 1024;
const ROUTE = 'src/catalogue/CataloguePage.tsx';
const outDir = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../dist/web');
const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8'));

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entry || !manifest[ROUTE]) throw new Error(`manifest has no entry or no ${ROUTE}`);

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entry);
visit(ROUTE);

let total = 0;
const rows = [...files].map((file) => {
  const size = gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }).length;
  total += size;
  return `  ${(size / 1024).toFixed(1).padStart(7)} kB  ${file}`;
});
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const summary = `catalogue route JavaScript: ${kb(total)} gzip (budget ${kb(BUDGET_BYTES)})`;
if (total > BUDGET_BYTES) {
  process.stderr.write(`${summary}: OVER BUDGET\n${rows.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${summary}\n`);
