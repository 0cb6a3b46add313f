import { Readable } from 'node:stream';
import { crlfRecordEnds } from './csv-copy';

async function through(chunks: string[]): Promise<string> {
  let out = '';
  for await (const piece of Readable.from(chunks.map((chunk) => Buffer.from(chunk))).pipe(crlfRecordEnds())) {
    out += (piece as Buffer).toString('utf8');
  }
  return out;
}

describe('crlfRecordEnds', () => {
  const copyOutput = 'a,"x\ny",b\n"he said ""hi""\n",c\nplain,,\n';
  const wanted = 'a,"x\ny",b\r\n"he said ""hi""\n",c\r\nplain,,\r\n';

  it('ends records with CRLF and keeps line breaks inside quoted fields', async () => {
    expect(await through([copyOutput])).toBe(wanted);
  });

  it('gives the same result wherever the chunks are cut', async () => {
    for (let cut = 0; cut <= copyOutput.length; cut++) {
      expect(await through([copyOutput.slice(0, cut), copyOutput.slice(cut)])).toBe(wanted);
    }
    expect(await through(copyOutput.split(''))).toBe(wanted);
  });

  it('passes a chunk without a record end through as it is', async () => {
    expect(await through(['Nguyễn,"Đ'])).toBe('Nguyễn,"Đ');
  });
});
