import { count, createUserWithRole, expectProblem, loginAs, query, startTestApp, TestApp } from './support/fixtures';

/**
 * Issue 20: an organiser reviews a proposal read from a news report and accepts it, as a new
 * draft session or as a further source of a session already in the catalogue. The reports are
 * written for this test in the genre of the seed articles (none is copied from one).
 */
const REPORT = [
  'Bồi dưỡng nghiệp vụ thông tin đối ngoại cho cán bộ cơ sở tỉnh Quảng Trị',
  'Sáng 16/10/2024, tại Hội trường Tỉnh ủy Quảng Trị, Ban Tuyên giáo Tỉnh ủy Quảng Trị phối hợp với Sở Ngoại vụ tỉnh Quảng Trị tổ chức Hội nghị tập huấn công tác thông tin đối ngoại năm 2024 cho hơn 180 đại biểu.',
  'Hội nghị được kết nối trực tuyến tới 9 điểm cầu cấp huyện.',
  'Tại hội nghị, TS Hoàng Minh Khuê, Phó Giám đốc Sở Ngoại vụ tỉnh Quảng Trị trình bày chuyên đề “Thông tin đối ngoại về biển, đảo trong tình hình mới”.',
  'Các đại biểu được quán triệt Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị.',
].join('\n');

/** A second report of the seeded 8 March 2025 training (the event of seed articles 000 and 001). */
const SECOND_REPORT = [
  'Nâng cao kỹ năng thông tin đối ngoại cho đội ngũ cán bộ phía Nam',
  'Chiều 8/3, tại Nhà văn hóa Thanh niên Thành phố Hồ Chí Minh, Ban Tuyên giáo và Dân vận Trung ương tổ chức Hội nghị tập huấn công tác thông tin đối ngoại năm 2025 cho khoảng 700 đại biểu.',
  'Tại hội nghị, ThS Đỗ Thanh Vân, Trưởng phòng Thông tin đối ngoại trình bày chuyên đề “Kỹ năng ứng xử với báo chí nước ngoài”.',
  'Trong một buổi chiều, các đại biểu đã được nghe 3 chuyên đề.',
].join('\n');

interface Cite {
  source: string;
  paragraph: number;
  quote: string;
  aspect: string | null;
}

describe('imports: accepting a reviewed proposal (issue 20)', () => {
  let t: TestApp;
  let organiser: string;
  let otherOrganiser: string;
  let delegate: string;
  let scopedOrganiser: string;

  beforeAll(async () => {
    t = await startTestApp();
    const sign = async (options: Parameters<typeof createUserWithRole>[1]) => {
      const user = await createUserWithRole(t, options);
      return loginAs(t, user.email, user.password);
    };
    organiser = await sign({ role: 'organiser' });
    otherOrganiser = await sign({ role: 'organiser' });
    delegate = await sign({ role: 'province_delegate' });
    const [other] = await query<{ id: string }>(
      t,
      `SELECT id FROM training_session WHERE slug <> 'tap-huan-ttdn-2025-hcm' ORDER BY id LIMIT 1`,
    );
    scopedOrganiser = await sign({ role: 'organiser', sessionId: Number(other.id) });
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string) => t.http().post(url).auth(token, { type: 'bearer' }),
  });
  const propose = async (token: string, text: string, extra: object = {}) =>
    (
      await as(token)
        .post('/api/v1/imports/articles')
        .send({ text, ...extra })
        .expect(200)
    ).body;
  const accept = (token: string, id: number, review: object = {}) =>
    as(token).post(`/api/v1/imports/${id}/accept`).send(review);
  const sources = () => count(t, `SELECT count(*) AS n FROM source`);
  const sessions = () => count(t, `SELECT count(*) AS n FROM training_session`);

  it('accepts a report as a draft session, every fact cited to the new source with its exact words', async () => {
    const proposal = await propose(organiser, REPORT, {
      url: 'https://baoquangtri.example.vn/boi-duong-ttdn-2024.html',
      publisher: 'Báo Quảng Trị (thử)',
      publishedOn: '2024-10-17',
    });
    const res = await accept(organiser, proposal.id).expect(200);
    expect(res.body).toMatchObject({ id: proposal.id, status: 'accepted', acceptedAs: 'new_session' });
    expect(res.body.acceptedAt).toEqual(expect.any(String));
    const sessionId = res.body.sessionId as number;

    const session = (await as(organiser).get(`/api/v1/sessions/${sessionId}`).expect(200)).body;
    expect(session).toMatchObject({
      status: 'draft',
      title: 'Hội nghị tập huấn công tác thông tin đối ngoại năm 2024',
      kind: 'training_conference',
      schedule: { startsOn: '2024-10-16', endsOn: '2024-10-16', precision: 'day', partOfDay: 'morning' },
      venueName: 'Hội trường Tỉnh ủy Quảng Trị',
      hostProvince: { name: 'Quảng Trị' },
      format: 'in_person',
    });
    expect(session.sources).toHaveLength(1);
    const key = session.sources[0].key as string;
    const cite = (paragraph: number, quote: string, aspect: string | null = null): Cite => ({
      source: key,
      paragraph,
      quote,
      aspect,
    });
    expect(session.citations).toEqual(
      expect.arrayContaining([
        cite(2, 'Hội nghị tập huấn công tác thông tin đối ngoại năm 2024'),
        cite(2, 'Sáng 16/10/2024', 'schedule'),
        cite(2, 'tại Hội trường Tỉnh ủy Quảng Trị', 'venue'),
      ]),
    );
    // The two bodies were not in the catalogue: created, and cited as organisers.
    expect(session.organisers.map((o: { name: string; role: string }) => [o.name, o.role])).toEqual([
      ['Ban Tuyên giáo Tỉnh ủy Quảng Trị', 'lead'],
      ['Sở Ngoại vụ tỉnh Quảng Trị', 'co_organiser'],
    ]);
    expect(session.organisers[0].citations).toEqual([
      cite(2, 'Ban Tuyên giáo Tỉnh ủy Quảng Trị phối hợp với Sở Ngoại vụ tỉnh Quảng Trị tổ chức'),
    ]);
    expect(session.agenda).toHaveLength(1);
    const item = session.agenda[0];
    expect(item).toMatchObject({ kind: 'topic', title: 'Thông tin đối ngoại về biển, đảo trong tình hình mới' });
    expect(item.presenters).toEqual([
      expect.objectContaining({ type: 'person', name: 'Hoàng Minh Khuê', academicTitle: 'TS' }),
    ]);
    expect(item.citations[0]).toMatchObject({ source: key, paragraph: 4 });
    expect(session.documents.map((d: { number: string }) => d.number)).toEqual(['57-KL/TW']);
    const counts = Object.fromEntries(
      session.reportedCounts.map((c: { field: string; claims: object[] }) => [c.field, c.claims]),
    );
    expect(counts.participant_count).toEqual([
      expect.objectContaining({ value: 180, qualifier: 'at_least', citations: [cite(2, 'hơn 180 đại biểu')] }),
    ]);
    expect(counts.bridge_point_count).toEqual([expect.objectContaining({ value: 9, qualifier: 'at_most' })]);
    expect(session.invitedProvinces.map((p: { name: string }) => p.name)).toEqual(['Quảng Trị']);

    // The source holds the report's paragraphs, and lists what cites them.
    const source = (await as(organiser).get(`/api/v1/sources/${key}`).expect(200)).body;
    expect(source).toMatchObject({
      title: 'Bồi dưỡng nghiệp vụ thông tin đối ngoại cho cán bộ cơ sở tỉnh Quảng Trị',
      publisher: 'Báo Quảng Trị (thử)',
      publishedOn: '2024-10-17',
      url: 'https://baoquangtri.example.vn/boi-duong-ttdn-2024.html',
      hasText: true,
    });
    expect(source.paragraphs).toHaveLength(5);
    for (const c of source.citations as { paragraph: number; quote: string }[]) {
      expect(source.paragraphs[c.paragraph - 1]).toContain(c.quote);
    }
    // The presenter's post is recorded as stated there.
    const person = item.presenters[0];
    expect(person.positions).toEqual([
      expect.objectContaining({ title: 'Phó Giám đốc Sở Ngoại vụ tỉnh Quảng Trị', attestedOn: '2024-10-16' }),
    ]);

    // Read back as stored, with how it was accepted; the audit entry is on the session.
    const stored = (await as(organiser).get(`/api/v1/imports/${proposal.id}`).expect(200)).body;
    expect(stored).toMatchObject({ status: 'accepted', sessionId, acceptedAs: 'new_session' });
    const audit = await query<{ action: string }>(
      t,
      `SELECT action FROM audit_log WHERE entity_type = 'training_session' AND entity_id = $1 ORDER BY id`,
      [String(sessionId)],
    );
    expect(audit.map((a) => a.action)).toEqual(['session.created', 'session.invitations_replaced', 'session.imported']);
  });

  it('applies the review: edited values replace the proposed ones (their quotes kept), excluded facts are left out', async () => {
    const proposal = await propose(organiser, REPORT, { publishedOn: '2024-10-17' });
    const res = await accept(organiser, proposal.id, {
      title: 'Tập huấn thông tin đối ngoại cho cán bộ cơ sở tỉnh Quảng Trị năm 2024',
      partOfDay: 'full_day',
      venueName: null,
      exclude: ['counts/1', 'items/0', 'presenters/0', 'invitation'],
      mergeIntoSessionId: null,
    }).expect(200);
    const session = (await as(organiser).get(`/api/v1/sessions/${res.body.sessionId}`).expect(200)).body;
    const key = session.sources[0].key;
    expect(session.title).toBe('Tập huấn thông tin đối ngoại cho cán bộ cơ sở tỉnh Quảng Trị năm 2024');
    expect(session.schedule.partOfDay).toBe('full_day');
    expect(session.venueName).toBeNull();
    expect(session.citations).toEqual(
      expect.arrayContaining([
        { source: key, paragraph: 2, quote: 'Hội nghị tập huấn công tác thông tin đối ngoại năm 2024', aspect: null },
      ]),
    );
    // The host province keeps its citation (the same words); the cleared venue has no value to cite.
    expect(session.citations.filter((c: Cite) => c.aspect === 'venue')).toHaveLength(1);
    expect(session.agenda).toEqual([]);
    expect(session.reportedCounts.map((c: { field: string }) => c.field)).toEqual(['participant_count']);
    expect(session.invitedProvinces).toEqual([]);
    // The same bodies were not created twice (found by name now), and the organiser's edit is audited.
    expect(
      await count(t, `SELECT count(*) AS n FROM organisation_name WHERE name = 'Sở Ngoại vụ tỉnh Quảng Trị'`),
    ).toBe(1);
    const [audit] = await query<{ after: { edits: Record<string, unknown>; excluded: string[] } }>(
      t,
      `SELECT after FROM audit_log WHERE action = 'session.imported' AND entity_id = $1`,
      [String(res.body.sessionId)],
    );
    expect(Object.keys(audit.after.edits).sort()).toEqual(['partOfDay', 'title', 'venueName']);
    expect(audit.after.excluded).toEqual(['counts/1', 'items/0', 'presenters/0', 'invitation']);
  });

  it('refuses a second accept with 409 naming the session, and writes nothing twice', async () => {
    // The same report again is proposed as a further source of the draft accepted above: asked for a draft.
    const proposal = await propose(organiser, REPORT);
    expect(proposal.sameEventAs).not.toBeNull();
    const first = await accept(organiser, proposal.id, { mergeIntoSessionId: null }).expect(200);
    const before = [await sources(), await sessions()];
    const again = await accept(organiser, proposal.id).expect(409);
    expectProblem(again, 409);
    expect(again.body.type).toMatch(/import-already-accepted$/);
    expect(again.body).toMatchObject({ sessionId: first.body.sessionId, acceptedAs: 'new_session' });
    const vi = await accept(organiser, proposal.id).set('Accept-Language', 'vi').expect(409);
    expect(vi.body.detail).toContain('đã được chấp nhận');
    expect([await sources(), await sessions()]).toEqual(before);
  });

  it('race: of 50 concurrent accepts of one proposal exactly one writes; the rest are 409', async () => {
    const proposal = await propose(organiser, REPORT);
    const before = [await sources(), await sessions()];
    const results = await Promise.all(
      Array.from({ length: 50 }, () => accept(organiser, proposal.id, { mergeIntoSessionId: null })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect([await sources(), await sessions()]).toEqual([before[0] + 1, before[1] + 1]);
    const sessionId = results.find((r) => r.status === 200)!.body.sessionId;
    expect(await count(t, `SELECT count(*) AS n FROM session_source WHERE session_id = $1`, [sessionId])).toBe(1);
    expect(
      await count(t, `SELECT count(*) AS n FROM article_import WHERE id = $1 AND status = 'accepted'`, [proposal.id]),
    ).toBe(1);
  });

  it('race: different reports naming the same new presenter and body, accepted at once, each get their own free slug', async () => {
    const reports = Array.from({ length: 12 }, (_, i) =>
      [
        `Tập huấn kỹ năng phát ngôn cho cán bộ huyện, đợt ${i + 1}`,
        `Sáng ${i + 1}/9/2024, tại Hội trường Sở Văn hóa, Ban Chỉ đạo công tác thông tin đối ngoại huyện Mường Tè số ${i + 1} tổ chức Hội nghị tập huấn công tác thông tin đối ngoại năm 2024 cho 60 đại biểu.`,
        'Tại hội nghị, ThS Lò Văn Chiến Thắng, Phó Trưởng ban trình bày chuyên đề “Kỹ năng phát ngôn và cung cấp thông tin cho báo chí”.',
      ].join('\n'),
    );
    const proposals = [];
    for (const text of reports) proposals.push(await propose(organiser, text));
    const results = await Promise.all(
      proposals.map((proposal) => accept(organiser, proposal.id, { mergeIntoSessionId: null })),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const people = await query<{ slug: string }>(t, `SELECT slug FROM person WHERE full_name = 'Lò Văn Chiến Thắng'`);
    expect(people.length).toBeGreaterThan(0);
    expect(new Set(people.map((row) => row.slug)).size).toBe(people.length);
  });

  it('merges a report of a catalogued event into its session: the source, the facts it lacks, counts as claims', async () => {
    const seeded = (await as(organiser).get('/api/v1/sessions/tap-huan-ttdn-2025-hcm').expect(200)).body;
    const proposal = await propose(organiser, SECOND_REPORT);
    expect(proposal.sameEventAs.session.slug).toBe('tap-huan-ttdn-2025-hcm');
    const before = await sessions();
    const res = await accept(organiser, proposal.id).expect(200);
    expect(res.body).toMatchObject({ acceptedAs: 'further_source', sessionId: seeded.id });
    expect(await sessions()).toBe(before);

    const after = (await as(organiser).get(`/api/v1/sessions/${seeded.id}`).expect(200)).body;
    const newSources = after.sources.filter(
      (s: { key: string }) => !seeded.sources.some((o: { key: string }) => o.key === s.key),
    );
    expect(newSources).toHaveLength(1);
    const key = newSources[0].key;
    // Its own fields are not overwritten; the date it agrees on is cited to it too.
    expect(after.title).toBe(seeded.title);
    expect(after.venueName).toBe(seeded.venueName);
    expect(after.schedule.startsOn).toBe(seeded.schedule.startsOn);
    expect(after.citations).toEqual(
      expect.arrayContaining([{ source: key, paragraph: 2, quote: 'Chiều 8/3', aspect: 'schedule' }]),
    );
    // The new agenda item and presenter are added; the seeded items stay.
    expect(after.agenda).toHaveLength(seeded.agenda.length + 1);
    const added = after.agenda[after.agenda.length - 1];
    expect(added).toMatchObject({ title: 'Kỹ năng ứng xử với báo chí nước ngoài' });
    expect(added.presenters[0]).toMatchObject({ name: 'Đỗ Thanh Vân' });
    expect(added.citations[0]).toMatchObject({ source: key, paragraph: 3 });
    // Its count is a claim of the new source beside what the seed's sources reported.
    const participants = after.reportedCounts.find((c: { field: string }) => c.field === 'participant_count');
    expect(participants.claims).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          value: 700,
          qualifier: 'about',
          citations: [{ source: key, paragraph: 2, quote: 'khoảng 700 đại biểu', aspect: null }],
        }),
      ]),
    );
    expect(after.organisers.length).toBe(seeded.organisers.length);
    // What it says otherwise than the session is kept aside in the audit entry, not written over it.
    const [audit] = await query<{ after: { conflicts: { field: string; session: unknown; report: unknown }[] } }>(
      t,
      `SELECT after FROM audit_log WHERE action = 'session.source_imported' AND entity_id = $1`,
      [String(seeded.id)],
    );
    expect(audit.after.conflicts).toEqual([
      expect.objectContaining({
        field: 'venueName',
        session: seeded.venueName,
        report: 'Nhà văn hóa Thanh niên Thành phố Hồ Chí Minh',
      }),
    ]);
    // A count that disagrees with the seed's sources is a claim of the new one: the page flags the conflict.
    const topics = after.reportedCounts.find((c: { field: string }) => c.field === 'topic_count');
    expect(topics.conflict).toBe(true);
    expect(topics.claims.map((c: { value: number; citations: Cite[] }) => [c.value, c.citations[0].source])).toEqual([
      [2, '000'],
      [3, key],
    ]);
  });

  it('answers 404 for another organiser’s proposal, 403 to a delegate, and writes nothing', async () => {
    const proposal = await propose(organiser, REPORT);
    const before = await sources();
    expectProblem(await accept(otherOrganiser, proposal.id).expect(404), 404);
    expectProblem(await accept(delegate, proposal.id).expect(403), 403);
    expectProblem(await accept(organiser, 987654321).expect(404), 404);
    expect(await sources()).toBe(before);
  });

  it('refuses a merge into a session the organiser does not run (403) and a failing write mid-way, with nothing half-written', async () => {
    const proposal = await propose(scopedOrganiser, SECOND_REPORT);
    const before = [await sources(), await sessions()];
    expectProblem(await accept(scopedOrganiser, proposal.id).expect(403), 403);
    expect([await sources(), await sessions()]).toEqual(before);

    // The source is written before the session; a host that does not exist fails the session's
    // write, and the source goes with it.
    const mine = await propose(organiser, REPORT);
    expect(mine.sameEventAs).not.toBeNull();
    const bad = await accept(organiser, mine.id, { hostProvinceId: 999999, mergeIntoSessionId: null }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['hostProvinceId']);
    expect([await sources(), await sessions()]).toEqual(before);
    expect((await as(organiser).get(`/api/v1/imports/${mine.id}`).expect(200)).body.status).toBe('proposed');
    // It can still be accepted once the review is right.
    await accept(organiser, mine.id, { mergeIntoSessionId: null }).expect(200);
  });

  it('names the bad field of a review (in Vietnamese too)', async () => {
    const proposal = await propose(organiser, REPORT);
    const paths = async (review: object, language = 'en') => {
      const res = await accept(organiser, proposal.id, review).set('Accept-Language', language).expect(400);
      expectProblem(res, 400);
      return res.body.errors as { path: string; message: string }[];
    };
    expect((await paths({ title: 'Ngắn' }))[0].path).toBe('title');
    expect((await paths({ kind: 'party' }))[0].path).toBe('kind');
    expect((await paths({ startsOn: '16/10/2024' })).map((e) => e.path)).toContain('startsOn');
    expect((await paths({ startsOn: '2024-10-16', endsOn: '2024-10-15' }))[0].path).toBe('endsOn');
    expect((await paths({ partOfDay: 'noon' }))[0].path).toBe('partOfDay');
    expect((await paths({ hostProvinceId: -3 }))[0].path).toBe('hostProvinceId');
    expect((await paths({ surprise: 1 }))[0].path).toBe('surprise');
    expect(await paths({ exclude: ['items/7', 'speakers/0', 'counts/1'] })).toEqual([
      { path: 'exclude.0', message: expect.stringContaining('1 items') },
      { path: 'exclude.1', message: expect.any(String) },
    ]);
    const vi = await paths({ exclude: ['items/7'], endsOn: '2024-10-01' }, 'vi');
    expect(vi).toEqual([
      { path: 'exclude.0', message: 'bản đề xuất chỉ có 1 mục items (đánh số từ 0)' },
      { path: 'endsOn', message: 'không được trước ngày bắt đầu (startsOn)' },
    ]);
    // Still proposed: nothing was accepted by the refused reviews.
    expect((await as(organiser).get(`/api/v1/imports/${proposal.id}`).expect(200)).body.status).toBe('proposed');
  });

  it('refuses to accept a report without a title unless the review gives one', async () => {
    const text = 'Chiều 3/4/2024, nhiều cán bộ đã dự buổi sinh hoạt chuyên đề tại tỉnh Quảng Trị.';
    const proposal = await propose(organiser, text);
    expect(proposal.title).toBeNull();
    const res = await accept(organiser, proposal.id, { mergeIntoSessionId: null }).expect(400);
    expect(res.body.errors).toEqual([{ path: 'title', message: expect.any(String) }]);
    const ok = await accept(organiser, proposal.id, {
      title: 'Sinh hoạt chuyên đề thông tin đối ngoại tỉnh Quảng Trị',
      mergeIntoSessionId: null,
    }).expect(200);
    expect(ok.body.acceptedAs).toBe('new_session');
  });
});
