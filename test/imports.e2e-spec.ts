import { createUserWithRole, expectProblem, loginAs, query, startTestApp, TestApp, tokenFor } from './support/fixtures';

interface Citation {
  paragraph: number;
  quote: string;
}
interface Paragraph {
  number: number;
  text: string;
}

/** Every citation anywhere in a proposal, with the field it supports. */
function citationsOf(value: unknown, path = ''): { path: string; citation: Citation }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => citationsOf(v, `${path}.${i}`));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const own = Array.isArray(record.citations)
      ? (record.citations as Citation[]).map((citation) => ({ path, citation }))
      : [];
    return [
      ...own,
      ...Object.entries(record)
        .filter(([key]) => key !== 'citations' && key !== 'paragraphs')
        .flatMap(([key, v]) => citationsOf(v, `${path}.${key}`)),
    ];
  }
  return [];
}

// Reports written for this test in the style of the genre (not copied from any article).
const REPORT = [
  'Tập huấn kỹ năng thông tin đối ngoại cho cán bộ Tây Nguyên',
  '',
  'Sáng 14/5, tại Hội trường Trung tâm Hội nghị tỉnh Gia Lai, Ban Tuyên giáo và Dân vận Trung ương chủ trì, phối hợp với Tỉnh ủy Gia Lai tổ chức Hội nghị tập huấn công tác thông tin đối ngoại năm 2025 cho hơn 250 đại biểu của các tỉnh khu vực Tây Nguyên.',
  'Tại hội nghị, PGS.TS Lê Hải Bình, Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch đã trình bày chuyên đề “Kỹ năng kể câu chuyện địa phương với bạn bè quốc tế”.',
  'Các học viên được quán triệt Kết luận số 57-KL/TW, ngày 15/6/2023 của Bộ Chính trị và Quyết định số 1079/QĐ-TTg ngày 14/9/2022 của Thủ tướng Chính phủ.',
  'Tin, ảnh: Phóng viên',
  'Tin liên quan',
  'Sáng 20/5, tại Hà Nội, Bộ Ngoại giao tổ chức Hội thảo về ngoại giao văn hóa.',
].join('\n');

describe('imports: a news report becomes a proposed draft session, every field cited', () => {
  let t: TestApp;
  let organiser: string;
  let delegate: string;

  beforeAll(async () => {
    t = await startTestApp();
    const o = await createUserWithRole(t, { role: 'organiser' });
    organiser = await loginAs(t, o.email, o.password);
    const d = await createUserWithRole(t, { role: 'province_delegate' });
    delegate = await loginAs(t, d.email, d.password);
  });
  afterAll(() => t.close());

  const post = (token: string, body: object) =>
    t.http().post('/api/v1/imports/articles').auth(token, { type: 'bearer' }).send(body);

  it('proposes the session with catalogue links, new names marked new, and quotes that are in their paragraphs', async () => {
    const res = await post(organiser, { text: REPORT, publisher: 'Báo thử nghiệm', publishedOn: '2025-05-15' }).expect(
      200,
    );
    const p = res.body;
    expect(p.isTraining).toBe(true);
    expect(p.confidence).toBeGreaterThan(0.7);
    expect(p.title.value).toBe('Hội nghị tập huấn công tác thông tin đối ngoại năm 2025');
    expect(p.kind.value).toBe('training_conference');
    expect(p.date.value).toEqual({ start: '2025-05-14', end: '2025-05-14', precision: 'day', yearFrom: 'event_name' });
    expect(p.date.inferred).toBe(true);
    expect(p.partOfDay.value).toBe('morning');
    expect(p.venue.value).toBe('Hội trường Trung tâm Hội nghị tỉnh Gia Lai');
    // Before 1 July 2025 the host is the old unit (code 64), not the merged one.
    expect(p.hostProvince.value).toMatchObject({ name: 'Gia Lai', isNew: false });
    expect(p.hostProvince.value.id).toMatch(/^\d+$/);
    expect(
      p.organisers.map((o: { value: { organisation: { slug: string | null; isNew: boolean }; role: string } }) => [
        o.value.organisation.slug,
        o.value.organisation.isNew,
        o.value.role,
      ]),
    ).toEqual([
      ['ban-tuyen-giao-tw', false, 'lead'],
      [null, true, 'co_organiser'],
    ]);
    expect(p.presenters[0].value.person).toMatchObject({
      academicTitle: 'PGS.TS',
      person: { slug: 'le-hai-binh', isNew: false },
    });
    expect(p.items[0].value).toMatchObject({
      kind: 'topic',
      title: 'Kỹ năng kể câu chuyện địa phương với bạn bè quốc tế',
    });
    expect(
      p.documents.map((d: { value: { number: string; document: { slug: string | null; isNew: boolean } } }) => [
        d.value.number,
        d.value.document.slug,
        d.value.document.isNew,
      ]),
    ).toEqual([
      ['57-KL/TW', 'kl-57', false],
      ['1079/QĐ-TTg', null, true],
    ]);
    expect(p.counts[0].value).toMatchObject({ field: 'participant_count', value: 250, qualifier: 'more_than' });
    expect(p.invitation.value.regions.map((r: { name: string }) => r.name)).toEqual(['Tây Nguyên']);
    // The byline ends the report: the teaser about another event is ignored.
    expect(p.ignoredFromParagraph).toBe(5);
    const paragraphs = new Map<number, string>((p.paragraphs as Paragraph[]).map((x) => [x.number, x.text]));
    const citations = citationsOf(p);
    expect(citations.length).toBeGreaterThan(10);
    const notInParagraph = citations.filter(
      ({ citation }) => !paragraphs.get(citation.paragraph)?.includes(citation.quote),
    );
    expect(notInParagraph).toEqual([]);
  });

  it('proposes a second report of a catalogued event as another source of that session', async () => {
    const text = [
      'Cán bộ thông tin đối ngoại cả nước được tập huấn',
      'Chiều 8/3, tại TP Hồ Chí Minh, Ban Tuyên giáo và Dân vận Trung ương tổ chức Hội nghị tập huấn công tác thông tin đối ngoại năm 2025.',
    ].join('\n');
    const res = await post(organiser, { text }).expect(200);
    expect(res.body.sameEventAs).toMatchObject({ session: { slug: 'tap-huan-ttdn-2025-hcm', isNew: false } });
    expect(res.body.sameEventAs.agrees).toEqual(
      expect.arrayContaining(['date', 'partOfDay', 'hostProvince', 'organisers']),
    );
  });

  it('reduces HTML to paragraphs without script or style text', async () => {
    const html =
      '<html><head><title>t</title><style>p{color:red}</style></head><body><h1>Tập huấn &amp; bồi dưỡng</h1>' +
      '<script>window.alert("x")</script><p>Chiều 2/10/2024, tại Hà Nội, Bộ Ngoại giao tổ chức Hội nghị tập huấn công tác thông tin đối ngoại.</p>' +
      '<noscript>bật JavaScript</noscript></body></html>';
    const res = await post(organiser, { text: html }).expect(200);
    const texts = (res.body.paragraphs as Paragraph[]).map((x) => x.text);
    expect(texts).toEqual([
      'Tập huấn & bồi dưỡng',
      'Chiều 2/10/2024, tại Hà Nội, Bộ Ngoại giao tổ chức Hội nghị tập huấn công tác thông tin đối ngoại.',
    ]);
    expect(res.body.date.value.start).toBe('2024-10-02');
  });

  it('proposes nothing for a page that reports no event', async () => {
    const text = [
      'Trang chủ',
      'Thời sự | Kinh tế | Văn hóa',
      'Đọc nhiều',
      'Giá vàng hôm nay tăng nhẹ',
      'Liên hệ quảng cáo',
    ].join('\n');
    const res = await post(organiser, { text }).expect(200);
    expect(res.body).toMatchObject({
      confidence: 0,
      isTraining: false,
      title: null,
      date: null,
      organisers: [],
      items: [],
    });
  });

  it('gives an award ceremony low confidence, not a training', async () => {
    const text =
      'Tối 20/12/2024, tại Nhà hát Lớn Hà Nội, Bộ Thông tin và Truyền thông tổ chức Lễ trao Giải báo chí về thông tin đối ngoại.';
    const res = await post(organiser, { text }).expect(200);
    expect(res.body.isTraining).toBe(false);
    expect(res.body.kind.value).toBe('award_ceremony');
    expect(res.body.confidence).toBeLessThanOrEqual(0.3);
  });

  it('refuses an article over 512 KiB, and a 1 MB body, with 413 problem+json', async () => {
    const big = await post(organiser, { text: 'a'.repeat(600 * 1024) }).expect(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(big.body.errors).toEqual([expect.objectContaining({ path: 'text' })]);
    const huge = await post(organiser, { text: 'ạ'.repeat(1024 * 1024) }).expect(413);
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(huge.body.stack).toBeUndefined();
  });

  it('names the bad field, and lets only organisers and admins in', async () => {
    const bad = await post(organiser, { text: 'x', publishedOn: '9/3/2025' }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['publishedOn']);
    await post(organiser, {}).expect(400);
    const badUrl = await post(organiser, { text: REPORT, url: 'bao tinh, muc thoi su' })
      .set('Accept-Language', 'vi')
      .expect(400);
    expect(badUrl.body.errors).toEqual([
      expect.objectContaining({ path: 'url', message: expect.stringContaining('bắt đầu bằng http:// hoặc https://') }),
    ]);
    await post(delegate, { text: REPORT }).expect(403);
    await t.http().post('/api/v1/imports/articles').send({ text: REPORT }).expect(401);
  });

  it('stores the proposal for its author: read back by id by them and admins, 404 to anyone else', async () => {
    const res = await post(organiser, { text: REPORT, publisher: 'Báo thử nghiệm', publishedOn: '2025-05-15' }).expect(
      200,
    );
    expect(res.body).toMatchObject({ status: 'proposed', sessionId: null });
    expect(res.body.id).toEqual(expect.any(Number));
    const [row] = await query<{ publisher: string; published_on: string; status: string; url: string | null }>(
      t,
      `SELECT publisher, published_on::text, status, url FROM article_import WHERE id = $1`,
      [res.body.id],
    );
    expect(row).toEqual({ publisher: 'Báo thử nghiệm', published_on: '2025-05-15', status: 'proposed', url: null });

    const get = (token: string, id: number | string) =>
      t.http().get(`/api/v1/imports/${id}`).auth(token, { type: 'bearer' });
    const back = await get(organiser, res.body.id).expect(200);
    expect(back.body).toEqual(res.body);
    const admin = await tokenFor(t, { role: 'admin' });
    await get(admin, res.body.id).expect(200);
    const otherOrganiser = await tokenFor(t, { role: 'organiser' });
    expectProblem(await get(otherOrganiser, res.body.id).expect(404), 404);
    expectProblem(await get(delegate, res.body.id).expect(404), 404);
    expectProblem(await get(organiser, 999999999).expect(404), 404);
    await get(organiser, 'abc').expect(400);
  });
});
