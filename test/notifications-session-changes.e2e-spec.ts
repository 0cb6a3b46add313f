import type { ParsedMail } from 'mailparser';
import { NotificationScan } from '@app/notifications';
import {
  bearer,
  count,
  delegateOf,
  icsLines,
  icsValue,
  provincesNamed,
  sessionOpenForRegistration,
  outboxSettled,
  SmtpSink,
  startTestApp,
  tokenFor,
  vnDayFromNow,
  waitUntil,
  type TestApp,
} from './support/fixtures';

/**
 * Changes of a published session (and the opening of its registration window) reach the people registered for it: a reschedule or a new
 * venue (one mail each, an updated invitation for those with a place), a cancellation (the
 * invitation's CANCEL), and an edit that rolled back (stale version) sends nothing. The real API
 * with its delivery worker and a real SMTP server in this process; every wait is for a state.
 */

const calendarOf = (mail: ParsedMail) => {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return part ? icsLines(part.content.toString('utf8')) : undefined;
};

const VN_DATE = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const vnDate = (iso: string) => VN_DATE.format(new Date(`${iso}T00:00:00+07:00`));
/** The invitation SEQUENCE the renderer would stamp now (seconds since 2025). */
const sequenceNow = () => Math.floor((Date.now() - Date.UTC(2025, 0, 1)) / 1000);

jest.setTimeout(180_000);

describe('notifications: session rescheduled, venue changed, cancelled', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let organiser: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({
      env: {
        SMTP_URL: sink.url,
        MAIL_WORKER: 'true',
        MAIL_POLL_INTERVAL_SECONDS: '0.5',
        MAIL_RETRY_DELAY_SECONDS: '1',
        MAIL_RETRY_DELAY_MAX_SECONDS: '2',
      },
    });
    organiser = await tokenFor(t, { role: 'organiser' });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('each registered person gets one mail per change; a stale edit sends none; a cancellation cancels the invitation', async () => {
    const [province] = await provincesNamed(t, 'Tuyên Quang');
    const delegate = await delegateOf(t, province);
    const title = 'Tập huấn thông tin đối ngoại đổi lịch';
    const sessionId = await sessionOpenForRegistration(
      t,
      organiser,
      { title, startsOn: vnDayFromNow(20) },
      { provinceIds: [province.id], quotas: [{ provinceId: province.id, quota: 2 }] },
    );
    const people = [
      { fullName: 'Nguyễn Văn An', phone: '0912400001', email: 'an@tq.test' },
      { fullName: 'Trần Thị Bình', phone: '0912400002', email: 'binh@tq.test' },
      { fullName: 'Lê Văn Cường', phone: '0912400003', email: 'cuong@tq.test' },
      { fullName: 'Phạm Thị Dung', phone: '0912400004' },
    ];
    const statuses: string[] = [];
    for (const person of people) {
      const res = await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/registrations`)
        .set(bearer(delegate))
        .send({ ...person, agency: 'Sở Văn hóa, Thể thao và Du lịch' })
        .expect(201);
      statuses.push(res.body.status);
    }
    expect(statuses).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    await outboxSettled(t);
    const addresses = ['an@tq.test', 'binh@tq.test', 'cuong@tq.test'];
    const before = Object.fromEntries(addresses.map((a) => [a, sink.to(a).length]));
    const invitation = calendarOf(sink.to('an@tq.test')[0])!;
    const detail = await t.http().get(`/api/v1/sessions/${sessionId}`).set(bearer(organiser)).expect(200);
    const version = detail.body.version as number;

    // A stale edit is refused and rolls back: nothing is written to the outbox.
    const newDay = vnDayFromNow(27);
    await t
      .http()
      .patch(`/api/v1/sessions/${sessionId}`)
      .set(bearer(organiser))
      .send({ version: version - 1, startsOn: newDay, endsOn: newDay })
      .expect(409);
    expect(await count(t, `SELECT count(*) AS n FROM notification_message WHERE template = 'session_changed'`)).toBe(0);

    // The new invitation must out-rank the first one: wait for the clock to leave its second.
    const firstSequence = Number(icsValue(invitation, 'SEQUENCE'));
    await waitUntil(() => sequenceNow() > firstSequence, 'a later second than the first invitation');
    const rescheduled = await t
      .http()
      .patch(`/api/v1/sessions/${sessionId}`)
      .set(bearer(organiser))
      .send({ version, startsOn: newDay, endsOn: newDay })
      .expect(200);
    await outboxSettled(t);
    for (const address of addresses) {
      const mails = sink.to(address).slice(before[address]);
      expect(mails.map((mail) => mail.subject)).toEqual([`Thay đổi thời gian: ${title}`]);
      expect(mails[0].text).toContain(`Thời gian: ${vnDate(newDay)}`);
      expect(mails[0].text).toContain(`trước đây: ${vnDate(vnDayFromNow(20))}`);
    }
    const update = calendarOf(sink.to('an@tq.test').at(-1)!)!;
    expect(icsValue(update, 'METHOD')).toBe('REQUEST');
    expect(icsValue(update, 'UID')).toBe(icsValue(invitation, 'UID'));
    expect(icsValue(update, 'DTSTART')).toBe(newDay.replace(/-/g, ''));
    expect(Number(icsValue(update, 'SEQUENCE'))).toBeGreaterThan(firstSequence);
    // Who only waits for a place was never invited: no calendar entry to update.
    expect(calendarOf(sink.to('cuong@tq.test').at(-1)!)).toBeUndefined();

    // An edit that changes neither dates nor venue tells nobody; a new venue does.
    const renamed = await t
      .http()
      .patch(`/api/v1/sessions/${sessionId}`)
      .set(bearer(organiser))
      .send({ version: rescheduled.body.version, note: 'Đại biểu mang theo máy tính xách tay' })
      .expect(200);
    await t
      .http()
      .patch(`/api/v1/sessions/${sessionId}`)
      .set(bearer(organiser))
      .send({ version: renamed.body.version, venueName: 'Hội trường Tỉnh ủy Tuyên Quang' })
      .expect(200);
    await outboxSettled(t);
    for (const address of addresses) {
      expect(
        sink
          .to(address)
          .slice(before[address])
          .map((mail) => mail.subject),
      ).toEqual([`Thay đổi thời gian: ${title}`, `Thay đổi địa điểm: ${title}`]);
    }
    expect(sink.to('an@tq.test').at(-1)!.text).toContain('Địa điểm: Hội trường Tỉnh ủy Tuyên Quang');

    await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/status`)
      .set(bearer(organiser))
      .send({ status: 'cancelled', reason: 'Thay đổi kế hoạch công tác' })
      .expect(200);
    await outboxSettled(t);
    for (const address of addresses) {
      const last = sink.to(address).slice(before[address]);
      expect(last).toHaveLength(3);
      expect(last[2].subject).toBe(`Hủy hội nghị: ${title}`);
      expect(last[2].text).toContain('Lý do: Thay đổi kế hoạch công tác');
    }
    const cancel = calendarOf(sink.to('binh@tq.test').at(-1)!)!;
    expect(icsValue(cancel, 'METHOD')).toBe('CANCEL');
    expect(icsValue(cancel, 'UID')).toBe(icsValue(calendarOf(sink.to('binh@tq.test')[0])!, 'UID'));
    expect(calendarOf(sink.to('cuong@tq.test').at(-1)!)).toBeUndefined();

    const ids = sink.messages.map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a registration window that opens mails each delegate of an invited province once per session', async () => {
    const [tuyenQuang, laoCai, thaiNguyen] = await provincesNamed(t, 'Tuyên Quang', 'Lào Cai', 'Thái Nguyên');
    const title = 'Tập huấn mở đăng ký theo lịch';
    const opensAt = Date.now() + 10 * 60_000;
    await sessionOpenForRegistration(
      t,
      organiser,
      { title, startsOn: vnDayFromNow(30) },
      {
        provinceIds: [tuyenQuang.id, laoCai.id],
        opensAt: new Date(opensAt),
        closesAt: new Date(opensAt + 86_400_000),
        quotas: [
          { provinceId: tuyenQuang.id, quota: 5 },
          { provinceId: laoCai.id, quota: 3 },
        ],
      },
    );
    await tokenFor(t, { role: 'province_delegate', provinceId: tuyenQuang.id, email: 'mo-dk@tq.test' });
    await tokenFor(t, { role: 'province_delegate', provinceId: laoCai.id, email: 'mo-dk@lc.test' });
    await tokenFor(t, { role: 'province_delegate', provinceId: thaiNguyen.id, email: 'mo-dk@tn.test' });
    const quiet = await tokenFor(t, { role: 'province_delegate', provinceId: laoCai.id, email: 'mo-dk-2@lc.test' });
    await t
      .http()
      .put('/api/v1/notifications/preferences')
      .set(bearer(quiet))
      .send({ disabled: ['delegate_updates'] })
      .expect(200);

    const scan = t.app.get(NotificationScan);
    // Before the window opens nothing is due; after, three overlapping scans announce it once.
    expect((await scan.run(new Date(opensAt - 60_000))).openings).toBe(0);
    const later = new Date(opensAt + 60_000);
    const runs = await Promise.all([scan.run(later), scan.run(later), scan.run(later)]);
    // Every delegate of the two invited provinces (the first test made one too) but the quiet one.
    const delegates = await count(
      t,
      `SELECT count(*) AS n FROM user_role WHERE role = 'province_delegate' AND province_id = ANY($1::int[])`,
      [[tuyenQuang.id, laoCai.id]],
    );
    expect(runs.reduce((sum, run) => sum + run.openings, 0)).toBe(delegates - 1);
    await outboxSettled(t);

    const toTuyenQuang = sink.to('mo-dk@tq.test');
    expect(toTuyenQuang.map((mail) => mail.subject)).toEqual([`Mở đăng ký — Tuyên Quang: ${title}`]);
    expect(toTuyenQuang[0].text).toContain('chỉ tiêu: 5 người');
    expect(sink.to('mo-dk@lc.test').map((mail) => mail.subject)).toEqual([`Mở đăng ký — Lào Cai: ${title}`]);
    // Not invited, or turned delegate mail off: nothing.
    expect(sink.to('mo-dk@tn.test')).toHaveLength(0);
    expect(sink.to('mo-dk-2@lc.test')).toHaveLength(0);
  });
  it('a window that opened before the session was opened for registration is announced at the next scan, and so is a delegate appointed later', async () => {
    const [caMau] = await provincesNamed(t, 'Cà Mau');
    const title = 'Tập huấn mở đăng ký muộn';
    const as = bearer(organiser);
    // The window's start is two hours gone when the organiser finally opens registration.
    const sessionId = await sessionOpenForRegistration(
      t,
      organiser,
      { title, startsOn: vnDayFromNow(25) },
      {
        provinceIds: [caMau.id],
        status: 'scheduled',
        opensAt: new Date(Date.now() - 2 * 3_600_000),
        closesAt: new Date(Date.now() + 7 * 86_400_000),
        quotas: [{ provinceId: caMau.id, quota: 4 }],
      },
    );
    await tokenFor(t, { role: 'province_delegate', provinceId: caMau.id, email: 'muon-1@cm.test' });
    const scan = t.app.get(NotificationScan);
    // Not open for registration yet: nothing to announce.
    expect((await scan.run(new Date())).openings).toBe(0);
    await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/status`)
      .set(as)
      .send({ status: 'registration_open' })
      .expect(200);
    const delegates = await count(
      t,
      `SELECT count(*) AS n FROM user_role WHERE role = 'province_delegate' AND province_id = $1`,
      [caMau.id],
    );
    expect((await scan.run(new Date())).openings).toBe(delegates);
    expect((await scan.run(new Date())).openings).toBe(0);
    // A delegate appointed while the window is open is told at the next scan, the others not again.
    await tokenFor(t, { role: 'province_delegate', provinceId: caMau.id, email: 'muon-2@cm.test' });
    expect((await scan.run(new Date())).openings).toBe(1);
    await outboxSettled(t);
    expect(sink.to('muon-1@cm.test').map((mail) => mail.subject)).toEqual([`Mở đăng ký — Cà Mau: ${title}`]);
    expect(sink.to('muon-2@cm.test').map((mail) => mail.subject)).toEqual([`Mở đăng ký — Cà Mau: ${title}`]);
  });
});
