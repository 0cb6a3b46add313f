import JSZip from 'jszip';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import {
  ExportColumn,
  SqlExportColumn,
  inBatches,
  isoDateTimeSql,
  neutraliseFormulaSql,
  xlsxCopySelect,
  xlsxFromPostgres,
  xlsxStream,
} from '@app/exports';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The XLSX PostgreSQL formats (cells computed in SQL, read as binary COPY tuples, escaped and
 * normalised in the bytes) against the XLSX the JS writer makes from the same rows read as
 * objects: every part of the two files must be the same, for text that needs escaping, NFC,
 * formula neutralisation, characters XML forbids, long cells that cross the COPY's chunks,
 * empty and missing values, and times at and between whole seconds.
 */
interface Line {
  grp: string | null;
  person: string | null;
  name: string | null;
  note: string | null;
  at: Date | null;
}

const text = (column: keyof Line): ExportColumn<Line> & SqlExportColumn => ({
  key: column,
  header: column,
  // COPY writes an empty text as NULL (no cell), as the columns' SQL says.
  value: (row) => (row[column] === '' ? null : (row[column] as string | null)),
  sql: neutraliseFormulaSql(column),
});
const COLUMNS: (ExportColumn<Line> & SqlExportColumn)[] = [
  text('name'),
  { key: 'at', header: 'Giờ đến', width: 17, value: (row) => row.at, sql: isoDateTimeSql('at'), sqlTimestamp: 'at' },
  text('note'),
];

const TRICKY = [
  'Nguyễn Thị Hồng Nhung',
  'Đặng Văn Đức',
  'Nguye\u0302\u0303n Va\u0306n A\u0301nh', // NFD, as pasted from some editors
  'A & B <c> "d" \'e\'',
  '=HYPERLINK("http://evil.example","bấm")',
  '=\u0338 không phải công thức',
  '+84 912 345 678',
  '-5',
  '@SUM(A1)',
  '\tthụt đầu dòng',
  'hai\ndòng\r\nba',
  'điều khiển \u0001\u0008\u000b\u001f bỏ đi',
  'không phải ký tự \uFFFE\uFFFF',
  '>\u0338 dấu kết hợp sau ngoặc',
  '北京 😀 \u2003 khoảng trắng em',
  '',
  'x'.repeat(70_000) + ' dài hơn một khối của COPY',
];

describe('XLSX formatted by PostgreSQL (binary COPY) is the XLSX the JS writer makes', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE TEMP TABLE line (grp text, person bigint, name text, note text, at timestamptz)`);
    // 2,600 rows (pieces of 1,000 rows, groups that change mid-piece), each tricky text in each
    // column somewhere; people with several rows; times at whole seconds and between them.
    await client.query(
      `INSERT INTO line
       SELECT CASE WHEN i < 900 THEN 'Hà Nội' WHEN i < 2000 THEN 'Thành phố Hồ Chí Minh' WHEN i < 2500 THEN 'Tuyên Quang' END,
              CASE WHEN i % 7 = 0 THEN NULL ELSE i % 300 END,
              ($1::text[])[1 + i % array_length($1::text[], 1)],
              CASE WHEN i % 5 = 0 THEN NULL ELSE ($1::text[])[1 + (i * 7) % array_length($1::text[], 1)] END,
              CASE WHEN i % 4 = 0 THEN NULL
                   ELSE timestamptz '2025-03-08 06:59:59.999+07' + i * interval '37 minutes 13.4567 seconds' END
         FROM generate_series(0, 2599) i`,
      [TRICKY],
    );
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const ORDER = `ORDER BY grp NULLS LAST, name, person, at`;

  async function fromPostgres(grouped: boolean): Promise<Buffer> {
    const select = xlsxCopySelect(COLUMNS, grouped ? { group: "coalesce(grp, 'Khách mời')", person: 'person' } : {});
    const copy = client.query(copyTo(`COPY (SELECT ${select} FROM line ${ORDER}) TO STDOUT WITH (FORMAT binary)`));
    const options = grouped ? { groupBy: { label: 'Nhóm', alwaysList: ['Cà Mau'] } } : {};
    return read(xlsxFromPostgres(copy as AsyncIterable<Buffer>, COLUMNS, options));
  }

  async function fromJs(grouped: boolean): Promise<Buffer> {
    const { rows } = await client.query<Line>(`SELECT * FROM line ${ORDER}`);
    return read(
      xlsxStream(inBatches([rows]), COLUMNS, {
        ...(grouped && {
          groupBy: {
            key: (row: Line) => row.grp ?? 'Khách mời',
            personKey: (row: Line) => (row.person === null ? undefined : row.person),
            label: 'Nhóm',
            alwaysList: ['Cà Mau'],
          },
        }),
      }),
    );
  }

  it.each([
    ['one sheet per group, with the summary', true],
    ['one sheet', false],
  ])('writes the same parts: %s', async (_, grouped) => {
    const [ours, reference] = await Promise.all([fromPostgres(grouped), fromJs(grouped)]);
    const [a, b] = await Promise.all([JSZip.loadAsync(ours), JSZip.loadAsync(reference)]);
    const names = Object.keys(a.files).sort();
    expect(names).toEqual(Object.keys(b.files).sort());
    expect(names.filter((name) => name.startsWith('xl/worksheets/'))).toHaveLength(grouped ? 5 : 1);
    for (const name of names) {
      // The creation time is the only part that differs between two runs.
      if (name === 'docProps/core.xml') continue;
      expect([name, await a.file(name)!.async('string')]).toEqual([name, await b.file(name)!.async('string')]);
    }
    const sheet = await a.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('Nguyễn Văn Ánh');
    expect(sheet).toContain('A &amp; B &lt;c&gt; &quot;d&quot;');
    // eslint-disable-next-line no-control-regex -- the characters XML forbids, which must be gone
    expect(sheet).not.toMatch(/[\u0001\u0008\u000b\u001f\uFFFE\uFFFF]/);
  });
});

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
