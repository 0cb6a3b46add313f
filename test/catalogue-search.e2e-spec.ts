import { Client } from 'pg';
import { query, signedInUser, startTestApp, TestApp, waitUntil } from './support/fixtures';

/**
 * Issue 15: search finds what people type. Every query below runs against the seeded catalogue
 * (seeds/catalogue.json, six sessions) and names its expected top hits in order; README's
 * "Search" section lists the same table.
 */
const H25 = 'tap-huan-ttdn-2025-hcm'; // Tập huấn 8/3/2025, ĐHQG TP HCM
const W25 = 'hoi-thao-doi-ngoai-2025-hvng'; // Hội thảo 7/3/2025, Học viện Ngoại giao
const N23 = 'hoi-nghi-toan-quoc-kl57-2023'; // Hội nghị toàn quốc KL 57, 11/10/2023, Hà Nội, 63 điểm cầu
const A23 = 'le-trao-giai-ttdn-ix-2023'; // Lễ trao giải lần thứ IX, 12/10/2023, Nhà hát Lớn Hà Nội
const HB24 = 'tap-huan-ttdn-nq-2024-hoa-binh'; // Tập huấn 7/8/2024, Hòa Bình (now Phú Thọ), Tuyên Quang's delegation
const DN24 = 'tap-huan-ttdn-nq-2024-da-nang'; // Tập huấn 2024, Đà Nẵng, Bắc Trung Bộ và Tây Nguyên

/** [query, expected top hits in order, expected total (when the whole answer is known)] */
export const SESSION_QUERIES: [string, string[], number?][] = [
  // every word must match, across fields, with and without diacritics
  ['hoa binh 2024', [HB24]],
  ['tap huan 2024', [HB24, DN24], 2],
  ['Tập huấn 2025', [H25]],
  ['trung du mien nui', [HB24], 1],
  ['Trung du và miền núi phía Bắc', [HB24], 1],
  ['thong tin doi ngoai nhan quyen 2024', [HB24, DN24], 2],
  ['hoi nghi toan quoc', [N23]],
  ['hoi thao', [W25]],
  ['le trao giai', [A23], 1],
  ['nha hat lon', [A23], 1],
  // document numbers in every common form
  ['ket luan 57', [H25, HB24, DN24, N23], 4],
  ['Kết luận 57', [H25, HB24, DN24, N23], 4],
  ['kết luận số 57', [H25, HB24, DN24, N23], 4],
  ['57-KL/TW', [H25, HB24, DN24, N23], 4],
  ['57', [H25, HB24, DN24, N23], 4],
  ['KL 57', [H25, HB24, DN24, N23], 4],
  ['KL57', [H25, HB24, DN24, N23], 4],
  ['ket luan 71', [HB24, DN24], 2],
  ['Nghị quyết 47', [HB24, DN24], 2],
  ['47/NQ-CP', [HB24, DN24], 2],
  // provinces in both eras, aliases, regions
  ['Hòa Bình', [HB24]],
  ['phu tho', [HB24]],
  ['Tuyên Quang', [HB24]],
  ['ha giang', [HB24], 1],
  ['da nang', [DN24]],
  ['ĐÀ NẴNG 2024', [DN24]],
  ['tay nguyen', [DN24], 1],
  ['TP HCM', [H25], 1],
  ['TP.HCM', [H25], 1],
  ['Sài Gòn', [H25], 1],
  ['sai gon', [H25], 1],
  // organisers and presenting bodies by name, short name, abbreviation
  ['Ban TG TW', [H25, HB24, DN24], 3],
  ['BTGTW', [H25, HB24, DN24], 3],
  ['BCĐ TTĐN', [N23], 1],
  ['Bộ TT&TT', [HB24, DN24]],
  ['Bộ Ngoại giao', [W25, HB24, DN24]],
  ['hoc vien ngoai giao', [W25]],
  ['Thành ủy TP.HCM', [H25], 1],
  ['van phong thuong truc nhan quyen', [DN24]],
  ['thanh uy da nang', [DN24]],
  // presenters with names, titles, ranks, posts
  ['le hai binh', [H25], 1],
  ['PGS.TS Lê Hải Bình', [H25], 1],
  ['thieu tuong', [H25], 1],
  ['Thiếu tướng Nguyễn Văn Kỷ', [H25], 1],
  ['Nguyen Trong Nghia', [N23], 1],
  ['phan xuan thuy', [HB24], 1],
  ['Lại Xuân Môn', [DN24], 1],
  // dates, bridge points, delegations
  ['thang 3 2025', [H25, W25], 2],
  ['thang 10 2023', [A23, N23], 2],
  ['8/3/2025', [H25], 1],
  ['diem cau bo cong an', [N23], 1],
  ['bao tuyen quang', [HB24], 1],
  // the last word while typing, and one typo in a name (fuzzy fall-back)
  ['tuyen qu', [HB24]],
  ['Nguyen Van Hieuu', [H25]],
  ['Tuyen Quagn', [HB24]],
  ['phan xuan thuyy', [HB24]],
];

describe('search: sessions, people, organisations, documents (issue 15)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  interface ListAnswer {
    items: { slug: string; highlights?: { field: string; text: string }[] }[];
    page: { total: number };
    search?: { words: string[]; fuzzy: boolean; corrections: string[] };
    facets?: {
      years: { year: number; count: number }[];
      kinds: { kind: string; count: number }[];
      regions: { id: number; name: string; count: number }[];
      hostProvinces: { id: number; name: string; count: number }[];
    };
  }
  const sessions = async (query: Record<string, string | number | boolean>) =>
    (await t.http().get('/api/v1/sessions').query(query).expect(200)).body as ListAnswer;

  it('runs at least 40 realistic queries', () => {
    expect(SESSION_QUERIES.length).toBeGreaterThanOrEqual(40);
  });

  // Objects, not arrays: jest would take a missing third element for a `done` callback.
  it.each(SESSION_QUERIES.map(([q, top, total]) => ({ q, top, total: total ?? null })))(
    'q=$q → $top',
    async ({ q, top, total }) => {
      const answer = await sessions({ q, limit: 10 });
      expect(answer.items.slice(0, top.length).map((item) => item.slug)).toEqual(top);
      if (total !== null) expect(answer.page.total).toBe(total);
      // Every hit says where it matched.
      for (const item of answer.items) expect(item.highlights!.length).toBeGreaterThan(0);
    },
  );

  it('says which field matched, e.g. "khớp: Kết luận 57-KL/TW"', async () => {
    const answer = await sessions({ q: 'KL57' });
    const first = answer.items[0];
    expect(first.highlights).toContainEqual({ field: 'document', text: 'Kết luận 57-KL/TW' });
    const tuyenQuang = (await sessions({ q: 'tuyen quang' })).items[0].highlights!;
    expect(tuyenQuang.map((h) => h.field)).toEqual(expect.arrayContaining(['invitedProvince', 'delegation']));
    const rank = (await sessions({ q: 'thieu tuong' })).items[0].highlights!;
    expect(rank[0]).toEqual({ field: 'presenter', text: 'Thiếu tướng Nguyễn Văn Kỷ' });
  });

  it('tells when the fuzzy fall-back answered, and with which names', async () => {
    const exact = await sessions({ q: 'Nguyen Van Hieu' });
    expect(exact.search).toEqual({ words: ['nguyen', 'van', 'hieu'], fuzzy: false, corrections: [] });
    const typo = await sessions({ q: 'Nguyen Van Hieuu' });
    expect(typo.search!.fuzzy).toBe(true);
    expect(typo.search!.corrections).toContain('hieu');
    // A word near no name finds nothing, fuzzy or not.
    expect((await sessions({ q: 'zzqxv' })).page.total).toBe(0);
  });

  it('matches numbers and years only whole, and words only whole except the last', async () => {
    expect((await sessions({ q: '5' })).page.total).toBe(0);
    expect((await sessions({ q: '202' })).page.total).toBe(0);
    // "oai" is inside "ngoại" but no word of its own.
    expect((await sessions({ q: 'oai giao' })).page.total).toBe(0);
    expect((await sessions({ q: 'tuyen' })).page.total).toBeGreaterThan(0);
    // "uyen" is inside "Tuyên" but no word: nothing matches as typed, only the fuzzy fall-back answers.
    expect((await sessions({ q: 'uyen quang' })).search!.fuzzy).toBe(true);
  });

  it('answers facets for the whole query in the same request', async () => {
    const all = await sessions({ facets: true, limit: 1 });
    expect(all.facets!.years).toEqual([
      { year: 2025, count: 2 },
      { year: 2024, count: 2 },
      { year: 2023, count: 2 },
    ]);
    expect(all.facets!.kinds[0]).toEqual({ kind: 'training_conference', count: 3 });
    const hanoi = all.facets!.hostProvinces.find((p) => p.name === 'Hà Nội');
    expect(hanoi!.count).toBe(2);
    const kl57 = await sessions({ q: 'ket luan 57', facets: true });
    expect(kl57.facets!.years).toEqual([
      { year: 2025, count: 1 },
      { year: 2024, count: 2 },
      { year: 2023, count: 1 },
    ]);
    expect(kl57.facets!.kinds).toEqual([
      { kind: 'training_conference', count: 3 },
      { kind: 'national_conference', count: 1 },
    ]);
    const northern = kl57.facets!.regions.find((r) => r.name === 'Trung du và miền núi phía Bắc');
    expect(northern!.count).toBe(1);
    // The facet counts agree with the filter they stand for.
    const filtered = await sessions({ q: 'ket luan 57', region: northern!.id });
    expect(filtered.page.total).toBe(1);
    // Without facets=true the answer has none.
    expect(kl57.facets).toBeDefined();
    expect((await sessions({ q: 'ket luan 57' })).facets).toBeUndefined();
  });

  it('keeps the documents current on every write: a new agenda item, a rename, a new alias', async () => {
    const organiser = (await signedInUser(t, { role: 'organiser' })).token;
    expect((await sessions({ q: 'vươn mình kỷ nguyên số' })).page.total).toBe(0);
    const [w25] = (await sessions({ q: 'hoc vien ngoai giao' })).items;
    const detail = await t.http().get(`/api/v1/sessions/${w25.slug}`).expect(200);
    await t
      .http()
      .post(`/api/v1/sessions/${detail.body.id}/agenda`)
      .auth(organiser, { type: 'bearer' })
      .send({ kind: 'topic', title: 'Kỷ nguyên số và kỷ nguyên vươn mình', summary: 'Chuyển đổi số' })
      .expect(201);
    expect((await sessions({ q: 'vươn mình kỷ nguyên số' })).items.map((i) => i.slug)).toEqual([W25]);
    expect((await sessions({ q: 'chuyen doi so' })).items.map((i) => i.slug)).toContain(W25);

    // A new name of an organiser: its sessions are found by it at once (trigger on organisation_name).
    await query(
      t,
      `INSERT INTO organisation_name (organisation_id, name, is_alias)
       SELECT id, 'Tạp chí Lý luận chính trị Cộng sản', true FROM organisation WHERE slug = 'tap-chi-cong-san'`,
    );
    expect((await sessions({ q: 'tap chi ly luan chinh tri' })).items.map((i) => i.slug)).toEqual([W25]);
    // A province alias (data) reaches sessions hosted or invited there.
    await query(t, `INSERT INTO province_alias (province_name, alias) VALUES ('Hòa Bình', 'Xứ Mường')`);
    expect((await sessions({ q: 'xu muong' })).items.map((i) => i.slug)).toEqual([HB24]);
  });

  it('loses no write under concurrency: 120 agenda items and organiser aliases at once, all found', async () => {
    const organiser = (await signedInUser(t, { role: 'organiser' })).token;
    const sessionIds = await query<{ id: string; slug: string }>(
      t,
      `SELECT id, slug FROM training_session ORDER BY id`,
    );
    // Organisers whose aliases reach one, three or four sessions' documents.
    const organisations = ['tap-chi-cong-san', 'ban-tuyen-giao-tw', 'ban-chi-dao-ttdn', 'bo-ngoai-giao'];
    // Words found nowhere else: "zq" and two letters (digits would be numbers).
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const tag = (i: number) => `zq${letters[Math.floor(i / 26)]}${letters[i % 26]}`;
    const results = await Promise.all([
      ...Array.from({ length: 60 }, (_, i) =>
        t
          .http()
          .post(`/api/v1/sessions/${sessionIds[i % sessionIds.length].id}/agenda`)
          .auth(organiser, { type: 'bearer' })
          .send({ kind: 'topic', title: `Chuyên đề ${tag(i)}agenda` })
          .then((res) => res.status),
      ),
      ...Array.from({ length: 60 }, (_, i) =>
        query(
          t,
          `INSERT INTO organisation_name (organisation_id, name, is_alias)
           SELECT id, $1, true FROM organisation WHERE slug = $2`,
          [`Tên gọi ${tag(i)}alias`, organisations[i % organisations.length]],
        ).then(() => 201),
      ),
    ]);
    expect(results).toEqual(Array(120).fill(201));
    for (let i = 0; i < 60; i++) {
      const agenda = await sessions({ q: `${tag(i)}agenda` });
      expect(agenda.items.map((item) => item.slug)).toEqual([sessionIds[i % sessionIds.length].slug]);
    }
    const expectedByOrganisation: Record<string, string[]> = {
      'tap-chi-cong-san': [W25],
      'ban-tuyen-giao-tw': [H25, HB24, DN24],
      'ban-chi-dao-ttdn': [N23],
      'bo-ngoai-giao': [W25, HB24, DN24],
    };
    for (let i = 0; i < 60; i++) {
      const alias = await sessions({ q: `${tag(i)}alias` });
      expect(alias.items.map((item) => item.slug)).toEqual(expectedByOrganisation[organisations[i % 4]]);
    }
  });

  it('a refresh that waited for another one does not overwrite its newer document', async () => {
    // T1 adds an agenda item to W25 and keeps its transaction open; T2 adds an alias to W25's
    // organiser, whose refresh of W25 must wait for T1. When T1 commits, T2's document must
    // contain T1's item as well as T2's alias (it is computed after the wait, not before).
    const [{ id }] = await query<{ id: string }>(t, `SELECT id FROM training_session WHERE slug = $1`, [W25]);
    const t1 = new Client({ connectionString: t.db.url });
    const t2 = new Client({ connectionString: t.db.url });
    await t1.connect();
    await t2.connect();
    try {
      await t1.query('BEGIN');
      await t1.query(
        `INSERT INTO agenda_item (session_id, position, kind, title)
         SELECT $1, coalesce(max(position), 0) + 1, 'topic', 'Chuyên đề zqfirstwriter' FROM agenda_item WHERE session_id = $1`,
        [id],
      );
      const [{ pid }] = (await t2.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      const second = t2.query(
        `INSERT INTO organisation_name (organisation_id, name, is_alias)
         SELECT id, 'Tạp chí zqsecondwriter', true FROM organisation WHERE slug = 'tap-chi-cong-san'`,
      );
      await waitUntil(
        async () =>
          (await query(t, `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [pid])).length >
          0,
        'the second refresh waits for the first',
      );
      await t1.query('COMMIT');
      await second;
    } finally {
      await t1.end();
      await t2.end();
    }
    expect((await sessions({ q: 'zqfirstwriter' })).items.map((item) => item.slug)).toEqual([W25]);
    expect((await sessions({ q: 'zqsecondwriter' })).items.map((item) => item.slug)).toEqual([W25]);
  });

  describe('people, organisations, documents, provinces: whole words or a prefix of the last', () => {
    const names = async (path: string, q: string, field: string) => {
      const res = await t.http().get(`/api/v1/${path}`).query({ q });
      expect([res.status, res.status === 200 ? '' : res.text]).toEqual([200, '']);
      return (res.body.items as Record<string, string>[]).map((item) => item[field]);
    };

    it.each([
      ['thieu tuong', ['Nguyễn Văn Kỷ']],
      ['PGS.TS Lê Hải Bình', ['Lê Hải Bình']],
      ['le hai binh', ['Lê Hải Bình']],
      ['Nguyen Van Hieuu', ['Nguyễn Văn Hiếu']],
      ['nguyen van k', ['Nguyễn Văn Kỷ']],
      ['pho truong ban thuong truc ban chi dao', ['Lê Hải Bình']],
    ])('people q=%s', async (q, expected) => {
      expect((await names('people', q, 'fullName')).slice(0, expected.length)).toEqual(expected);
    });

    it.each([
      ['TTXVN', ['Thông tấn xã Việt Nam']],
      ['bo cong an', ['Bộ Công an']],
      ['Bộ TT&TT', ['Bộ Thông tin và Truyền thông']],
      ['BTG TW', ['Ban Tuyên giáo và Dân vận Trung ương']],
      ['BCĐ TTĐN', ['Ban Chỉ đạo Công tác thông tin đối ngoại']],
      ['TP HCM', ['Thành ủy Thành phố Hồ Chí Minh', 'Đại học Quốc gia Thành phố Hồ Chí Minh']],
    ])('organisations q=%s', async (q, expected) => {
      // The first hits (ties in rank come in name order).
      expect((await names('organisations', q, 'name')).slice(0, expected.length).sort()).toEqual([...expected].sort());
    });

    it.each([
      ['KL57', ['57-KL/TW']],
      ['ket luan 57', ['57-KL/TW']],
      ['Nghị quyết 47', ['47/NQ-CP']],
      ['nq 47', ['47/NQ-CP']],
      ['Nghị quyết 57', []],
      ['bo cong an', []],
    ])('documents q=%s', async (q, expected) => {
      const found = await names('documents', q, 'number');
      if (expected.length === 0) expect(found).toEqual([]);
      else expect(found[0]).toBe(expected[0]);
    });

    it('provinces by alias and prefix', async () => {
      expect(new Set(await names('provinces', 'TP HCM', 'name'))).toEqual(new Set(['Hồ Chí Minh']));
      expect(await names('provinces', 'tuyen qu', 'name')).toContain('Tuyên Quang');
      expect(await names('provinces', 'uyen', 'name')).toEqual([]);
    });
  });
});
