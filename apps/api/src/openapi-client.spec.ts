import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openApiDocumentFromCode } from './openapi-document';

const ROOT = path.resolve(__dirname, '../../..');
const COMMITTED = path.join(ROOT, 'apps/web/src/shared/api/schema.d.ts');

describe('the web app typed client', () => {
  // The web app never declares an API type by hand: it uses the types generated from this document.
  it('is generated from the current API (run `npm run gen:api` when this fails)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ttdn-openapi-'));
    try {
      const documentFile = path.join(dir, 'openapi.json');
      const typesFile = path.join(dir, 'schema.d.ts');
      writeFileSync(documentFile, `${JSON.stringify(await openApiDocumentFromCode(), null, 2)}\n`);
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), documentFile, '-o', typesFile],
        { stdio: 'pipe' },
      );
      const fresh = readFileSync(typesFile, 'utf8');
      const committed = readFileSync(COMMITTED, 'utf8');
      expect(fresh === committed).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
