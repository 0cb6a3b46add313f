import { readSeedFiles, runSeed } from '@app/catalogue';
import { count, db, expectProblem, startTestApp, TestApp, tokenFor } from './support/fixtures';

/**
 * Issue 16: what press reports say, entered through the API as an organiser would, and read back
 * from the session, person, organisation, province and source pages. The examples are made up in
 * the genre (provincial and national trainings, 2016–2023); none of them is in the seed.
 */
const NBSP = '\u00a0';
const REPORT_TEXT = [
  'Tuyên Quang: Tập huấn công tác thông tin đối ngoại năm 2019',
  '',
  'Sáng 9/11, tại Hội trường Tỉnh ủy, Sở Thông tin và Truyền thông tỉnh Tuyên Quang tổ chức Hội nghị tập huấn công tác thông tin đối ngoại cho hơn 150 học viên là cán bộ các huyện, thành phố.',
  NBSP,
  'Theo kế hoạch, khoảng 200 cán bộ cấp huyện, cấp xã được mời tham dự.',
  'Tỉnh Lào Cai cử 5 đại biểu thuộc 4 cơ quan: Văn phòng UBND tỉnh, Báo Lào Cai, Sở Ngoại vụ và Liên hiệp các tổ chức hữu nghị tỉnh.',
  'Đồng chí Nguyễn Văn Bình, Giám đốc Sở Thông tin và Truyền thông chủ trì hội nghị; khách mời là đại diện Ban Tuyên giáo Tỉnh ủy.',
  'Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho Sở Ngoại vụ và Báo Tuyên Quang vì thành tích trong công tác thông tin đối ngoại.',
  `Báo cáo viên Trần Thị Hoa, Phó Trưởng phòng Thông tin đối ngoại, trình bày chuyên đề${NBSP}về thông tin đối ngoại trong tình hình mới.`,
].join('\n');
const NATIONAL_TEXT = [
  'Hội nghị trực tuyến toàn quốc về thông tin đối ngoại',
  'Hội nghị được kết nối tới 25 tỉnh, thành phố.',
  'Đại biểu của 26 tỉnh, thành phố đã tham dự hội nghị.',
].join('\n');

describe('provenance write paths (issue 16)', () => {
  let t: TestApp;
  let organiser: string;
  let sessionId: number;
  let otherSessionId: number;
  const org = new Map<string, number>();
  const person = new Map<string, number>();

  const as = (token: string | undefined) => {
    const auth = <T extends { auth: (v: string, o: { type: 'bearer' }) => T }>(req: T) =>
      token ? req.auth(token, { type: 'bearer' }) : req;
    return {
      get: (url: string) => auth(t.http().get(url)),
      post: (url: string) => auth(t.http().post(url)),
      patch: (url: string) => auth(t.http().patch(url)),
      delete: (url: string) => auth(t.http().delete(url)),
    };
  };
  const cite = (source: string, paragraph: number, quote: string) => ({ source, paragraph, quote });
  /** A citation as the pages answer it. */
  const cited = (source: string, paragraph: number, quote: string) => ({ source, paragraph, quote, aspect: null });
  const session = async () => (await as(organiser).get(`/api/v1/sessions/${sessionId}`).expect(200)).body;
  const provinceId = async (name: string, current: boolean) =>
    (await t.http().get('/api/v1/provinces').query({ q: name, limit: 100 }).expect(200)).body.items.find(
      (p: { name: string; code: string | null }) => p.name === name && (current ? p.code === null : p.code !== null),
    ).id as number;

  beforeAll(async () => {
    t = await startTestApp();
    organiser = await tokenFor(t, { role: 'organiser' });
    for (const [key, name, kind] of [
      ['vp-ubnd-lc', 'Văn phòng UBND tỉnh Lào Cai', 'local_government'],
      ['bao-lc', 'Báo Lào Cai', 'press'],
      ['snv-lc', 'Sở Ngoại vụ tỉnh Lào Cai', 'state_body'],
      ['lhhn-lc', 'Liên hiệp các tổ chức hữu nghị tỉnh Lào Cai', 'other'],
      ['stttt-tq', 'Sở Thông tin và Truyền thông tỉnh Tuyên Quang (thử)', 'state_body'],
    ]) {
      const res = await as(organiser).post('/api/v1/organisations').send({ name, kind }).expect(201);
      org.set(key, res.body.id);
    }
    for (const slug of ['so-ngoai-vu-tuyen-quang', 'bao-tuyen-quang', 'ban-tuyen-giao-tinh-uy-tuyen-quang']) {
      org.set(slug, (await t.http().get(`/api/v1/organisations/${slug}`).expect(200)).body.id);
    }
    for (const [key, fullName] of [
      ['binh', 'Nguyễn Văn Bình (thử)'],
      ['hoa', 'Trần Thị Hoa (thử)'],
    ]) {
      person.set(key, (await as(organiser).post('/api/v1/people').send({ fullName }).expect(201)).body.id);
    }
    const created = await as(organiser)
      .post('/api/v1/sessions')
      .send({
        title: 'Hội nghị tập huấn công tác thông tin đối ngoại tỉnh Tuyên Quang 2019',
        kind: 'training_conference',
        startsOn: '2019-11-09',
      })
      .expect(201);
    sessionId = created.body.id;
    const other = await as(organiser)
      .post('/api/v1/sessions')
      .send({
        title: 'Hội nghị thông tin đối ngoại khu vực miền núi 2019',
        kind: 'training_conference',
        startsOn: '2019-06-20',
      })
      .expect(201);
    otherSessionId = other.body.id;
  });
  afterAll(() => t.close());

  describe('1. sources', () => {
    it('adds a source with its text split by the seed rule, lists and finds it', async () => {
      const res = await as(organiser)
        .post('/api/v1/sources')
        .send({
          key: 'tq-2019-11',
          title: 'Tuyên Quang: Tập huấn công tác thông tin đối ngoại năm 2019',
          publisher: 'Báo Tuyên Quang',
          author: 'Minh Châu',
          url: 'https://baotuyenquang.example.vn/tap-huan-ttdn-2019.html',
          publishedOn: '2021-11-12',
          language: 'vi',
          text: REPORT_TEXT,
        })
        .expect(201);
      // The blank line and the line of a no-break space have no number.
      expect(res.body).toMatchObject({ key: 'tq-2019-11', hasText: true, language: 'vi', citationCount: 0 });
      expect(res.body.paragraphs).toHaveLength(7);
      expect(res.body.paragraphs[2]).toBe('Theo kế hoạch, khoảng 200 cán bộ cấp huyện, cấp xã được mời tham dự.');
      await as(organiser)
        .post('/api/v1/sources')
        .send({ title: 'Hội nghị trực tuyến', text: NATIONAL_TEXT, key: 'tt-2017' })
        .expect(201);
      const untexted = await as(organiser)
        .post('/api/v1/sources')
        .send({ title: 'Bản tin không có văn bản' })
        .expect(201);
      expect(untexted.body.key).toMatch(/^src-\d+$/);
      expect(untexted.body.hasText).toBe(false);

      const taken = await as(organiser).post('/api/v1/sources').send({ key: 'tq-2019-11', title: 'Trùng' }).expect(409);
      expectProblem(taken, 409);
      const found = await t.http().get('/api/v1/sources').query({ q: 'bao tuyen quang' }).expect(200);
      // The seeded 003 is also a Báo Tuyên Quang report; the dated one comes first.
      expect(found.body.items.map((s: { key: string }) => s.key)).toEqual(['tq-2019-11', '003']);
      const all = await t.http().get('/api/v1/sources').query({ limit: 100 }).expect(200);
      expect(all.body.page.total).toBe(8);
      // The seed's five are as they were: no text, still cited.
      const seeded = await t.http().get('/api/v1/sources/003').expect(200);
      expect(seeded.body).toMatchObject({ hasText: false, paragraphs: null });
      expect(seeded.body.citationCount).toBeGreaterThan(10);
    });

    it('refuses a source nobody may add, and bad fields by name', async () => {
      const delegate = await tokenFor(t, { role: 'province_delegate' });
      await as(delegate).post('/api/v1/sources').send({ title: 'X y z' }).expect(403);
      const bad = await as(organiser)
        .post('/api/v1/sources')
        .send({ title: 'Nguồn', url: 'javascript:alert(1)' })
        .expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['url']);
    });
  });

  describe('2–3. reported counts with checked citations', () => {
    it('computes conflicts from qualifiers: hơn 150 and khoảng 200 agree, 25 and 26 provinces do not', async () => {
      await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/claims`)
        .send({
          field: 'trainee_count',
          value: 150,
          qualifier: 'at_least',
          citations: [cite('tq-2019-11', 2, 'hơn 150 học viên')],
        })
        .expect(201);
      const second = await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/claims`)
        .send({
          field: 'trainee_count',
          value: 200,
          qualifier: 'about',
          note: 'số được mời theo kế hoạch',
          citations: [cite('tq-2019-11', 3, 'khoảng 200 cán bộ')],
        })
        .expect(201);
      const trainees = second.body.reportedCounts.find((c: { field: string }) => c.field === 'trainee_count');
      expect(trainees.conflict).toBe(false);
      expect(trainees.claims.map((c: { qualifier: string }) => c.qualifier)).toEqual(['at_least', 'about']);
      expect(trainees.claims[0].citations).toEqual([
        { source: 'tq-2019-11', paragraph: 2, quote: 'hơn 150 học viên', aspect: null },
      ]);

      for (const [value, paragraph, quote] of [
        [25, 2, '25 tỉnh, thành phố'],
        [26, 3, '26 tỉnh, thành phố'],
      ] as const) {
        await as(organiser)
          .post(`/api/v1/sessions/${otherSessionId}/claims`)
          .send({ field: 'province_count', value, citations: [cite('tt-2017', paragraph, quote)] })
          .expect(201);
      }
      const other = (await as(organiser).get(`/api/v1/sessions/${otherSessionId}`).expect(200)).body;
      expect(other.reportedCounts).toEqual([expect.objectContaining({ field: 'province_count', conflict: true })]);
    });

    it('refuses a quote that is not in its paragraph (Vietnamese, field named) and writes nothing', async () => {
      const before = await count(t, `SELECT count(*) AS n FROM session_claim`);
      const res = await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/claims`)
        .set('Accept-Language', 'vi')
        .send({ field: 'trainee_count', value: 160, citations: [cite('tq-2019-11', 2, 'hơn 160 học viên')] })
        .expect(400);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([
        { path: 'citations.0.quote', message: expect.stringContaining('không có trong đoạn 2 của nguồn tq-2019-11') },
      ]);
      const unknown = await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/claims`)
        .send({ field: 'trainee_count', value: 160, citations: [cite('khong-co', 1, 'x')] })
        .expect(400);
      expect(unknown.body.errors[0].path).toBe('citations.0.source');
      const outOfRange = await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/claims`)
        .send({ field: 'trainee_count', value: 160, citations: [cite('tq-2019-11', 9, 'x')] })
        .expect(400);
      expect(outOfRange.body.errors[0].path).toBe('citations.0.paragraph');
      // A source without text takes the citation as given.
      const free = (await t.http().get('/api/v1/sources').query({ q: 'ban tin khong co van ban' }).expect(200)).body
        .items[0];
      await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/claims`)
        .send({ field: 'sessions_in_year', value: 3, citations: [cite(free.key, 4, 'ba lớp trong năm')] })
        .expect(201);
      expect(await count(t, `SELECT count(*) AS n FROM session_claim`)).toBe(before + 1);
    });

    it('retires the citations of a changed value, and removes a count with its citations', async () => {
      const other = (await as(organiser).get(`/api/v1/sessions/${otherSessionId}`).expect(200)).body;
      const claim26 = other.reportedCounts[0].claims.find((c: { value: number }) => c.value === 26);
      const changed = await as(organiser)
        .patch(`/api/v1/sessions/${otherSessionId}/claims/${claim26.id}`)
        .send({ value: 25 })
        .expect(200);
      const counts = changed.body.reportedCounts[0];
      expect(counts.conflict).toBe(false);
      expect(counts.claims.find((c: { id: number }) => c.id === claim26.id).citations).toEqual([]);
      const source = (await as(organiser).get('/api/v1/sources/tt-2017').expect(200)).body;
      expect(source.citations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ paragraph: 3, retired: true, subjectType: 'session_claim' }),
        ]),
      );
      expect(source.citationCount).toBe(1);

      await as(organiser).delete(`/api/v1/sessions/${otherSessionId}/claims/${claim26.id}`).expect(200);
      expect(
        await count(t, `SELECT count(*) AS n FROM citation WHERE subject_type = 'session_claim' AND subject_id = $1`, [
          claim26.id,
        ]),
      ).toBe(0);
      await as(organiser).delete(`/api/v1/sessions/${otherSessionId}/claims/${claim26.id}`).expect(404);
    });
  });

  describe('4. delegations by agency with headcount', () => {
    it('records a province delegation as a whole and by agency, each with its own citation', async () => {
      const laoCai = await provinceId('Lào Cai', false);
      const lead = 'Tỉnh Lào Cai cử 5 đại biểu thuộc 4 cơ quan';
      await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/delegations`)
        .send({ provinceId: laoCai, headcount: 5, note: '4 cơ quan', citations: [cite('tq-2019-11', 4, lead)] })
        .expect(201);
      for (const [key, words] of [
        ['vp-ubnd-lc', 'Văn phòng UBND tỉnh'],
        ['bao-lc', 'Báo Lào Cai'],
        ['snv-lc', 'Sở Ngoại vụ'],
        ['lhhn-lc', 'Liên hiệp các tổ chức hữu nghị tỉnh'],
      ]) {
        await as(organiser)
          .post(`/api/v1/sessions/${sessionId}/delegations`)
          .send({ provinceId: laoCai, organisationId: org.get(key), citations: [cite('tq-2019-11', 4, words)] })
          .expect(201);
      }
      const detail = await session();
      expect(detail.reportedDelegations).toHaveLength(5);
      expect(detail.reportedDelegations[0]).toMatchObject({
        organisationId: null,
        headcount: 5,
        province: { name: 'Lào Cai' },
      });
      expect(
        detail.reportedDelegations.find((d: { organisationId: number }) => d.organisationId === org.get('bao-lc')),
      ).toMatchObject({ organisationName: 'Báo Lào Cai', citations: [cited('tq-2019-11', 4, 'Báo Lào Cai')] });
    });

    it('takes one of 200 simultaneous identical delegations and answers the rest 409', async () => {
      const yenBai = await provinceId('Yên Bái', false);
      const answers = await Promise.all(
        Array.from({ length: 200 }, () =>
          as(organiser)
            .post(`/api/v1/sessions/${sessionId}/delegations`)
            .send({ provinceId: yenBai, organisationId: org.get('snv-lc') }),
        ),
      );
      const statuses = answers.map((res) => res.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(199);
      expect(
        await count(t, `SELECT count(*) AS n FROM session_delegation WHERE session_id = $1 AND province_id = $2`, [
          sessionId,
          yenBai,
        ]),
      ).toBe(1);
      const yb = (await session()).reportedDelegations.find(
        (d: { province: { id: number } }) => d.province.id === yenBai,
      );
      await as(organiser)
        .patch(`/api/v1/sessions/${sessionId}/delegations/${yb.id}`)
        .send({ headcount: 2 })
        .expect(200);
      await as(organiser).delete(`/api/v1/sessions/${sessionId}/delegations/${yb.id}`).expect(200);
    });

    it('shows delegations from the province (and its 2025 successor) and the agency, and finds them by organisation= and q=', async () => {
      await as(organiser).post(`/api/v1/sessions/${sessionId}/status`).send({ status: 'scheduled' }).expect(200);
      const laoCai = await provinceId('Lào Cai', false);
      const province = (await t.http().get(`/api/v1/provinces/${laoCai}`).expect(200)).body;
      expect(province.delegations.map((d: { organisationName: string | null }) => d.organisationName)).toEqual(
        expect.arrayContaining([null, 'Báo Lào Cai', 'Sở Ngoại vụ tỉnh Lào Cai']),
      );
      const successor = (await t.http().get(`/api/v1/provinces/${province.successorId}`).expect(200)).body;
      expect(successor.delegations.filter((d: { sessionId: number }) => d.sessionId === sessionId)).toHaveLength(5);
      const agency = (
        await t
          .http()
          .get(`/api/v1/organisations/${org.get('bao-lc')}`)
          .expect(200)
      ).body;
      expect(agency.delegations).toEqual([
        expect.objectContaining({
          sessionId,
          provinceName: 'Lào Cai',
          citations: [cited('tq-2019-11', 4, 'Báo Lào Cai')],
        }),
      ]);
      const byOrganisation = await t
        .http()
        .get('/api/v1/sessions')
        .query({ organisation: org.get('bao-lc') })
        .expect(200);
      expect(byOrganisation.body.items.map((s: { id: number }) => s.id)).toEqual([sessionId]);
      const byText = await t.http().get('/api/v1/sessions').query({ q: 'lien hiep cac to chuc huu nghi' }).expect(200);
      expect(byText.body.items.map((s: { id: number }) => s.id)).toEqual([sessionId]);
      // The seeded Tuyên Quang delegation is visible from Tuyên Quang's side too.
      const tuyenQuang = (
        await t
          .http()
          .get(`/api/v1/provinces/${await provinceId('Tuyên Quang', false)}`)
          .expect(200)
      ).body;
      expect(
        tuyenQuang.delegations.filter(
          (d: { sessionSlug: string }) => d.sessionSlug === 'tap-huan-ttdn-nq-2024-hoa-binh',
        ),
      ).toHaveLength(6);
    });
  });

  describe('6–7. posts stated at an event, roles and awards', () => {
    it('records a chair, a guest body and an award to two departments, read from session, person and organisation pages', async () => {
      await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/roles`)
        .send({
          role: 'chair',
          personId: person.get('binh'),
          statedAs: 'Giám đốc Sở Thông tin và Truyền thông',
          citations: [
            cite('tq-2019-11', 5, 'Đồng chí Nguyễn Văn Bình, Giám đốc Sở Thông tin và Truyền thông chủ trì hội nghị'),
          ],
        })
        .expect(201);
      await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/roles`)
        .send({
          role: 'guest',
          organisationId: org.get('ban-tuyen-giao-tinh-uy-tuyen-quang'),
          citations: [cite('tq-2019-11', 5, 'khách mời là đại diện Ban Tuyên giáo Tỉnh ủy')],
        })
        .expect(201);
      const both = await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/roles`)
        .send({ role: 'guest', personId: person.get('binh'), organisationId: org.get('bao-lc') })
        .expect(400);
      expect(both.body.errors[0].path).toBe('personId');
      const awarded = await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/awards`)
        .send({
          title: 'Bằng khen của Chủ tịch UBND tỉnh',
          recipients: [
            { organisationId: org.get('so-ngoai-vu-tuyen-quang') },
            { organisationId: org.get('bao-tuyen-quang') },
          ],
          citations: [cite('tq-2019-11', 6, 'Chủ tịch UBND tỉnh tặng Bằng khen cho Sở Ngoại vụ và Báo Tuyên Quang')],
        })
        .expect(201);
      expect(awarded.body.roles.map((r: { role: string }) => r.role)).toEqual(['chair', 'guest']);
      expect(awarded.body.roles[0]).toMatchObject({
        type: 'person',
        name: 'Nguyễn Văn Bình (thử)',
        statedAs: 'Giám đốc Sở Thông tin và Truyền thông',
      });
      expect(awarded.body.awards).toEqual([
        expect.objectContaining({
          title: 'Bằng khen của Chủ tịch UBND tỉnh',
          recipients: [
            expect.objectContaining({ role: 'award_recipient', name: 'Sở Ngoại vụ tỉnh Tuyên Quang' }),
            expect.objectContaining({ role: 'award_recipient', organisationId: org.get('bao-tuyen-quang') }),
          ],
          citations: [expect.objectContaining({ paragraph: 6 })],
        }),
      ]);
      const chair = (
        await t
          .http()
          .get(`/api/v1/people/${person.get('binh')}`)
          .expect(200)
      ).body;
      expect(chair.roles).toEqual([
        expect.objectContaining({ sessionId, role: 'chair', citations: [expect.objectContaining({ paragraph: 5 })] }),
      ]);
      const recipient = (await t.http().get('/api/v1/organisations/bao-tuyen-quang').expect(200)).body;
      expect(recipient.roles).toEqual([
        expect.objectContaining({ sessionId, role: 'award_recipient', awardTitle: 'Bằng khen của Chủ tịch UBND tỉnh' }),
      ]);
      const sourcePage = (await t.http().get('/api/v1/sources/tq-2019-11').expect(200)).body;
      expect(new Set(sourcePage.citations.map((c: { subjectType: string }) => c.subjectType))).toEqual(
        new Set(['session_claim', 'session_delegation', 'session_role', 'session_award']),
      );
      expect(sourcePage.sessions).toEqual([expect.any(String)]);
    });

    it('shows a post stated at one session there first, and never on another session of the same year', async () => {
      const hoa = person.get('hoa')!;
      await as(organiser)
        .post(`/api/v1/people/${hoa}/positions`)
        .send({ title: 'Trưởng phòng Thông tin đối ngoại', attestedOn: '2022-05-10' })
        .expect(201);
      for (const id of [sessionId, otherSessionId]) {
        await as(organiser)
          .post(`/api/v1/sessions/${id}/agenda`)
          .send({ kind: 'topic', title: 'Thông tin đối ngoại trong tình hình mới', presenters: [{ personId: hoa }] })
          .expect(201);
      }
      const stated = await as(organiser)
        .post(`/api/v1/sessions/${sessionId}/stated-posts`)
        .send({
          personId: hoa,
          title: 'Phó Trưởng phòng Thông tin đối ngoại',
          citations: [cite('tq-2019-11', 7, 'Trần Thị Hoa, Phó Trưởng phòng Thông tin đối ngoại')],
        })
        .expect(201);
      const here = stated.body.agenda[0].presenters[0].positions;
      expect(here.map((p: { title: string }) => p.title)).toEqual([
        'Phó Trưởng phòng Thông tin đối ngoại',
        'Trưởng phòng Thông tin đối ngoại',
      ]);
      expect(here[0]).toMatchObject({
        statedAtSessionId: sessionId,
        citations: [expect.objectContaining({ paragraph: 7 })],
      });
      const elsewhere = (await as(organiser).get(`/api/v1/sessions/${otherSessionId}`).expect(200)).body;
      expect(elsewhere.agenda[0].presenters[0].positions.map((p: { title: string }) => p.title)).toEqual([
        'Trưởng phòng Thông tin đối ngoại',
      ]);
      const page = (await t.http().get(`/api/v1/people/${hoa}`).query({ at: '2019-11-09' }).expect(200)).body;
      expect(page.positionsAt.map((p: { title: string }) => p.title)).toEqual(['Trưởng phòng Thông tin đối ngoại']);
      const there = page.presentations.find((p: { sessionId: number }) => p.sessionId === sessionId);
      expect(there.positionsThen[0]).toMatchObject({
        title: 'Phó Trưởng phòng Thông tin đối ngoại',
        statedAtSessionId: sessionId,
      });
    });
  });

  describe('10–14. fidelity of the seed', () => {
    it("names Lại Xuân Môn's organisation as at the session his posts were stated at (10)", async () => {
      const mon = (await t.http().get('/api/v1/people/lai-xuan-mon').expect(200)).body;
      expect(mon.positions.find((p: { title: string }) => p.title === 'Phó trưởng Ban Thường trực')).toMatchObject({
        organisationName: 'Ban Tuyên giáo Trung ương',
        statedAtSessionSlug: 'tap-huan-ttdn-nq-2024-da-nang',
      });
    });

    it('records the Đà Nẵng regions as invited in part, keeping both counts (11)', async () => {
      const daNang = (await t.http().get('/api/v1/sessions/tap-huan-ttdn-nq-2024-da-nang').expect(200)).body;
      expect(daNang.invitedRegions.map((r: { inPart: boolean }) => r.inPart)).toEqual([true, true]);
      expect(daNang.invitedProvinces).toEqual([]);
      expect(daNang.reportedCounts).toEqual([
        expect.objectContaining({ field: 'invited_province_count', conflict: true }),
      ]);
    });

    it('cites each Tuyên Quang agency by its own words; the caption only for the one it shows (12)', async () => {
      const hoaBinh = (await t.http().get('/api/v1/sessions/tap-huan-ttdn-nq-2024-hoa-binh').expect(200)).body;
      const quotes = new Map<string, string[]>(
        hoaBinh.reportedDelegations.map((d: { organisationName: string; citations: { quote: string }[] }) => [
          d.organisationName,
          d.citations.map((c) => c.quote),
        ]),
      );
      for (const [name, words] of quotes) {
        expect(words.length).toBeGreaterThanOrEqual(2);
        expect(words[0]).toBe('Tỉnh Tuyên Quang có các đại biểu');
        void name;
      }
      const captions = [...quotes.values()].filter((words) =>
        words.some((w) => w.startsWith('Lãnh đạo Ban Tuyên giáo')),
      );
      expect(captions).toHaveLength(1);
      expect([...quotes.values()].some((words) => words.includes('Đài Phát thanh và Truyền hình tỉnh tham dự'))).toBe(
        true,
      );
    });

    it('keeps counts and delegations entered through the API when the seed is applied again', async () => {
      const daNang = (await t.http().get('/api/v1/sessions/tap-huan-ttdn-nq-2024-da-nang').expect(200)).body;
      await as(organiser)
        .post(`/api/v1/sessions/${daNang.id}/claims`)
        .send({
          field: 'delegate_count',
          value: 200,
          qualifier: 'about',
          citations: [cite('tq-2019-11', 3, 'khoảng 200')],
        })
        .expect(201);
      const applied = await runSeed(db(t), { ...readSeedFiles(), checksum: 'a changed seed' });
      expect(applied.applied).toBe(true);
      const after = (await t.http().get('/api/v1/sessions/tap-huan-ttdn-nq-2024-da-nang').expect(200)).body;
      expect(after.reportedCounts.map((c: { field: string; claims: unknown[] }) => [c.field, c.claims.length])).toEqual(
        [
          ['delegate_count', 1],
          ['invited_province_count', 2],
        ],
      );
      expect(after.reportedCounts[0].claims[0].citations).toEqual([cited('tq-2019-11', 3, 'khoảng 200')]);
    });

    it('rolls old host units up into their 2025 successor, as the invited-province filter does (14)', async () => {
      const hoaBinh = await provinceId('Hòa Bình', false);
      const successorId = (await t.http().get(`/api/v1/provinces/${hoaBinh}`).expect(200)).body.successorId;
      const hosted = await t.http().get('/api/v1/sessions').query({ hostProvince: successorId }).expect(200);
      expect(hosted.body.items.map((s: { slug: string }) => s.slug)).toContain('tap-huan-ttdn-nq-2024-hoa-binh');
    });
  });
});

describe('provenance on session fields, uncertain dates, audience and agenda days (issue 16)', () => {
  let t: TestApp;
  let organiser: string;
  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string) => t.http().post(url).auth(token, { type: 'bearer' }),
    patch: (url: string) => t.http().patch(url).auth(token, { type: 'bearer' }),
    put: (url: string) => t.http().put(url).auth(token, { type: 'bearer' }),
  });
  const REPORT = [
    'Tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ cấp huyện',
    'Sáng 9/11, tại Trụ sở Bộ Ngoại giao, Sở Ngoại vụ phối hợp tổ chức lớp tập huấn cho cán bộ các huyện Sơn Dương, Yên Sơn.',
    'Lớp học kéo dài từ ngày 11 đến 13/10 với ba chuyên đề.',
    'Thời gian qua, tỉnh đã tổ chức nhiều lớp bồi dưỡng về thông tin đối ngoại.',
    'Ngày thứ hai, các học viên thảo luận về kỹ năng trả lời phỏng vấn.',
  ].join('\n');

  beforeAll(async () => {
    t = await startTestApp();
    organiser = await tokenFor(t, { role: 'organiser' });
    await as(organiser)
      .post('/api/v1/sources')
      .send({ key: 'huyen-2022', title: 'Tập huấn cấp huyện', publishedOn: '2022-12-05', text: REPORT })
      .expect(201);
  });
  afterAll(() => t.close());

  it('stores "sáng 9/11" without inventing a year, shows it honestly and sorts it by the report date (5)', async () => {
    const noDate = await as(organiser)
      .post('/api/v1/sessions')
      .send({ title: 'Tập huấn thông tin đối ngoại cấp huyện', kind: 'training_conference' })
      .expect(400);
    expect(noDate.body.errors[0].path).toBe('startsOn');
    const res = await as(organiser)
      .post('/api/v1/sessions')
      .send({
        title: 'Tập huấn thông tin đối ngoại cấp huyện',
        kind: 'training_conference',
        precision: 'day_unknown_year',
        startMonth: 11,
        startDay: 9,
        partOfDay: 'morning',
        dateAsReported: 'sáng 9/11',
        reportedBy: '2022-12-05',
        venueName: 'Trụ sở Bộ Ngoại giao',
        audienceScope: 'district',
        audienceUnits: 'các huyện Sơn Dương, Yên Sơn',
        citations: [
          { source: 'huyen-2022', paragraph: 2, quote: 'Sáng 9/11', aspect: 'schedule' },
          { source: 'huyen-2022', paragraph: 2, quote: 'tại Trụ sở Bộ Ngoại giao', aspect: 'venue' },
          { source: 'huyen-2022', paragraph: 2, quote: 'cho cán bộ các huyện Sơn Dương, Yên Sơn', aspect: 'audience' },
        ],
      })
      .expect(201);
    expect(res.body.schedule).toMatchObject({
      startsOn: null,
      endsOn: null,
      precision: 'day_unknown_year',
      startMonth: 11,
      startDay: 9,
      label: '9/11, năm không rõ',
      asReported: 'sáng 9/11',
    });
    expect(res.body).toMatchObject({ audienceScope: 'district', audienceUnits: 'các huyện Sơn Dương, Yên Sơn' });
    expect(res.body.citations.map((c: { aspect: string }) => c.aspect).sort()).toEqual([
      'audience',
      'schedule',
      'venue',
    ]);
    expect(res.body.sources.map((s: { key: string }) => s.key)).toEqual(['huyen-2022']);

    const range = await as(organiser)
      .post('/api/v1/sessions')
      .send({
        title: 'Lớp bồi dưỡng ba ngày',
        kind: 'training_conference',
        precision: 'day_unknown_year',
        startMonth: 10,
        startDay: 11,
        endDay: 13,
        reportedBy: '2022-12-05',
      })
      .expect(201);
    expect(range.body.schedule).toMatchObject({ endMonth: 10, endDay: 13, label: '11–13/10, năm không rõ' });
    const recently = await as(organiser)
      .post('/api/v1/sessions')
      .send({
        title: 'Các lớp bồi dưỡng gần đây',
        kind: 'training_conference',
        precision: 'unknown',
        dateAsReported: 'thời gian qua',
        reportedBy: '2022-12-05',
      })
      .expect(201);
    expect(recently.body.schedule.label).toBe('gần đây (trước 5/12/2022)');
    const badDay = await as(organiser)
      .post('/api/v1/sessions')
      .send({
        title: 'Ngày không có thật',
        kind: 'training_conference',
        precision: 'day_unknown_year',
        startMonth: 2,
        startDay: 30,
      })
      .expect(400);
    expect(badDay.body.errors[0].path).toBe('startDay');
    const noReason = await as(organiser)
      .post('/api/v1/sessions')
      .send({ title: 'Năm suy luận', kind: 'training_conference', startsOn: '2021-11-09', yearInferred: true })
      .expect(400);
    expect(noReason.body.errors[0].path).toBe('dateInference');
    const inferred = await as(organiser)
      .post('/api/v1/sessions')
      .send({
        title: 'Năm suy luận có lý do',
        kind: 'training_conference',
        startsOn: '2021-11-09',
        yearInferred: true,
        dateInference: 'năm lấy từ ngày đăng bài (12/11/2021) và "vừa qua"',
      })
      .expect(201);
    expect(inferred.body.schedule).toMatchObject({
      startsOn: '2021-11-09',
      yearInferred: true,
      label: '9/11/2021 (năm suy luận)',
    });

    // Lists: undated sessions sort by their report date, and a year filter does not claim them.
    const all = (await as(organiser).get('/api/v1/sessions').query({ limit: 100 }).expect(200)).body.items;
    const titles: string[] = all.map((s: { title: string }) => s.title);
    const at = (title: string) => titles.indexOf(title);
    // Newest first: the 2023 conference, then the sessions reported on 5/12/2022, then 2021.
    expect(at('Các lớp bồi dưỡng gần đây')).toBeGreaterThan(
      titles.findIndex((title) => title.startsWith('Hội nghị toàn quốc nghiên cứu')),
    );
    expect(at('Các lớp bồi dưỡng gần đây')).toBeLessThan(at('Năm suy luận có lý do'));
    expect(at('Lớp bồi dưỡng ba ngày')).toBeLessThan(at('Năm suy luận có lý do'));
    const in2022 = (await as(organiser).get('/api/v1/sessions').query({ year: 2022 }).expect(200)).body;
    expect(in2022.items.map((s: { id: number }) => s.id)).not.toContain(res.body.id);
    const in2021 = (await as(organiser).get('/api/v1/sessions').query({ year: 2021 }).expect(200)).body;
    expect(in2021.items.map((s: { id: number }) => s.id)).toContain(inferred.body.id);

    // Giving the year later turns it into an ordinary dated session.
    const dated = await as(organiser)
      .patch(`/api/v1/sessions/${res.body.id}`)
      .send({ version: res.body.version, precision: 'day', startsOn: '2022-11-09' })
      .expect(200);
    expect(dated.body.schedule).toMatchObject({ startsOn: '2022-11-09', startMonth: null, label: '9/11/2022' });
    expect(dated.body.citations.map((c: { aspect: string }) => c.aspect).sort()).toEqual(['audience', 'venue']);
  });

  it('retires the venue citation of a changed venue, and cites organisers, invitations, agenda items and bridge points (2)', async () => {
    const hanoi = (await t.http().get('/api/v1/sessions/hoi-nghi-toan-quoc-kl57-2023').expect(200)).body;
    expect(hanoi.citations.filter((c: { aspect: string }) => c.aspect === 'venue')).toHaveLength(1);
    const moved = await as(organiser)
      .patch(`/api/v1/sessions/${hanoi.id}`)
      .send({
        version: hanoi.version,
        venueName: 'Trụ sở Bộ Ngoại giao',
        citations: [{ source: 'huyen-2022', paragraph: 2, quote: 'Trụ sở Bộ Ngoại giao', aspect: 'venue' }],
      })
      .expect(200);
    expect(moved.body.citations.filter((c: { aspect: string }) => c.aspect === 'venue')).toEqual([
      { source: 'huyen-2022', paragraph: 2, quote: 'Trụ sở Bộ Ngoại giao', aspect: 'venue' },
    ]);
    expect(moved.body.citations.filter((c: { aspect: string }) => c.aspect === 'schedule')).toHaveLength(1);
    const seedSource = (await as(organiser).get('/api/v1/sources/002').expect(200)).body;
    expect(seedSource.citations).toEqual(
      expect.arrayContaining([expect.objectContaining({ aspect: 'venue', retired: true })]),
    );

    const session = (
      await as(organiser)
        .post('/api/v1/sessions')
        .send({
          title: 'Lớp tập huấn hai ngày 2022',
          kind: 'training_conference',
          startsOn: '2022-10-11',
          endsOn: '2022-10-12',
        })
        .expect(201)
    ).body;
    const snv = (await t.http().get('/api/v1/organisations/so-ngoai-vu-tuyen-quang').expect(200)).body.id;
    const organised = await as(organiser)
      .put(`/api/v1/sessions/${session.id}/organisers`)
      .send({
        organisers: [
          {
            organisationId: snv,
            role: 'lead',
            citations: [{ source: 'huyen-2022', paragraph: 2, quote: 'Sở Ngoại vụ phối hợp tổ chức' }],
          },
        ],
      })
      .expect(200);
    expect(organised.body.organisers[0].citations).toHaveLength(1);
    const badOrganiser = await as(organiser)
      .put(`/api/v1/sessions/${session.id}/organisers`)
      .send({
        organisers: [
          {
            organisationId: snv,
            role: 'lead',
            citations: [{ source: 'huyen-2022', paragraph: 2, quote: 'Sở Nội vụ' }],
          },
        ],
      })
      .expect(400);
    expect(badOrganiser.body.errors[0].path).toBe('organisers.0.citations.0.quote');
    const invited = await as(organiser)
      .put(`/api/v1/sessions/${session.id}/invitations`)
      .send({
        scope: 'provinces',
        provinceIds: [hanoi.hostProvince.id],
        citations: [{ source: 'huyen-2022', paragraph: 2, quote: 'cho cán bộ các huyện' }],
      })
      .expect(200);
    expect(invited.body.citations).toEqual([expect.objectContaining({ aspect: 'invitation' })]);
    await as(organiser)
      .post(`/api/v1/sessions/${session.id}/bridge-points`)
      .send({
        name: 'Điểm cầu huyện Sơn Dương',
        citations: [{ source: 'huyen-2022', paragraph: 2, quote: 'Sơn Dương' }],
      })
      .expect(201);

    // 9. Agenda items carry the day of a multi-day session.
    const item = await as(organiser)
      .post(`/api/v1/sessions/${session.id}/agenda`)
      .send({
        kind: 'discussion',
        title: 'Kỹ năng trả lời phỏng vấn',
        day: 2,
        citations: [{ source: 'huyen-2022', paragraph: 5, quote: 'Ngày thứ hai' }],
      })
      .expect(201);
    expect(item.body.agenda[0]).toMatchObject({ day: 2, citations: [expect.objectContaining({ paragraph: 5 })] });
    expect(item.body.bridgePoints[0].citations).toHaveLength(1);
    const tooLate = await as(organiser)
      .post(`/api/v1/sessions/${session.id}/agenda`)
      .send({ kind: 'topic', title: 'Ngày thứ ba', day: 3 })
      .expect(400);
    expect(tooLate.body.errors[0].path).toBe('day');
    const retitled = await as(organiser)
      .patch(`/api/v1/sessions/${session.id}/agenda/${item.body.agenda[0].id}`)
      .send({ title: 'Kỹ năng làm việc với báo chí' })
      .expect(200);
    expect(retitled.body.agenda[0].citations).toEqual([]);
  });
});
