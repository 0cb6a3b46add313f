import { Global, Module } from '@nestjs/common';
import { AFTER_SEND_PROBE, NotificationScan } from '@app/notifications';
import {
  bearer,
  count,
  delegateOf,
  HOUR,
  openRegistration,
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
 * Notifications across processes: two API instances (each with its delivery worker and pg-boss)
 * on one database, a worker that dies between the send and the mark, a 500-person upload, and the
 * scheduled scan run by two processes at once. Every wait is for a state, never for a time.
 */
jest.setTimeout(240_000);

const settled = (t: TestApp) => outboxSettled(t, { intervalMs: 200, maxAttempts: 1000 });

/**
 * The scan (a pg-boss cron entry at every quarter hour) tells each delegate of a window open now
 * that it is open: when a test happens to span a :00/:15/:30/:45 tick, that notice is sent too.
 * It is right to send it, so the counts below leave it out rather than stop the scan.
 */
const WINDOW_NOTICE = 'Mở đăng ký — ';
const NOT_WINDOW_NOTICE = `template <> 'registration_opened'`;
const besidesWindowNotices = (sink: SmtpSink) =>
  sink.messages.filter((mail) => !mail.subject?.startsWith(WINDOW_NOTICE));

const expectEachOnce = (sink: SmtpSink) => {
  const ids = sink.messages.map((mail) => mail.messageId);
  expect(new Set(ids).size).toBe(ids.length);
};

const csv = (rows: { name: string; phone: string; email?: string }[]) =>
  'Họ và tên,Cơ quan,Điện thoại,Email\n' +
  rows.map((row) => `${row.name},Sở Thông tin và Truyền thông,${row.phone},${row.email ?? ''}`).join('\n') +
  '\n';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Mai', 'Nam'];
const people = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    name: `${FAMILY[i % 10]} ${MIDDLE[Math.floor(i / 10) % 5]} ${GIVEN[Math.floor(i / 50) % 10]}`,
    phone: `09${String(10_000_000 + i).padStart(8, '0')}`,
    email: `${tag}-${i}@tinh.test`,
  }));

describe('notifications across processes', () => {
  let sink: SmtpSink;
  let a: TestApp;
  let b: TestApp | undefined;
  let organiser: string;
  let province: Province;
  let delegate: string;
  /** Set by a test to make the worker of app A "die" after the server accepted a message. */
  let freezeAfterSend = false;
  const frozen: number[] = [];

  @Global()
  @Module({
    providers: [
      {
        provide: AFTER_SEND_PROBE,
        useValue: async (messageId: number) => {
          if (!freezeAfterSend) return;
          frozen.push(messageId);
          // The process "dies" here: this delivery never reaches its mark.
          await new Promise(() => undefined);
        },
      },
    ],
    exports: [AFTER_SEND_PROBE],
  })
  class CrashProbe {}

  beforeAll(async () => {
    sink = await SmtpSink.start();
    a = await startTestApp({ env: mailWorkerEnv(sink, { MAIL_SEND_TIMEOUT_MS: '1000' }), extraImports: [CrashProbe] });
    [province] = await provincesNamed(a, 'Lào Cai');
    organiser = await tokenFor(a, { role: 'organiser' });
    delegate = await delegateOf(a, province);
  });
  afterAll(async () => {
    await b?.close();
    await a.app.close().catch(() => undefined);
    await a.db.drop();
    await sink.stop();
  });

  const openSession = (title: string, quota: number, startsOn = vnDayFromNow(20)) =>
    sessionOpenForRegistration(
      a,
      organiser,
      { title, startsOn },
      { provinceIds: [province.id], quotas: [{ provinceId: province.id, quota }] },
    );

  it('a bulk upload of 500 answers before any mail is delivered, then sends one digest and one mail per address', async () => {
    // Its own process, with the default delivery time limit: the held messages must not time out.
    const t = await startTestApp({ env: mailWorkerEnv(sink) });
    try {
      const organiserToken = await tokenFor(t, { role: 'organiser' });
      const sessionId = await sessionOpenForRegistration(
        t,
        organiserToken,
        { title: 'Tập huấn đăng ký theo danh sách lớn', startsOn: vnDayFromNow(20) },
        { provinceIds: [province.id], quotas: [{ provinceId: province.id, quota: 400 }] },
      );
      const delegate = await delegateOf(t, province);
      // The last 20 have no address: they get no mail, but are in the digest.
      const rows = people(500, 'bulk').map((row, i): { name: string; phone: string; email?: string } =>
        i < 480 ? row : { name: row.name, phone: row.phone },
      );
      sink.hold();
      const res = await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/registrations/bulk`)
        .set(bearer(delegate))
        .set('content-type', 'text/csv')
        .send(csv(rows));
      expect(res.status).toBe(201);
      expect(res.body.created).toBe(500);
      // The SMTP server holds every message until released: the answer did not wait for delivery.
      expect(sink.messages).toHaveLength(0);
      expect(
        await count(
          t,
          `SELECT count(*) AS n FROM notification_message WHERE session_id = $1 AND ${NOT_WINDOW_NOTICE}`,
          [sessionId],
        ),
      ).toBe(481);
      sink.release();
      await settled(t);
      const digests = sink.messages.filter((mail) => mail.subject?.startsWith('Kết quả đăng ký theo danh sách'));
      expect(digests).toHaveLength(1);
      expect(digests[0].subject).toBe(
        'Kết quả đăng ký theo danh sách (500 người) — Lào Cai: Tập huấn đăng ký theo danh sách lớn',
      );
      expect(digests[0].text).toContain('400 xác nhận, 100 danh sách chờ');
      for (const row of rows.slice(0, 480)) expect(sink.to(row.email!)).toHaveLength(1);
      expect(besidesWindowNotices(sink)).toHaveLength(481);
      expect(
        await count(t, `SELECT count(*) AS n FROM notification_message WHERE state = 'sent' AND ${NOT_WINDOW_NOTICE}`),
      ).toBe(481);
      expectEachOnce(sink);
    } finally {
      await t.close();
    }
  });

  it('a worker killed between the send and the mark does not send the message again', async () => {
    const sessionId = await openSession('Tập huấn khi tiến trình gửi thư bị dừng', 10);
    freezeAfterSend = true;
    await a
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations`)
      .set(bearer(delegate))
      .send({
        fullName: 'Giàng Thị Máy',
        agency: 'Hội Liên hiệp Phụ nữ tỉnh',
        phone: '0915000001',
        email: 'may@laocai.test',
      })
      .expect(201);
    await waitUntil(() => frozen.length === 1 && sink.to('may@laocai.test').length === 1, 'the message was accepted');
    const [row] = await query<{ state: string }>(a, `SELECT state FROM notification_message WHERE id = $1`, [
      frozen[0],
    ]);
    // "sending" until its lease (1 s here) runs out, then reconciled by whichever worker sweeps first.
    expect(['sending', 'unconfirmed']).toContain(row.state);
    // Process A dies; process B starts on the same database.
    await a.app.close();
    // B has the ordinary time limit: the row's lease is the one A recorded with its claim.
    b = await startTestApp({ env: mailWorkerEnv(sink), databaseUrl: () => a.db.url });
    await waitUntil(
      async () =>
        (await query<{ state: string }>(b!, `SELECT state FROM notification_message WHERE id = $1`, [frozen[0]]))[0]
          .state === 'unconfirmed',
      'the interrupted message is reconciled',
      { intervalMs: 100, maxAttempts: 1500 },
    );
    // B delivers what comes next, and never the interrupted message a second time.
    const token = await delegateOf(b, province);
    await b
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations`)
      .set(bearer(token))
      .send({ fullName: 'Sùng Văn Pao', agency: 'Hội Nông dân tỉnh', phone: '0915000002', email: 'pao@laocai.test' })
      .expect(201);
    await waitUntil(() => sink.to('pao@laocai.test').length === 1, 'the next message arrives');
    await settled(b);
    expect(sink.to('may@laocai.test')).toHaveLength(1);
    const admin = await tokenFor(b, { role: 'admin' });
    const listed = await b
      .http()
      .get('/api/v1/notifications/messages')
      .query({ state: 'unconfirmed', session: sessionId })
      .set(bearer(admin))
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ recipient: 'may@laocai.test', lastError: expect.stringMatching(/not resent/) }),
    ]);
  });

  it('two processes on one database deliver each message once', async () => {
    const first = b!;
    const second = await startTestApp({ env: mailWorkerEnv(sink), databaseUrl: () => a.db.url });
    try {
      const before = besidesWindowNotices(sink).length;
      const token = await delegateOf(first, province);
      const sessionId = (
        await first
          .http()
          .post('/api/v1/sessions')
          .set(bearer(await tokenFor(first, { role: 'organiser' })))
          .send({ title: 'Tập huấn hai tiến trình', kind: 'training_conference', startsOn: vnDayFromNow(25) })
          .expect(201)
      ).body.id as number;
      await openRegistration(first, await tokenFor(first, { role: 'organiser' }), sessionId, {
        provinceIds: [province.id],
        quotas: [{ provinceId: province.id, quota: 200 }],
      });
      // Requests to both processes, 20 at a time (three apps share the test cluster's connections);
      // both workers compete for the jobs meanwhile.
      const rows = people(120, 'two');
      for (let start = 0; start < rows.length; start += 20) {
        await Promise.all(
          rows
            .slice(start, start + 20)
            .map((row, i) =>
              (i % 2 === 0 ? first : second)
                .http()
                .post(`/api/v1/sessions/${sessionId}/registrations`)
                .set(bearer(token))
                .send({ fullName: row.name, agency: 'Sở Ngoại vụ', phone: row.phone, email: row.email })
                .expect(201),
            ),
        );
      }
      await settled(first);
      expect(besidesWindowNotices(sink).length - before).toBe(120);
      for (const row of rows) expect(sink.to(row.email)).toHaveLength(1);
      expectEachOnce(sink);
    } finally {
      await second.close();
    }
  });

  it('the scheduled scan enqueues each reminder and briefing once, even run by two processes at once', async () => {
    const first = b!;
    const second = await startTestApp({ env: mailWorkerEnv(sink), databaseUrl: () => a.db.url });
    try {
      const organiserToken = await tokenFor(first, { role: 'organiser' });
      const sessionId = (
        await first
          .http()
          .post('/api/v1/sessions')
          .set(bearer(organiserToken))
          .send({ title: 'Tập huấn ngày mai', kind: 'training_conference', startsOn: vnDayFromNow(1) })
          .expect(201)
      ).body.id as number;
      await openRegistration(first, organiserToken, sessionId, {
        provinceIds: [province.id],
        quotas: [{ provinceId: province.id, quota: 10 }],
      });
      await tokenFor(first, { role: 'coordinator', sessionId, email: 'dieu-phoi@laocai.test' });
      const token = await delegateOf(first, province);
      for (const [i, email] of ['nhac-1@laocai.test', 'nhac-2@laocai.test'].entries()) {
        await first
          .http()
          .post(`/api/v1/sessions/${sessionId}/registrations`)
          .set(bearer(token))
          .send({ fullName: `Lò Văn ${['Hùng', 'Dũng'][i]}`, agency: 'Sở Văn hóa', phone: `091600000${i}`, email })
          .expect(201);
      }
      // 48 hours ahead covers tomorrow's 08:00 whatever the hour of the test.
      const now = new Date();
      const reminderWindowMs = 48 * HOUR;
      const scanA = first.app.get(NotificationScan);
      const scanB = second.app.get(NotificationScan);
      const runs = await Promise.all([
        scanA.run(now, reminderWindowMs),
        scanB.run(now, reminderWindowMs),
        scanA.run(now, reminderWindowMs),
      ]);
      const total = (key: 'reminders' | 'briefings') => runs.reduce((sum, run) => sum + run[key], 0);
      expect(total('reminders')).toBe(2);
      expect(total('briefings')).toBe(1);
      await settled(first);
      for (const email of ['nhac-1@laocai.test', 'nhac-2@laocai.test']) {
        const reminders = sink.to(email).filter((mail) => mail.subject?.startsWith('Nhắc lịch: Tập huấn ngày mai'));
        expect(reminders).toHaveLength(1);
        expect(reminders[0].attachments.some((part) => part.contentType === 'image/png')).toBe(true);
        expect(reminders[0].attachments.some((part) => part.contentType.startsWith('text/calendar'))).toBe(true);
      }
      const briefing = sink.to('dieu-phoi@laocai.test');
      expect(briefing).toHaveLength(1);
      expect(briefing[0].subject).toBe('Ngày mai: Tập huấn ngày mai — 2 người đã xác nhận');
      expect(briefing[0].text).toContain(`/api/v1/sessions/${sessionId}/attendance.xlsx`);
      expectEachOnce(sink);
    } finally {
      await second.close();
    }
  });
});
