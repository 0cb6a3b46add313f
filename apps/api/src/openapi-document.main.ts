import { writeFile } from 'node:fs/promises';
import { openApiDocumentFromCode } from './openapi-document';

/** Writes the API's OpenAPI document to the path given (for `npm run gen:api`). */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('usage: openapi-document.main.js <output.json>');
  await writeFile(target, `${JSON.stringify(await openApiDocumentFromCode(), null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
