import { normaliseEmail, normalisePhone, personKey, windowIsOpen } from './registration.rules';

describe('registration rules', () => {
  it('normalises Vietnamese phone numbers to their national form', () => {
    expect(normalisePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalisePhone('84912345678')).toBe('0912345678');
    expect(normalisePhone('0912.345.678')).toBe('0912345678');
    expect(normalisePhone('')).toBeNull();
  });

  it('treats names that differ only in accents, case or spacing as the same person', () => {
    expect(personKey('Nguyễn  Văn An')).toBe(personKey('nguyen van an'));
    expect(personKey('Đặng Thị Hoa')).toBe(personKey('dang thi hoa'));
    expect(normaliseEmail(' A.B@Tuyenquang.gov.VN ')).toBe('a.b@tuyenquang.gov.vn');
  });

  it('opens the window only while the session takes registrations', () => {
    const settings = { opens_at: '2026-01-01T00:00:00Z', closes_at: '2026-02-01T00:00:00Z' };
    expect(windowIsOpen('registration_open', settings, new Date('2026-01-15T00:00:00Z'))).toBe(true);
    expect(windowIsOpen('registration_open', settings, new Date('2026-02-01T00:00:00Z'))).toBe(false);
    expect(windowIsOpen('scheduled', settings, new Date('2026-01-15T00:00:00Z'))).toBe(false);
    expect(windowIsOpen('registration_open', undefined)).toBe(false);
  });
});
