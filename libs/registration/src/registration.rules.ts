import { FieldError, foldForSearch, identityKey } from '@app/common';

export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'rejected', 'withdrawn'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = ['pending', 'confirmed', 'waitlisted'];
export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * Vietnamese phone numbers compare by their national form: +84 / 84 / 0084 prefixes become 0,
 * separators go, and a number that lost its leading 0 in Excel (typed into a General cell:
 * 945265254 for 0945265254; 10 digits for a landline 02xx) gets it back. Full-width digits
 * count as digits.
 */
export function normalisePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.normalize('NFKC').replace(/[^\d+]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0084')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('84') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  digits = digits.replace(/\+/g, '');
  if (/^[35789]\d{8}$/.test(digits) || /^2\d{9}$/.test(digits)) digits = `0${digits}`;
  return digits.length > 0 ? digits : null;
}

/**
 * The phone as stored and shown: as typed, except a number Excel stripped of its leading 0,
 * which is stored in its national form (a delegate never meant 945265254).
 */
export function phoneForStorage(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const typed = phone.normalize('NFKC').trim();
  return /^\d+$/.test(typed) ? normalisePhone(typed) : typed;
}

/** Gender words of the template (Nam / Nữ / Khác, any case, with or without accents) and of the API. */
const GENDER_WORDS: Record<string, Gender> = {
  nam: 'male',
  male: 'male',
  m: 'male',
  nu: 'female',
  female: 'female',
  f: 'female',
  khac: 'other',
  other: 'other',
};

/** The API's gender for any accepted word; anything else is returned unchanged for the validator to refuse. */
export function parseGender(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return GENDER_WORDS[foldForSearch(value)] ?? value;
}

export const normaliseEmail = (email: string | null | undefined) => (email ? email.trim().toLowerCase() : null);

/**
 * The same person for duplicate detection: the name's identity key (no accents, case, spacing,
 * invisible characters, and look-alike letters of other scripts folded to their skeleton).
 */
export const personKey = (fullName: string) => identityKey(fullName);

/** Which statuses each action may start from. */
export const CAN_WITHDRAW: readonly RegistrationStatus[] = ['pending', 'confirmed', 'waitlisted'];
export const CAN_APPROVE: readonly RegistrationStatus[] = ['pending', 'waitlisted'];
export const CAN_REJECT: readonly RegistrationStatus[] = ['pending', 'waitlisted', 'confirmed'];

/** The registration window is open when the session takes registrations and now is inside it. */
export function windowIsOpen(
  sessionStatus: string,
  settings: { opens_at: Date | string; closes_at: Date | string } | undefined,
  now = new Date(),
): boolean {
  if (sessionStatus !== 'registration_open' || !settings) return false;
  return new Date(settings.opens_at) <= now && now < new Date(settings.closes_at);
}

/**
 * Why a quota names a province the session did not invite. A pre-2025 unit says which province
 * took it over and since when (its successor is the one to invite), rather than just "not invited".
 */
export function uninvitedQuotaError(
  path: string,
  provinceId: number,
  unit: { name: string; successor_name: string | null; merged_on: string | null } | undefined,
): FieldError {
  if (unit?.successor_name && unit.merged_on) {
    const [year, month, day] = unit.merged_on.split('-').map(Number);
    const since = new Date(Date.UTC(year, month - 1, day));
    const sinceEn = since.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return {
      path,
      message: `${unit.name} was merged into ${unit.successor_name} on ${sinceEn}; use ${unit.successor_name}`,
      key: 'province-merged',
      args: [unit.name, unit.successor_name, `${String(day).padStart(2, '0')}/${month}/${year}`, sinceEn],
    };
  }
  return {
    path,
    message: `province ${provinceId} is not invited to this session`,
    key: 'province-not-invited',
    args: [unit?.name ?? provinceId],
  };
}
