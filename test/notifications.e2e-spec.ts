import type { ParsedMail } from 'mailparser';
import {
  bearer,
  count,
  delegateOf,
  expectProblem,
  icsLines,
  icsValue,
  provincesNamed,
  query,
  sessionOpenForRegistration,
  mailWorkerEnv,
  outboxSettled,
  SmtpSink,
  startTestApp,
  tokenFor,
  vnDayFromNow,
  waitUntil,
  type Province,
  type TestApp,
} from './support/fixtures';

/**
 * E-mail notifications end to end: the real API with its delivery worker, pg-boss on the test
 * database, and a real SMTP server in this process (smtp-server). Nothing here waits for a guessed
 * time: every wait is for a state (a message arrived, the outbox settled).
 */

const WORKER_ENV = (sink: SmtpSink, extra: Record<string, string> = {}) =>
  mailWorkerEnv(sink, { MAIL_MAX_ATTEMPTS: '30', ...extra });

const person = (fullName: string, phone: string, email?: string) => ({
  fullName,
  agency: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  phone,
  ...(email ? { email } : {}),
});

const calendarOf = (mail: ParsedMail) => {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return part ? icsLines(part.content.toString('utf8')) : undefined;
};

/** Every Message-ID the sink received, each once: no message was delivered twice. */
const expectNoDuplicates = (sink: SmtpSink) => {
  const ids = sink.messages.map((mail) => mail.messageId);
  expect(new Set(ids).size).toBe(ids.length);
};

jest.setTimeout(180_000);

describe('notifications: outbox, delivery, templates', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let organiser: string;
  let tuyenQuang: Province;
  let tqDelegate: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ env: WORKER_ENV(sink) });
    [tuyenQuang] = await provincesNamed(t, 'Tuyên Quang');
    organiser = await tokenFor(t, { role: 'organiser' });
    tqDelegate = await delegateOf(t, tuyenQuang);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const openSession = (title: string, quota: number, moderated = false) =>
    sessionOpenForRegistration(
      t,
      organiser,
      { title, startsOn: vnDayFromNow(20) },
      { provinceIds: [tuyenQuang.id], quotas: [{ provinceId: tuyenQuang.id, quota }], moderated },
    );

  it('sends the confirmation to the person: Vietnamese subject, inline QR image and a parseable invitation', async () => {
    const sessionId = await openSession('Hội nghị tập huấn công tác thông tin đối ngoại năm nay', 5);
    const registered = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations`)
      .set(bearer(tqDelegate))
      .send(person('Nguyễn Thị Ánh Tuyết', '0912300001', 'anh.tuyet@tuyenquang.test'))
      .expect(201);
    expect(registered.body.status).toBe('confirmed');
    await waitUntil(() => sink.to('anh.tuyet@tuyenquang.test').length > 0, 'the confirmation arrives');

    const [mail] = sink.to('anh.tuyet@tuyenquang.test');
    expect(mail.subject).toBe('Xác nhận đăng ký: Hội nghị tập huấn công tác thông tin đối ngoại năm nay');
    expect(mail.text).toContain('Kính gửi Nguyễn Thị Ánh Tuyết');
    expect(mail.html).toContain('cid:qr@ttdn');
    const qr = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(qr?.contentId).toBe('<qr@ttdn>');
    expect(qr!.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const ics = calendarOf(mail)!;
    expect(icsValue(ics, 'METHOD')).toBe('REQUEST');
    expect(icsValue(ics, 'SUMMARY')).toBe('Hội nghị tập huấn công tác thông tin đối ngoại năm nay');
    expect(icsValue(ics, 'DTSTART')).toBe(vnDayFromNow(20).replace(/-/g, ''));
    const uid = icsValue(ics, 'UID');
    expect(uid).toMatch(new RegExp(`^registration-${registered.body.id}@`));

    // Withdrawing sends the cancellation of that same invitation.
    await t
      .http()
      .post(`/api/v1/registrations/${registered.body.id}/withdraw`)
      .set(bearer(tqDelegate))
      .send({ reason: 'Bận công tác' })
      .expect(200);
    await waitUntil(() => sink.to('anh.tuyet@tuyenquang.test').length === 2, 'the withdrawal arrives');
    const cancel = sink.to('anh.tuyet@tuyenquang.test')[1];
    expect(cancel.subject).toContain('Đã rút đăng ký');
    const cancelled = calendarOf(cancel)!;
    expect(icsValue(cancelled, 'METHOD')).toBe('CANCEL');
    expect(icsValue(cancelled, 'UID')).toBe(uid);
    expect(Number(icsValue(cancelled, 'SEQUENCE'))).toBeGreaterThanOrEqual(Number(icsValue(ics, 'SEQUENCE')));
  });

  it('a promotion from the waitlist sends exactly one mail to the person, and one notice to the delegate', async () => {
    const sessionId = await openSession('Tập huấn danh sách chờ', 1);
    const first = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations`)
      .set(bearer(tqDelegate))
      .send(person('Hoàng Văn Chính', '0912300011', 'chinh@tuyenquang.test'))
      .expect(201);
    const second = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations`)
      .set(bearer(tqDelegate))
      .send(person('Lý Thị Mai', '0912300012', 'mai@tuyenquang.test'))
      .expect(201);
    expect(second.body.status).toBe('waitlisted');
    // The organiser withdraws the first person: the place goes to the waitlisted one.
    await t
      .http()
      .post(`/api/v1/registrations/${first.body.id}/withdraw`)
      .set(bearer(organiser))
      .send({ reason: 'Thay đổi nhân sự' })
      .expect(200);
    await outboxSettled(t);
    const toMai = sink.to('mai@tuyenquang.test').map((mail) => mail.subject);
    expect(toMai).toEqual([
      'Đưa vào danh sách chờ: Tập huấn danh sách chờ',
      'Đã có chỗ tham dự (từ danh sách chờ): Tập huấn danh sách chờ',
    ]);
    expect(toMai.filter((subject) => subject!.startsWith('Đã có chỗ'))).toHaveLength(1);
    const promoted = sink.to('mai@tuyenquang.test')[1];
    expect(promoted.attachments.some((a) => a.contentType === 'image/png')).toBe(true);
    const [delegate] = await query<{ email: string }>(
      t,
      `SELECT u.email FROM app_user u JOIN registration r ON r.created_by = u.id WHERE r.id = $1`,
      [second.body.id],
    );
    const notices = sink.to(delegate.email).filter((mail) => mail.subject?.includes('Lý Thị Mai'));
    expect(notices.map((mail) => mail.subject)).toEqual(['Lý Thị Mai: đã xác nhận — Tập huấn danh sách chờ']);
    expectNoDuplicates(sink);
  });

  it('a rolled-back registration sends nothing: refused duplicates, the losers of a race for one person, a refused upload', async () => {
    const sessionId = await openSession('Tập huấn không gửi thừa', 50);
    await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations`)
      .set(bearer(tqDelegate))
      .send(person('Đặng Thị Hoa', '0912300021', 'hoa@tuyenquang.test'))
      .expect(201);
    await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations`)
      .set(bearer(tqDelegate))
      .send(person('Dang Thi  Hoa', '0912 300 021', 'hoa@tuyenquang.test'))
      .expect(409);

    // 100 simultaneous registrations of one new person: one wins, 99 roll back after their insert.
    const racers = await Promise.all(
      Array.from({ length: 100 }, () =>
        t
          .http()
          .post(`/api/v1/sessions/${sessionId}/registrations`)
          .set(bearer(tqDelegate))
          .send(person('Ma Văn Sơn', '0912300022', 'son@tuyenquang.test')),
      ),
    );
    expect(racers.filter((res) => res.status === 201)).toHaveLength(1);
    expect(racers.filter((res) => res.status === 409)).toHaveLength(99);

    // An upload with one bad row registers nobody, so mails nobody.
    await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations/bulk`)
      .set(bearer(tqDelegate))
      .set('content-type', 'text/csv')
      .send('Họ và tên,Cơ quan,Điện thoại,Email\nLa Văn Tâm,Sở Ngoại vụ,0912300023,tam@tuyenquang.test\nX,,,\n')
      .expect(400);

    await outboxSettled(t);
    expect(sink.to('hoa@tuyenquang.test')).toHaveLength(1);
    expect(sink.to('son@tuyenquang.test')).toHaveLength(1);
    expect(sink.to('tam@tuyenquang.test')).toHaveLength(0);
    // The quarter-hour scan may also have told the delegate that the window is open (rightly).
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM notification_message WHERE session_id = $1 AND template <> 'registration_opened'`,
        [sessionId],
      ),
    ).toBe(2);
    expectNoDuplicates(sink);
  });

  it('keeps messages queued while the SMTP server is down, then delivers each once when it is back', async () => {
    const sessionId = await openSession('Tập huấn khi máy chủ thư ngừng', 20);
    await sink.stop();
    const addresses = Array.from({ length: 6 }, (_, i) => `down-${i}@tuyenquang.test`);
    for (const [i, address] of addresses.entries()) {
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/registrations`)
        .set(bearer(tqDelegate))
        .send(person(`Triệu Văn Đức ${'ABCDEF'[i]}`, `091230003${i}`, address))
        .expect(201);
    }
    const failedAttempts = `SELECT count(*) AS n FROM notification_message WHERE session_id = $1 AND state = 'failed' AND attempts >= 2 AND last_error IS NOT NULL`;
    await waitUntil(async () => (await count(t, failedAttempts, [sessionId])) === 6, 'every message failed twice', {
      intervalMs: 100,
      maxAttempts: 1200,
    });
    expect(addresses.flatMap((address) => sink.to(address))).toHaveLength(0);
    const listed = await t
      .http()
      .get('/api/v1/notifications/messages')
      .query({ state: 'failed', session: sessionId })
      .set(bearer(await tokenFor(t, { role: 'admin' })))
      .expect(200);
    expect(listed.body.page.total).toBe(6);
    expect(listed.body.items[0].lastError).toMatch(/ECONNREFUSED|connect/i);

    await sink.start();
    await outboxSettled(t);
    for (const address of addresses) expect(sink.to(address)).toHaveLength(1);
    expectNoDuplicates(sink);
  });

  it('mail to one person arrives in the order it was written, although several deliveries run at once', async () => {
    const address = 'thu.tu@tuyenquang.test';
    const titles = Array.from({ length: 8 }, (_, i) => `Tập huấn thứ tự thư ${i + 1}`);
    const sessionIds: number[] = [];
    for (const title of titles) sessionIds.push(await openSession(title, 5));
    // Refused at first: every message to the address is waiting at once, with retries due
    // together once the mailbox takes mail again — the case where order is easiest to lose.
    sink.refuse(address);
    for (const sessionId of sessionIds) {
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/registrations`)
        .set(bearer(tqDelegate))
        .send(person('Đinh Thị Thu', '0912300051', address))
        .expect(201);
    }
    await waitUntil(
      async () =>
        (await count(t, `SELECT count(*) AS n FROM notification_message WHERE recipient_email = $1 AND attempts > 0`, [
          address,
        ])) > 0,
      'a first delivery is refused',
    );
    sink.accept(address);
    await outboxSettled(t);
    const subjects = sink.to(address).map((mail) => mail.subject!);
    expect(subjects).toHaveLength(titles.length);
    expect(subjects.map((subject) => titles.find((title) => subject.endsWith(title)))).toEqual(titles);
    expectNoDuplicates(sink);
  });

  it('a dead message is listed with its last error, and an administrator can retry it', async () => {
    const admin = await tokenFor(t, { role: 'admin' });
    const sessionId = await openSession('Tập huấn thư không gửi được', 5);
    sink.refuse('no-such-box@tuyenquang.test');
    await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations`)
      .set(bearer(tqDelegate))
      .send(person('Vi Thị Lan', '0912300041', 'no-such-box@tuyenquang.test'))
      .expect(201);
    // The queue's attempts are 30 here; push this message to its last one to see it die.
    await query(t, `UPDATE notification_message SET attempts = 29 WHERE session_id = $1`, [sessionId]);
    await waitUntil(
      async () =>
        (await count(t, `SELECT count(*) AS n FROM notification_message WHERE session_id = $1 AND state = 'dead'`, [
          sessionId,
        ])) === 1,
      'the message is dead',
      { intervalMs: 100, maxAttempts: 1200 },
    );
    const dead = await t
      .http()
      .get('/api/v1/notifications/messages')
      .query({ state: 'dead', session: sessionId })
      .set(bearer(admin))
      .expect(200);
    expect(dead.body.items).toEqual([
      expect.objectContaining({
        recipient: 'no-such-box@tuyenquang.test',
        state: 'dead',
        lastError: expect.stringMatching(/550/),
      }),
    ]);
    const id = dead.body.items[0].id;
    // Only administrators see the outbox; only a dead or unconfirmed message is retried.
    await t.http().get('/api/v1/notifications/messages').set(bearer(organiser)).expect(403);
    expectProblem(await t.http().post(`/api/v1/notifications/messages/999999/retry`).set(bearer(admin)), 404);
    sink.accept('no-such-box@tuyenquang.test');
    const retried = await t.http().post(`/api/v1/notifications/messages/${id}/retry`).set(bearer(admin)).expect(200);
    expect(retried.body).toEqual(expect.objectContaining({ state: 'queued', attempts: 0 }));
    await outboxSettled(t);
    expect(sink.to('no-such-box@tuyenquang.test')).toHaveLength(1);
    expectProblem(await t.http().post(`/api/v1/notifications/messages/${id}/retry`).set(bearer(admin)), 409);
  });

  it('each user turns categories off in their account; mail about a person’s own registration stays on', async () => {
    const me = await t.http().get('/api/v1/notifications/preferences').set(bearer(tqDelegate)).expect(200);
    expect(me.body).toEqual({
      categories: expect.arrayContaining(['delegate_updates', 'session_changes']),
      disabled: [],
    });
    const bad = await t
      .http()
      .put('/api/v1/notifications/preferences')
      .set(bearer(tqDelegate))
      .set('accept-language', 'vi')
      .send({ disabled: ['registration'] });
    expectProblem(bad, 400);
    expect(bad.body.errors[0].path).toMatch(/^disabled/);
    const set = await t
      .http()
      .put('/api/v1/notifications/preferences')
      .set(bearer(tqDelegate))
      .send({ disabled: ['delegate_updates'] })
      .expect(200);
    expect(set.body.disabled).toEqual(['delegate_updates']);

    const sessionId = await openSession('Tập huấn không nhận thư tổng hợp', 10);
    await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations/bulk`)
      .set(bearer(tqDelegate))
      .set('content-type', 'text/csv')
      .send('Họ và tên,Cơ quan,Điện thoại,Email\nLa Văn Tâm,Sở Ngoại vụ,0912300051,tam2@tuyenquang.test\n')
      .expect(201);
    await outboxSettled(t);
    expect(sink.to('tam2@tuyenquang.test')).toHaveLength(1);
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM notification_message WHERE session_id = $1 AND category = 'delegate_updates'`,
        [sessionId],
      ),
    ).toBe(0);
    await t.http().put('/api/v1/notifications/preferences').set(bearer(tqDelegate)).send({ disabled: [] }).expect(200);
  });
});
