import { QuotaDto, RegistrationDto, RegistrationSettingsResponse } from './dto/registration.dto';
import type { RegistrationRow, SettingsRow } from './registration.repository';

/** A registration as its province's delegate and the session's staff see it (contact details included). */
export function mapRegistration(row: RegistrationRow): RegistrationDto {
  return {
    id: Number(row.id),
    sessionId: Number(row.session_id),
    provinceId: row.province_id,
    provinceName: row.province_name,
    fullName: row.full_name,
    gender: row.gender,
    position: row.position,
    agency: row.agency,
    phone: row.phone,
    email: row.email,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
    waitlistPosition: row.waitlist_position,
  };
}

export function mapSettings(
  settings: SettingsRow,
  quotas: {
    province_id: number;
    province_name: string;
    quota: number;
    confirmed_count: number;
    waitlisted: number;
    pending: number;
  }[],
  open: boolean,
): RegistrationSettingsResponse {
  return {
    sessionId: Number(settings.session_id),
    opensAt: new Date(settings.opens_at).toISOString(),
    closesAt: new Date(settings.closes_at).toISOString(),
    capacity: settings.capacity,
    confirmed: settings.confirmed_count,
    moderated: settings.moderated,
    open,
    quotas: quotas.map((quota): QuotaDto => ({
      provinceId: quota.province_id,
      provinceName: quota.province_name,
      quota: quota.quota,
      confirmed: quota.confirmed_count,
      waitlisted: quota.waitlisted,
      pending: quota.pending,
    })),
  };
}
