import { invitation } from './ics';

const session = {
  id: 7,
  title: 'Hội nghị tập huấn, thông tin đối ngoại; năm nay',
  startsOn: '2026-03-08',
  endsOn: '2026-03-09',
  venue: 'Hội trường A, Tuyên Quang',
  status: 'registration_open',
  startsAt: null,
  endsAt: null,
};

describe('invitation (.ics)', () => {
  it('is a REQUEST with escaped Vietnamese text, all-day dates when no part is known, CRLF lines of at most 75 octets', () => {
    const text = invitation({
      method: 'REQUEST',
      uid: 'registration-1@example.gov.vn',
      session,
      organizer: 'no-reply@example.gov.vn',
      attendee: { name: 'Nguyễn Thị Ánh', email: 'anh@example.test' },
      sequence: 3,
      now: new Date('2026-03-01T00:00:00Z'),
    });
    expect(text).toContain('METHOD:REQUEST\r\n');
    expect(text).toContain('DTSTART;VALUE=DATE:20260308\r\n');
    expect(text).toContain('DTEND;VALUE=DATE:20260310\r\n');
    expect(text.replace(/\r\n /g, '')).toContain('SUMMARY:Hội nghị tập huấn\\, thông tin đối ngoại\\; năm nay');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('a cancellation keeps the UID and is timed by the parts when they are known', () => {
    const text = invitation({
      method: 'CANCEL',
      uid: 'registration-1@example.gov.vn',
      session: { ...session, startsAt: '2026-03-08T01:00:00.000Z', endsAt: '2026-03-08T10:00:00.000Z' },
      organizer: 'no-reply@example.gov.vn',
      attendee: { name: 'Nguyễn Thị Ánh', email: 'anh@example.test' },
      sequence: 4,
      now: new Date('2026-03-02T00:00:00Z'),
    });
    expect(text).toContain('METHOD:CANCEL\r\n');
    expect(text).toContain('UID:registration-1@example.gov.vn\r\n');
    expect(text).toContain('STATUS:CANCELLED\r\n');
    expect(text).toContain('DTSTART:20260308T010000Z\r\n');
  });
});
