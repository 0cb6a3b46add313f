import { describe, expect, it } from 'vitest';
import { foldAccents, matchesFolded } from '../shared/format';
import { differences, staleTitle } from './DetailsEditor';
import type { SessionDetail } from './queries';
import { toVietnamLocal } from './RegistrationSettingsEditor';
import { startsOnOf, toFormValues, toSessionBody, toSessionChanges } from './SessionForm';

const session = {
  id: 1,
  slug: 'tap-huan',
  title: 'Tập huấn',
  kind: 'training_conference',
  status: 'draft',
  schedule: {
    startsOn: '2027-03-10',
    endsOn: '2027-03-11',
    precision: 'day',
    partOfDay: 'morning',
    timeZone: 'Asia/Ho_Chi_Minh',
  },
  format: 'in_person',
  venueName: 'Hội trường A',
  version: 3,
} as unknown as SessionDetail;

describe('the session form', () => {
  it('sends null for a field the organiser emptied in an edit, and leaves out one that was empty', () => {
    const initial = toFormValues(session);
    const changes = toSessionChanges({ ...initial, venueName: ' ', partOfDay: undefined }, initial);
    expect(changes).toMatchObject({ venueName: null, partOfDay: null, title: 'Tập huấn' });
    expect(changes).not.toHaveProperty('venueAddress');
    expect(changes).not.toHaveProperty('note');
  });

  it('sends the date its precision asks for, and leaves empty fields out', () => {
    const values = toFormValues(session);
    expect(toSessionBody({ ...values, venueAddress: '  ' })).toEqual({
      title: 'Tập huấn',
      kind: 'training_conference',
      precision: 'day',
      startsOn: '2027-03-10',
      endsOn: '2027-03-11',
      partOfDay: 'morning',
      format: 'in_person',
      venueName: 'Hội trường A',
    });
    expect(startsOnOf({ precision: 'month', month: '2027-05' })).toBe('2027-05-01');
    expect(startsOnOf({ precision: 'year', year: '2027' })).toBe('2027-01-01');
    expect(startsOnOf({ precision: 'year', year: '27' })).toBeUndefined();
    // A month or a year carries neither an end day nor a part of day.
    expect(toSessionBody({ ...values, precision: 'month', month: '2027-05' })).not.toHaveProperty('endsOn');
  });

  it('says what someone else changed, field by field, in words', () => {
    const now = { ...session, title: 'Tập huấn (sửa)', venueName: null, version: 4 } as unknown as SessionDetail;
    expect(differences(session, now)).toEqual([
      { label: 'Tên hội nghị', before: 'Tập huấn', after: 'Tập huấn (sửa)' },
      { label: 'Địa điểm', before: 'Hội trường A', after: '' },
    ]);
    expect(differences(session, { ...session, version: 9 })).toEqual([]);
  });

  it('names who saved in between and when, in Việt Nam time', () => {
    expect(staleTitle({ by: 'Trần Thị Lành', at: '2027-03-09T17:30:00Z' })).toBe(
      'Trần Thị Lành đã sửa lúc 00:30 10/03/2027, sau khi bạn mở hội nghị này, nên thay đổi của bạn chưa được lưu.',
    );
    expect(staleTitle(null)).toMatch(/^Một người khác đã sửa hội nghị này/);
  });

  it('shows instants in Việt Nam time for datetime-local inputs', () => {
    expect(toVietnamLocal(new Date('2027-03-09T17:30:00Z'))).toBe('2027-03-10T00:30');
  });

  it('matches names without their diacritics', () => {
    expect(foldAccents('Phú Thọ')).toBe('phu tho');
    expect(foldAccents('Đắk Lắk')).toBe('dak lak');
    expect(matchesFolded('phu tho', { label: 'Phú Thọ' })).toBe(true);
    expect(matchesFolded('ha noi', { label: 'Phú Thọ' })).toBe(false);
  });
});
