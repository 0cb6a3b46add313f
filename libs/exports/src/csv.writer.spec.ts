import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportColumn } from './columns';
import { CSV_HIGH_WATER_MARK, CSV_PIECE_CHARS, csvField, csvFromPostgres, csvStream } from './csv.writer';

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF only (a bare CR or LF outside quotes fails). */
function parseCsv(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`stray quote at ${i}`);
      quoted = wasQuoted = true;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
      wasQuoted = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      wasQuoted = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after closing quote at ${i}`);
      field += c;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || record.length > 0) throw new Error('last record has no CRLF');
  return records;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Attendee {
  name: string;
  agency: string;
  note: string | null;
  seats: number;
  checkedInAt: Date | null;
}

const columns: ExportColumn<Attendee>[] = [
  { key: 'name', header: 'Họ và tên', value: (row) => row.name },
  { key: 'agency', header: 'Cơ quan', value: (row) => row.agency },
  { key: 'note', header: 'Ghi chú', value: (row) => row.note },
  { key: 'seats', header: 'Số chỗ', value: (row) => row.seats },
  { key: 'checkedInAt', header: 'Giờ điểm danh', value: (row) => row.checkedInAt },
];

async function* rowsOf<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe('csvStream', () => {
  const attendees: Attendee[] = [
    {
      name: 'Nguyễn Thị Hồng Nhung',
      agency: 'Sở Ngoại vụ tỉnh Hòa Bình',
      note: null,
      seats: 1,
      checkedInAt: new Date('2025-03-08T06:35:00Z'),
    },
    {
      // Decomposed (NFD) as pasted from some editors: written NFC.
      name: 'Đặng Văn Đức'.normalize('NFD'),
      agency: 'Ban Tuyên giáo và Dân vận, Tỉnh ủy Tuyên Quang',
      note: 'Nói "xin chào"\r\nrồi về sớm',
      seats: -1,
      checkedInAt: null,
    },
    {
      name: '=HYPERLINK("http://evil.example","Bấm")',
      agency: '@SUM(A1:A2)',
      note: '\tTab',
      seats: 0,
      checkedInAt: null,
    },
  ];

  it('writes UTF-8 with BOM, a header, RFC 4180 quoting and CRLF, and reads back to the same values', async () => {
    const bytes = await readAll(csvStream(rowsOf(attendees), columns));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parseCsv(text);
    expect(records).toEqual([
      ['Họ và tên', 'Cơ quan', 'Ghi chú', 'Số chỗ', 'Giờ điểm danh'],
      ['Nguyễn Thị Hồng Nhung', 'Sở Ngoại vụ tỉnh Hòa Bình', '', '1', '2025-03-08 13:35'],
      ['Đặng Văn Đức', 'Ban Tuyên giáo và Dân vận, Tỉnh ủy Tuyên Quang', 'Nói "xin chào"\r\nrồi về sớm', '-1', ''],
      [`'=HYPERLINK("http://evil.example","Bấm")`, `'@SUM(A1:A2)`, `'\tTab`, '0', ''],
    ]);
    // NFC on the wire: 'Đ' and 'ứ' are one code point each.
    expect(records[2][0]).toBe('Đặng Văn Đức'.normalize('NFC'));
    expect(text).not.toContain('Đặng Văn Đức'.normalize('NFD'));
  });

  it('quotes only the fields that need it', () => {
    expect(csvField('Hòa Bình')).toBe('Hòa Bình');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('a,b', ';')).toBe('a,b');
  });

  it('takes a semicolon separator and leaves the BOM out on request', async () => {
    const text = (await readAll(csvStream(attendees.slice(0, 2), columns, { delimiter: ';', bom: false }))).toString();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const records = parseCsv(text, ';');
    expect(records[2][1]).toBe('Ban Tuyên giáo và Dân vận, Tỉnh ủy Tuyên Quang');
  });

  it('writes only the header for no rows', async () => {
    const text = (await readAll(csvStream([], columns))).toString().slice(1);
    expect(parseCsv(text)).toEqual([columns.map((column) => column.header)]);
  });

  it('pulls rows only as fast as a slow consumer reads: 200,000 rows, never more than a few thousand ahead', async () => {
    const total = 200_000;
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    async function* source() {
      for (let i = 0; i < total; i++) {
        produced++;
        yield { name: 'Nguyễn Thị Hồng Nhung', agency: `Cơ quan ${i}`, note: null, seats: i, checkedInAt: null };
      }
    }
    const sinkHighWaterMark = 16 * 1024;
    const sink = new Writable({
      highWaterMark: sinkHighWaterMark,
      write(chunk: Buffer, _encoding, callback) {
        for (const byte of chunk) if (byte === 0x0a) consumed++;
        maxAhead = Math.max(maxAhead, produced - consumed);
        setImmediate(callback); // a consumer slower than the producer
      },
    });
    await pipeline(csvStream(source(), columns), sink);
    expect(consumed).toBe(total + 1);
    // What may be in flight: one piece, the stream's buffer and the sink's buffer, in rows of
    // at least 40 bytes. Without backpressure the producer would run all 200,000 rows ahead.
    const bound = Math.ceil((CSV_PIECE_CHARS * 3 + CSV_HIGH_WATER_MARK + 2 * sinkHighWaterMark) / 40);
    expect(bound).toBeLessThan(5_000);
    expect(maxAhead).toBeLessThanOrEqual(bound);
  });

  it('closes the row source when the consumer goes away', async () => {
    let closed = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield { name: `Người ${i}`, agency: 'x', note: null, seats: i, checkedInAt: null };
      } finally {
        closed = true;
      }
    }
    const stream = csvStream(endless(), columns);
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    stream.destroy();
    await new Promise((resolve) => stream.once('close', resolve));
    // The generator's finally runs once its pending step settles.
    for (let i = 0; i < 10 && !closed; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });

  it('fails the stream when the row source fails', async () => {
    async function* broken() {
      yield attendees[0];
      throw new Error('cursor lost');
    }
    const sink = new PassThrough();
    sink.resume();
    await expect(pipeline(csvStream(broken(), columns), sink)).rejects.toThrow('cursor lost');
  });
});

describe('csvFromPostgres', () => {
  /** PostgreSQL's CSV of the records: LF ends, fields quoted as COPY quotes them. */
  const copyCsv = (records: string[][]) =>
    records
      .map(
        (record) =>
          record.map((field) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',') + '\n',
      )
      .join('');
  /** The bytes cut into pieces of `size`: records, characters and quoted fields split across pieces. */
  async function* piecesOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }
  const records = [
    ['Nguyễn Thị Hồng Nhung', 'Sở Ngoại vụ tỉnh Hòa Bình', ''],
    ['Đặng Văn Đức'.normalize('NFD'), 'Ban Tuyên giáo và Dân vận, Tỉnh ủy', 'Nói "xin chào"\r\nrồi\nvề sớm'],
    ['\'=HYPERLINK("http://evil.example")', "'@SUM(A1:A2)", '"\n"'],
  ];

  it.each([1, 2, 3, 7, 64, 100_000])(
    'writes BOM, header and CRLF records that read back as the same values, NFC, from pieces of %i bytes',
    async (size) => {
      const bytes = await readAll(
        csvFromPostgres(piecesOf(Buffer.from(copyCsv(records)), size), ['Họ và tên', 'Cơ quan', 'Ghi chú']),
      );
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(parseCsv(text)).toEqual([
        ['Họ và tên', 'Cơ quan', 'Ghi chú'],
        ...records.map((record) => record.map((field) => field.normalize('NFC'))),
      ]);
      expect(text).not.toContain('Đặng Văn Đức'.normalize('NFD'));
    },
  );

  it('writes the same bytes as csvStream for the same cells', async () => {
    const cells = records.map((record) => record.map((field) => field.normalize('NFC')));
    const fromCopy = await readAll(csvFromPostgres(piecesOf(Buffer.from(copyCsv(records)), 5), ['A', 'B', 'C']));
    const written = await readAll(
      csvStream(
        cells.map((record) => record.map((field) => (field === '' ? null : field.replace(/^'/, '')))),
        ['A', 'B', 'C'].map((header, i) => ({ key: header, header, value: (row: (string | null)[]) => row[i] })),
      ),
    );
    expect(fromCopy.toString('utf8')).toBe(written.toString('utf8'));
  });

  it('writes only the header for no rows, and fails on a CSV cut inside a record', async () => {
    expect((await readAll(csvFromPostgres(piecesOf(Buffer.alloc(0), 1), ['A']))).toString().slice(1)).toBe('A\r\n');
    await expect(readAll(csvFromPostgres(piecesOf(Buffer.from('a,"b\n'), 3), ['A']))).rejects.toThrow(
      'inside a record',
    );
  });

  it('closes the COPY when the consumer goes away', async () => {
    let closed = false;
    async function* endless() {
      try {
        for (;;) yield Buffer.from('Người,x\n'.repeat(1000));
      } finally {
        closed = true;
      }
    }
    const stream = csvFromPostgres(endless(), ['A', 'B']);
    await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    stream.destroy();
    await new Promise((resolve) => stream.once('close', resolve));
    for (let i = 0; i < 10 && !closed; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });
});
