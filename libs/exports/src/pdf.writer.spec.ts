import { HttpStatus } from '@nestjs/common';
import { execFile } from 'node:child_process';
import type { Readable } from 'node:stream';
import { ProblemException } from '@app/common';
import type { ExportColumn } from './columns';
import { assertPdfRowCount, PDF_MAX_ROWS, pdfTooLarge, signInSheetPdf } from './pdf.writer';

/**
 * Text of each page, extracted by pdfjs-dist (a devDependency) in a child Node process: pdfjs
 * ships ES modules only, which Jest's CommonJS runtime on Node 20 cannot load, while Node can.
 */
function pdfPages(pdf: Buffer): Promise<string[]> {
  const script = `
    import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false }).promise;
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => item.str.trim()).filter(Boolean).join('\\n'));
    }
    process.stdout.write(JSON.stringify(pages));
  `;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin?.end(pdf);
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Delegate {
  province: string;
  name: string;
  position: string | null;
  agency: string;
}

const columns: ExportColumn<Delegate>[] = [
  { key: 'name', header: 'Họ và tên', width: 3, value: (row) => row.name },
  { key: 'position', header: 'Chức vụ', width: 2, value: (row) => row.position },
  { key: 'agency', header: 'Cơ quan', width: 3, value: (row) => row.agency },
];

const options = {
  lines: [
    'Hội nghị tập huấn công tác thông tin đối ngoại và nhân quyền năm 2024',
    'Ngày 07/08/2024',
    'Trung tâm Thông tin - Hội nghị tỉnh Hòa Bình',
  ],
  columns,
  groupBy: { key: (row: Delegate) => row.province, heading: (key: string) => `Tỉnh/Thành phố: ${key}` },
};

function delegates(): Delegate[] {
  const rows: Delegate[] = [
    {
      province: 'Hòa Bình',
      name: 'Nguyễn Thị Hồng Nhung',
      position: 'Phó Giám đốc',
      agency: 'Sở Ngoại vụ tỉnh Hòa Bình',
    },
    // Decomposed input is drawn as NFC.
    {
      province: 'Tuyên Quang'.normalize('NFD'),
      name: 'Đặng Văn Đức'.normalize('NFD'),
      position: 'Trưởng phòng',
      agency: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Tuyên Quang',
    },
  ];
  for (let i = 1; i <= 58; i++) {
    rows.push({
      province: i % 2 ? 'Hòa Bình' : 'Tuyên Quang',
      name: `Lê Thị Ánh Tuyết ${i}`,
      position: i % 3 ? 'Chuyên viên' : null,
      agency: `Ủy ban nhân dân huyện số ${i}, một cơ quan có tên rất dài để phải xuống dòng trong ô`,
    });
  }
  return rows;
}

describe('signInSheetPdf', () => {
  let pages: string[];
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await readAll(await signInSheetPdf(delegates(), options));
    pages = await pdfPages(pdf);
  });

  it('renders the title lines and Vietnamese names with an embedded font, found again by text extraction', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const all = pages.join('\n');
    expect(all).toContain('DANH SÁCH ĐIỂM DANH');
    expect(all).toContain('Hội nghị tập huấn công tác thông tin đối ngoại và nhân quyền năm 2024');
    expect(all).toContain('Trung tâm Thông tin - Hội nghị tỉnh Hòa Bình');
    expect(all).toContain('Nguyễn Thị Hồng Nhung');
    expect(all).toContain('Đặng Văn Đức'.normalize('NFC'));
    // Long cells wrap over lines inside their cell.
    expect(all.replace(/\n/g, ' ')).toContain('Ban Tuyên giáo và Dân vận Tỉnh ủy Tuyên Quang');
    // A TrueType font program embedded as a subset, not a standard PDF font.
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSansCondensed/);
    expect(raw).not.toContain('/Helvetica');
  });

  it('groups rows under a heading per province, numbering from 1 in each, with a signature column', () => {
    const all = pages.join('\n');
    const hoaBinh = all.indexOf('Tỉnh/Thành phố: Hòa Bình');
    const tuyenQuang = all.indexOf('Tỉnh/Thành phố: Tuyên Quang');
    expect(hoaBinh).toBeGreaterThanOrEqual(0);
    expect(tuyenQuang).toBeGreaterThan(hoaBinh);
    // Groups keep the order they first appear in; the Tuyên Quang rows follow its heading.
    expect(all.indexOf('Nguyễn Thị Hồng Nhung')).toBeLessThan(tuyenQuang);
    expect(all.indexOf('Đặng Văn Đức')).toBeGreaterThan(tuyenQuang);
    const afterHeading = all.slice(tuyenQuang).split('\n');
    expect(afterHeading.slice(1, 6)).toEqual(['STT', 'Họ và tên', 'Chức vụ', 'Cơ quan', 'Ký tên']);
    expect(afterHeading[6]).toBe('1');
    expect(all).toContain('Tổng số: 60 người');
  });

  it('repeats the table header and numbers the pages "Trang x/y"', () => {
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, index) => {
      expect(page).toContain(`Trang ${index + 1}/${pages.length}`);
      expect(page).toContain('Họ và tên');
      expect(page).toContain('Ký tên');
    });
    expect(pages.slice(1).join('\n')).toContain('(tiếp theo)');
    // The title is on the first page only.
    expect(pages[1]).not.toContain('DANH SÁCH ĐIỂM DANH');
  });

  it('prints an empty list with its header and a note', async () => {
    const empty = await pdfPages(await readAll(await signInSheetPdf([], options)));
    expect(empty).toHaveLength(1);
    expect(empty[0]).toContain('Không có ai trong danh sách.');
    expect(empty[0]).toContain('Trang 1/1');
  });

  it('refuses more than maxRows before writing anything, and closes the source', async () => {
    let closed = false;
    async function* rows() {
      try {
        for (let i = 0; ; i++) yield { province: 'Hòa Bình', name: `Người ${i}`, position: null, agency: 'x' };
      } finally {
        closed = true;
      }
    }
    const refusal = signInSheetPdf(rows(), { ...options, maxRows: 10 });
    await expect(refusal).rejects.toBeInstanceOf(ProblemException);
    await expect(refusal).rejects.toMatchObject({
      code: 'export-too-large',
      detail: expect.stringContaining('Use CSV or XLSX for more than 10 rows'),
    });
    expect(closed).toBe(true);
  });

  it('has a documented limit, and a helper for callers that count first', () => {
    expect(PDF_MAX_ROWS).toBe(5_000);
    expect(() => assertPdfRowCount(PDF_MAX_ROWS)).not.toThrow();
    let thrown: unknown;
    try {
      assertPdfRowCount(PDF_MAX_ROWS + 1);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    const problem = thrown as ProblemException;
    expect(problem.getStatus()).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    expect(problem.code).toBe('export-too-large');
    expect(problem.detail).toContain('Use CSV or XLSX for more than 5000 rows');
    expect(problem.extensions).toMatchObject({ limit: 5000, rows: 5001, alternatives: ['csv', 'xlsx'] });
    expect(pdfTooLarge(10).detail).not.toContain('this list has');
  });
});
