import { startTestApp, TestApp } from './support/fixtures';

describe('catalogue: people, organisations, documents, provinces, sources', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds a presenter without diacritics and gives his posts at a date', async () => {
    const search = await t.http().get('/api/v1/people').query({ q: 'le hai binh' }).expect(200);
    expect(search.body.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Lê Hải Bình']);
    const id = search.body.items[0].id;

    const in2024 = await t.http().get(`/api/v1/people/${id}`).query({ at: '2024-06-01' }).expect(200);
    const titles2024 = in2024.body.positionsAt.map(
      (p: { title: string; organisationName: string }) => `${p.title} ${p.organisationName}`,
    );
    expect(titles2024).toContain('Phó Trưởng Ban Ban Tuyên giáo Trung ương');
    expect(titles2024.join()).not.toMatch(/Thứ trưởng/);

    const in2025 = await t.http().get(`/api/v1/people/${id}`).query({ at: '2025-03-08' }).expect(200);
    const titles2025 = in2025.body.positionsAt.map((p: { title: string }) => p.title);
    expect(titles2025).toContain('Thứ trưởng Thường trực');
    expect(titles2025).not.toContain('Phó Trưởng Ban');
    // Every post keeps its citation.
    for (const position of in2025.body.positions) expect(position.citations.length).toBeGreaterThan(0);
    // His 2025 presentation shows the post he held then.
    expect(in2025.body.presentations[0]).toMatchObject({ startsOn: '2025-03-08' });
    expect(in2025.body.presentations[0].positionsThen.map((p: { title: string }) => p.title)).toContain(
      'Thứ trưởng Thường trực',
    );
  });

  it('lists people in Vietnamese order', async () => {
    const res = await t.http().get('/api/v1/people').expect(200);
    const names: string[] = res.body.items.map((p: { fullName: string }) => p.fullName);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect(res.body.page.total).toBe(names.length);
  });

  it('finds a renamed organisation by either name and answers the name in force at a date', async () => {
    const byOld = await t.http().get('/api/v1/organisations').query({ q: 'ban tuyen giao trung uong' }).expect(200);
    const byNew = await t.http().get('/api/v1/organisations').query({ q: 'Ban Tuyên giáo và Dân vận' }).expect(200);
    const renamed = byNew.body.items[0];
    expect(byOld.body.items.map((o: { id: number }) => o.id)).toContain(renamed.id);
    expect(renamed.name).toBe('Ban Tuyên giáo và Dân vận Trung ương');

    const in2024 = await t.http().get(`/api/v1/organisations/${renamed.id}`).query({ at: '2024-08-07' }).expect(200);
    expect(in2024.body.nameAt).toBe('Ban Tuyên giáo Trung ương');
    const in2025 = await t.http().get(`/api/v1/organisations/${renamed.id}`).query({ at: '2025-03-08' }).expect(200);
    expect(in2025.body.nameAt).toBe('Ban Tuyên giáo và Dân vận Trung ương');
    // The sessions it organised show the name in force then.
    const sessions = in2025.body.sessions as { slug: string; nameThen: string }[];
    expect(sessions.find((s) => s.slug === 'tap-huan-ttdn-nq-2024-hoa-binh')?.nameThen).toBe(
      'Ban Tuyên giáo Trung ương',
    );
    expect(sessions.find((s) => s.slug === 'tap-huan-ttdn-2025-hcm')?.nameThen).toBe(
      'Ban Tuyên giáo và Dân vận Trung ương',
    );
  });

  it('answers which sessions covered Kết luận 57-KL/TW', async () => {
    const search = await t.http().get('/api/v1/documents').query({ q: '57-KL/TW' }).expect(200);
    // Documents that mention it match too; the exact number comes first.
    expect(search.body.items.length).toBeGreaterThanOrEqual(1);
    const kl57 = search.body.items[0];
    expect(kl57.number).toBe('57-KL/TW');
    expect(kl57).toMatchObject({ kind: 'Kết luận', issuedOn: '2023-06-15', issuerName: 'Bộ Chính trị' });
    const detail = await t.http().get(`/api/v1/documents/${kl57.id}`).expect(200);
    const slugs = new Set(detail.body.coveredBy.map((c: { sessionSlug: string }) => c.sessionSlug));
    expect(slugs).toEqual(
      new Set([
        'hoi-nghi-toan-quoc-kl57-2023',
        'tap-huan-ttdn-nq-2024-hoa-binh',
        'tap-huan-ttdn-nq-2024-da-nang',
        'tap-huan-ttdn-2025-hcm',
      ]),
    );
    const bySessionFilter = await t.http().get('/api/v1/sessions').query({ document: kl57.id, limit: 100 }).expect(200);
    expect(new Set(bySessionFilter.body.items.map((s: { slug: string }) => s.slug))).toEqual(slugs);
  });

  it('holds 63 units before the merger and 34 after, with the mapping both ways', async () => {
    const before = await t.http().get('/api/v1/provinces').query({ era: 'pre-2025', limit: 100 }).expect(200);
    expect(before.body.page.total).toBe(63);
    const after = await t.http().get('/api/v1/provinces').query({ era: '2025', limit: 100 }).expect(200);
    expect(after.body.page.total).toBe(34);
    const hoaBinh = before.body.items.find((p: { name: string }) => p.name === 'Hòa Bình');
    expect(hoaBinh).toMatchObject({ code: '17', successorName: 'Phú Thọ', validTo: '2025-06-30' });
    const phuTho = await t.http().get(`/api/v1/provinces/${hoaBinh.successorId}`).expect(200);
    expect(phuTho.body.predecessors.map((p: { name: string }) => p.name).sort()).toEqual([
      'Hòa Bình',
      'Phú Thọ',
      'Vĩnh Phúc',
    ]);
    const byAccentless = await t.http().get('/api/v1/provinces').query({ q: 'da nang', era: 'pre-2025' }).expect(200);
    expect(byAccentless.body.items.map((p: { name: string }) => p.name)).toEqual(['Đà Nẵng']);
  });

  it('lists six regions with their unit counts', async () => {
    const res = await t.http().get('/api/v1/regions').expect(200);
    expect(res.body).toHaveLength(6);
    expect(res.body.reduce((sum: number, r: { provinceCount: number }) => sum + r.provinceCount, 0)).toBe(63);
    const north = res.body.find((r: { name: string }) => r.name === 'Trung du và miền núi phía Bắc');
    expect(north.provinceCount).toBe(14);
    const bySessions = await t.http().get('/api/v1/sessions').query({ region: north.id }).expect(200);
    expect(bySessions.body.items.map((s: { slug: string }) => s.slug)).toContain('tap-huan-ttdn-nq-2024-hoa-binh');
  });

  it('lists the five sources and which sessions each reports', async () => {
    const res = await t.http().get('/api/v1/sources').expect(200);
    expect(res.body.page.total).toBe(5);
    expect(res.body.items.map((s: { key: string }) => s.key).sort()).toEqual(['000', '001', '002', '003', '004']);
    const s001 = res.body.items.find((s: { key: string }) => s.key === '001');
    expect(s001.sessions).toEqual(expect.arrayContaining(['tap-huan-ttdn-2025-hcm', 'hoi-thao-doi-ngoai-2025-hvng']));
    expect(s001.citationCount).toBeGreaterThan(0);
    await t.http().get('/api/v1/sources/999').expect(404);
  });

  it('rejects bad look-up parameters', async () => {
    expect((await t.http().get('/api/v1/people/1').query({ at: 'yesterday' }).expect(400)).body.errors[0].path).toBe(
      'at',
    );
    expect((await t.http().get('/api/v1/provinces').query({ era: '1999' }).expect(400)).body.errors[0].path).toBe(
      'era',
    );
    await t.http().get('/api/v1/provinces/0').expect(400);
    await t.http().get('/api/v1/regions/99').expect(404);
  });
});
