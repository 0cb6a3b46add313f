import { startTestApp, TestApp } from './support/fixtures';

interface Summary {
  id: number;
  slug: string;
  title: string;
  kind: string;
  schedule: { startsOn: string; endsOn: string; precision: string; partOfDay: string | null };
  hostProvince: { id: number; name: string } | null;
}

describe('catalogue: seeded sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const list = async (query: Record<string, string | number>) => {
    const res = await t.http().get('/api/v1/sessions').query(query).expect(200);
    return res.body as { items: Summary[]; page: { total: number; limit: number; offset: number } };
  };

  it('merges the two reports of 8/3/2025 into one afternoon session at ĐHQG TP HCM with two sources', async () => {
    const { items } = await list({ year: 2025, kind: 'training_conference' });
    expect(items).toHaveLength(1);
    const res = await t.http().get(`/api/v1/sessions/${items[0].id}`).expect(200);
    const session = res.body;
    expect(session.schedule).toMatchObject({
      startsOn: '2025-03-08',
      endsOn: '2025-03-08',
      precision: 'day',
      partOfDay: 'afternoon',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(session.venueName).toBe('Đại học Quốc gia Thành phố Hồ Chí Minh');
    expect(session.hostProvince.name).toBe('Hồ Chí Minh');
    expect(session.sources.map((s: { key: string }) => s.key)).toEqual(['000', '001']);
    expect(session.organisers.map((o: { name: string; role: string }) => [o.name, o.role])).toEqual([
      ['Ban Tuyên giáo và Dân vận Trung ương', 'lead'],
      [expect.stringMatching(/^Thành ủy/), 'co_organiser'],
    ]);
    const topics = session.agenda.filter((item: { kind: string }) => item.kind === 'topic');
    expect(topics).toHaveLength(2);
    expect(topics[0].presenters[0]).toMatchObject({ name: 'Lê Hải Bình', academicTitle: 'PGS.TS' });
    expect(topics[0].presenters[0].positions.map((p: { title: string }) => p.title)).toContain(
      'Thứ trưởng Thường trực',
    );
    expect(topics[1].presenters[0]).toMatchObject({ name: 'Nguyễn Văn Kỷ', militaryRank: 'Thiếu tướng' });
    const speech = session.agenda.find((item: { kind: string }) => item.kind === 'directing_speech');
    expect(speech.presenters[0].name).toBe('Nguyễn Văn Hiếu');
    expect(session.documents.map((d: { number: string }) => d.number)).toContain('57-KL/TW');
    // Every part of the page carries its citations.
    expect(session.citations.length).toBeGreaterThan(0);
    expect(topics[0].citations.some((c: { source: string }) => c.source === '001')).toBe(true);
    expect(session.organisers[0].citations.length).toBeGreaterThan(0);
  });

  it('records the 2023 national conference as hybrid with 63 bridge points and missions abroad', async () => {
    const res = await t.http().get('/api/v1/sessions/hoi-nghi-toan-quoc-kl57-2023').expect(200);
    expect(res.body.kind).toBe('national_conference');
    expect(res.body.format).toBe('hybrid');
    expect(res.body.schedule).toMatchObject({ startsOn: '2023-10-11', partOfDay: 'afternoon' });
    const count = res.body.reportedCounts.find((c: { field: string }) => c.field === 'bridge_point_count');
    expect(count).toMatchObject({ conflict: false, claims: [expect.objectContaining({ value: 63 })] });
    expect(res.body.bridgePoints.some((b: { abroad: boolean }) => b.abroad)).toBe(true);
    expect(res.body.bridgePoints.map((b: { name: string }) => b.name)).toContain('điểm cầu Bộ Công an');
  });

  it("invites Hòa Bình's 14 provinces of the northern midlands and mountains", async () => {
    const res = await t.http().get('/api/v1/sessions/tap-huan-ttdn-nq-2024-hoa-binh').expect(200);
    expect(res.body.schedule).toMatchObject({ startsOn: '2024-08-07', precision: 'day' });
    expect(res.body.hostProvince.name).toBe('Hòa Bình');
    expect(res.body.invitedProvinces).toHaveLength(14);
    expect(res.body.invitedProvinces.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Hòa Bình', 'Tuyên Quang', 'Hà Giang', 'Điện Biên']),
    );
    expect(res.body.organisers[0].name).toBe('Ban Tuyên giáo Trung ương');
    expect(res.body.documents.map((d: { number: string }) => d.number)).toEqual(
      expect.arrayContaining(['47/NQ-CP', '57-KL/TW', '71-KL/TW']),
    );
    // Lecturers named only by their ministries.
    const presenters = res.body.agenda.flatMap(
      (item: { presenters: { type: string; name: string }[] }) => item.presenters,
    );
    expect(presenters).toContainEqual(expect.objectContaining({ type: 'organisation', name: 'Bộ Ngoại giao' }));
    expect(res.body.reportedDelegations.length).toBe(6);
  });

  it("keeps Đà Nẵng's unknown day and its conflicting province counts visible", async () => {
    const res = await t.http().get('/api/v1/sessions/tap-huan-ttdn-nq-2024-da-nang').expect(200);
    expect(res.body.schedule).toMatchObject({ startsOn: '2024-01-01', endsOn: '2024-12-31', precision: 'year' });
    const invited = res.body.reportedCounts.find((c: { field: string }) => c.field === 'invited_province_count');
    expect(invited.conflict).toBe(true);
    expect(invited.claims.map((c: { value: number }) => c.value).sort()).toEqual([14, 15]);
    for (const claim of invited.claims) expect(claim.citations[0].source).toBe('004');
  });

  it('seeds the events mentioned in passing as their own kinds, not trainings', async () => {
    const workshops = await list({ kind: 'workshop' });
    expect(workshops.items.map((s) => s.schedule.startsOn)).toEqual(['2025-03-07']);
    const awards = await list({ kind: 'award_ceremony' });
    expect(awards.items).toHaveLength(1);
    expect(awards.items[0]).toMatchObject({ schedule: expect.objectContaining({ partOfDay: 'evening' }) });
    const trainings = await list({ kind: 'training_conference' });
    expect(trainings.items).toHaveLength(3);
  });

  it.each([
    ['hoa binh', 'tap-huan-ttdn-nq-2024-hoa-binh'],
    ['Hòa Bình', 'tap-huan-ttdn-nq-2024-hoa-binh'],
    ['da nang', 'tap-huan-ttdn-nq-2024-da-nang'],
    ['ĐÀ NẴNG', 'tap-huan-ttdn-nq-2024-da-nang'],
    ['le hai binh', 'tap-huan-ttdn-2025-hcm'],
  ])('finds sessions by accent-insensitive search: q=%s', async (q, slug) => {
    const { items } = await list({ q });
    expect(items.map((s) => s.slug)).toContain(slug);
  });

  it('ranks the place named first, above sessions that only have the words apart ("nâng cao", "đã")', async () => {
    expect((await list({ q: 'da nang' })).items[0].slug).toBe('tap-huan-ttdn-nq-2024-da-nang');
    expect((await list({ q: 'hoa binh' })).items[0].slug).toBe('tap-huan-ttdn-nq-2024-hoa-binh');
    expect((await list({ q: '.*' })).page.total).toBe(0);
  });

  it('normalises NFD input to NFC before searching', async () => {
    const { items } = await list({ q: 'Hòa Bình'.normalize('NFD') });
    expect(items.map((s) => s.slug)).toContain('tap-huan-ttdn-nq-2024-hoa-binh');
  });

  it('filters by guiding document, presenter and year with a stable, paged order', async () => {
    const all = await list({ limit: 100 });
    expect(all.page.total).toBe(6);
    const page1 = await list({ limit: 2, offset: 0 });
    const page2 = await list({ limit: 2, offset: 2 });
    expect(page1.page.total).toBe(6);
    expect([...page1.items, ...page2.items].map((s) => s.id)).toEqual(all.items.slice(0, 4).map((s) => s.id));
    const byYear = await list({ year: 2024 });
    expect(byYear.items.map((s) => s.slug).sort()).toEqual([
      'tap-huan-ttdn-nq-2024-da-nang',
      'tap-huan-ttdn-nq-2024-hoa-binh',
    ]);
  });

  it('refuses unknown query parameters and bad values with a problem naming the field', async () => {
    const unknown = await t.http().get('/api/v1/sessions').query({ colour: 'red' }).expect(400);
    expect(unknown.body.errors).toContainEqual({ path: 'colour', message: 'is not an accepted field' });
    const tooMany = await t.http().get('/api/v1/sessions').query({ limit: 1000 }).expect(400);
    expect(tooMany.body.errors[0].path).toBe('limit');
    const badDate = await t.http().get('/api/v1/sessions').query({ from: '8/3/2025' }).expect(400);
    expect(badDate.body.errors[0].path).toBe('from');
    const badStatus = await t.http().get('/api/v1/sessions').query({ status: 'done' }).expect(400);
    expect(badStatus.body.errors[0].path).toBe('status');
  });

  it('answers unknown ids with 404 and malformed ids with 400', async () => {
    const missing = await t.http().get('/api/v1/sessions/999999').expect(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    await t.http().get('/api/v1/sessions/no-such-slug').expect(404);
    const bad = await t.http().get('/api/v1/sessions/DROP%20TABLE').expect(400);
    expect(bad.body.errors[0].path).toBe('id');
  });
});
