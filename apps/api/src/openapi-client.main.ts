import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CLIENT_TYPES_DIR, clientTypeFiles } from './openapi-client';
import { openApiDocumentFromCode } from './openapi-document';

/**
 * `npm run gen:api`: writes the API's OpenAPI document to the path given and the web app's typed
 * client (one file per tag) under CLIENT_TYPES_DIR, removing tag files no longer generated.
 */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('usage: openapi-client.main.js <openapi.json>');
  const document = await openApiDocumentFromCode();
  await writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
  const files = await clientTypeFiles(document);
  const root = path.resolve(__dirname, '../../../..', CLIENT_TYPES_DIR);
  await mkdir(path.join(root, 'schema'), { recursive: true });
  for (const old of await readdir(path.join(root, 'schema'))) {
    if (!files.has(`schema/${old}`)) await rm(path.join(root, 'schema', old));
  }
  for (const [file, text] of files) await writeFile(path.join(root, file), text);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
