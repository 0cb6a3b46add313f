import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLIENT_TYPES_DIR, clientTypeFiles } from './openapi-client';
import { openApiDocumentFromCode } from './openapi-document';

const ROOT = path.resolve(__dirname, '../../..');
const COMMITTED = path.join(ROOT, CLIENT_TYPES_DIR);

/** The committed generated files: the index and every tag file beside it. */
function committedFiles(): string[] {
  const tagFiles = readdirSync(path.join(COMMITTED, 'schema')).map((file) => `schema/${file}`);
  return ['schema.d.ts', ...tagFiles].sort();
}

describe('the web app typed client', () => {
  // The web app never declares an API type by hand: it uses the types generated from this document.
  it('is generated from the current API (run `npm run gen:api` when this fails)', async () => {
    const fresh = await clientTypeFiles(await openApiDocumentFromCode());
    // A tag file missing, or one left over from a tag that is gone, is stale too.
    expect(committedFiles()).toEqual([...fresh.keys()].sort());
    const stale = [...fresh].filter(([file, text]) => readFileSync(path.join(COMMITTED, file), 'utf8') !== text);
    expect(stale.map(([file]) => file)).toEqual([]);
  }, 60_000);
});
