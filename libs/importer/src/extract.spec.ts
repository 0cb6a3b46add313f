import { proposeFromArticle } from './extract';
import { seedGazetteer } from './gazetteer/seed-gazetteer';
import { Citation, ImportProposal } from './proposal';

const g = seedGazetteer();
const propose = (lines: string[], publishedOn: string | null = null) =>
  proposeFromArticle({ text: lines.join('\n'), publishedOn }, g);

function allCitations(p: ImportProposal): Citation[] {
  const out: Citation[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const r = v as Record<string, unknown>;
      if (Array.isArray(r.citations)) out.push(...(r.citations as Citation[]));
      Object.entries(r).forEach(([k, x]) => k !== 'paragraphs' && k !== 'citations' && walk(x));
    }
  };
  walk(p);
  return out;
}

describe('proposal from a report', () => {
  it('resolves a date without a year against the published date, flagged as inferred', () => {
    const p = propose(
      ['Sáng 28/12, Sở Ngoại vụ tỉnh Cà Mau tổ chức hội nghị tập huấn công tác thông tin đối ngoại.'],
      '2026-01-05',
    );
    expect(p.date?.value).toEqual({
      start: '2025-12-28',
      end: '2025-12-28',
      precision: 'day',
      yearFrom: 'published_date',
    });
    expect(p.date?.inferred).toBe(true);
  });

  it('takes the year from the page date line above the lead when no published date is given', () => {
    const p = propose([
      'Tập huấn đối ngoại',
      'Thứ Sáu, 03/01/2025 09:15',
      'Sáng 30/12, Sở Ngoại vụ tỉnh Sóc Trăng tổ chức hội nghị tập huấn đối ngoại.',
    ]);
    expect(p.date?.value).toMatchObject({ start: '2024-12-30', yearFrom: 'published_date' });
    expect(p.date?.citations.map((c) => c.paragraph)).toEqual([3, 2]);
    expect(p.hostProvince?.value.name).toBe('Sóc Trăng');
  });

  it('says online for a conference held online with no venue', () => {
    const p = propose([
      'Chiều 9/9/2024, Ban Bí thư tổ chức Hội nghị trực tuyến toàn quốc về công tác thông tin đối ngoại.',
    ]);
    expect(p.format?.value).toBe('online');
  });

  it('leaves the date empty when neither the text nor the published date gives the year', () => {
    const p = propose(['Chiều 3/7, Sở Ngoại vụ tỉnh Cà Mau tổ chức hội nghị tập huấn công tác thông tin đối ngoại.']);
    expect(p.date).toBeNull();
    expect(p.partOfDay?.value).toBe('afternoon');
  });

  it('keeps a year-only date when the event name is all the text gives', () => {
    const p = propose([
      'Hội nghị do Sở Ngoại vụ chủ trì tổ chức.',
      'Hội nghị tập huấn thông tin đối ngoại năm 2023 cho cán bộ cơ sở.',
    ]);
    expect(p.date?.value).toMatchObject({ start: '2023-01-01', end: '2023-12-31', precision: 'year' });
  });

  it('reads a day range, the host province of the merged era, and a venue', () => {
    const p = propose([
      'Ngày 7-8/11/2025, tại Khách sạn Mường Thanh tỉnh Tuyên Quang, Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức lớp bồi dưỡng kiến thức thông tin đối ngoại.',
    ]);
    expect(p.date?.value).toMatchObject({
      start: '2025-11-07',
      end: '2025-11-08',
      precision: 'day',
      yearFrom: 'stated',
    });
    expect(p.venue?.value).toBe('Khách sạn Mường Thanh tỉnh Tuyên Quang');
    expect(p.hostProvince?.value).toMatchObject({ name: 'Tuyên Quang', id: 'Tuyên Quang@2025' });
  });

  it('takes the host from the local co-organiser when no venue is stated, as an inference', () => {
    const p = propose([
      'Sáng 4/4/2024, Ban Tuyên giáo Trung ương phối hợp với Tỉnh ủy Quảng Trị tổ chức hội nghị tập huấn.',
    ]);
    expect(p.venue).toBeNull();
    expect(p.hostProvince).toMatchObject({ value: { name: 'Quảng Trị' }, inferred: true });
  });

  it('keeps two different numbers for one count, each flagged as a conflict', () => {
    const p = propose([
      'Sáng 2/3/2024, Ban Tuyên giáo Trung ương tổ chức hội nghị tập huấn cho cán bộ của 12 tỉnh, thành phố khu vực Đồng bằng sông Hồng.',
      'Các báo cáo gắn với thực tiễn của 11 tỉnh, thành phố trong vùng.',
    ]);
    expect(p.counts.map((c) => [c.value.value, c.value.conflict])).toEqual([
      [12, true],
      [11, true],
    ]);
    expect(p.invitation?.value.regions.map((r) => r.name)).toEqual(['Đồng bằng sông Hồng']);
  });

  it('reads delegations listed by agency and bridge points', () => {
    const p = propose([
      'Sáng 5/5/2024, tại Hà Nội, Ban Chỉ đạo Công tác thông tin đối ngoại tổ chức Hội nghị toàn quốc, truyền hình trực tuyến đến 40 điểm cầu.',
      'Tỉnh Bắc Kạn có các đại biểu Ban Tuyên giáo Tỉnh ủy, Sở Ngoại vụ tham dự.',
    ]);
    expect(p.delegations[0].value).toMatchObject({
      province: { name: 'Bắc Kạn' },
      organisations: ['Ban Tuyên giáo Tỉnh ủy', 'Sở Ngoại vụ'],
    });
    expect(p.bridgePoints[0].value).toMatchObject({ count: 40 });
    expect(p.format?.value).toBe('hybrid');
    expect(p.invitation?.value.scope).toBe('nationwide');
  });

  it('cites every field with a quote that is in its paragraph', () => {
    const p = propose([
      'Tập huấn cho báo cáo viên',
      'Chiều 9/10/2024, tại Hội trường Tỉnh ủy Bình Định, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị tập huấn cho hơn 150 báo cáo viên.',
      'Đồng chí Đoàn Văn Phú, Phó Bí thư Tỉnh ủy phát biểu chỉ đạo hội nghị.',
      'Học viên được quán triệt Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.',
    ]);
    const texts = new Map(p.paragraphs.map((x) => [x.number, x.text]));
    const citations = allCitations(p);
    expect(citations.length).toBeGreaterThan(6);
    expect(citations.filter((c) => !texts.get(c.paragraph)?.includes(c.quote))).toEqual([]);
  });

  it('proposes nothing from site navigation, and gives another kind of event low confidence', () => {
    const nav = propose(['Trang chủ', 'Chính trị | Xã hội', 'Thông tin đối ngoại', 'Liên hệ']);
    expect(nav).toMatchObject({ confidence: 0, title: null, date: null, organisers: [], documents: [] });
    const award = propose(['Tối 15/1/2025, tại Nhà hát Lớn, Bộ Ngoại giao tổ chức Lễ trao giải cuộc thi ảnh.']);
    expect(award.isTraining).toBe(false);
    expect(award.confidence).toBeLessThanOrEqual(0.3);
  });

  it('reads half a megabyte of repetitive or unpunctuated text without blowing up, still citing exactly', () => {
    // Repetition of the genre's trigger phrases is the worst case for the sentence rules.
    const inputs = [
      'Hội nghị tổ chức. ' + 'Chuyên đề thứ nhất do '.repeat(20000),
      'Hội nghị tổ chức tại Hà Nội ' + 'phát biểu tại hội nghị '.repeat(20000),
      (
        'Sáng 3/4/2025, Sở Ngoại vụ tổ chức Hội nghị tập huấn, ông Lê Văn Tám, Phó Giám đốc trình bày chuyên đề về X ' +
        '\n'
      ).repeat(4000),
    ];
    for (const text of inputs) {
      const p = proposeFromArticle({ text }, g);
      const texts = new Map(p.paragraphs.map((x) => [x.number, x.text]));
      expect(allCitations(p).filter((c) => !texts.get(c.paragraph)?.includes(c.quote))).toEqual([]);
    }
  });
});
