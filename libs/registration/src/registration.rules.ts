import { foldForSearch } from '@app/common';

export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'rejected', 'withdrawn'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = ['pending', 'confirmed', 'waitlisted'];
export const GENDERS = ['female', 'male', 'other'] as const;

/** Vietnamese phone numbers compare by their national form: +84 / 84 prefixes become 0, separators go. */
export function normalisePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  digits = digits.replace(/\+/g, '');
  return digits.length > 0 ? digits : null;
}

export const normaliseEmail = (email: string | null | undefined) => (email ? email.trim().toLowerCase() : null);

/** The same person for duplicate detection: folded name (no accents, case, spacing). */
export const personKey = (fullName: string) => foldForSearch(fullName);

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
