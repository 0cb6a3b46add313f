import type { components } from './api/schema';

type Schedule = components['schemas']['ScheduleDto'];

const PART_OF_DAY: Record<string, string> = {
  morning: 'sáng',
  afternoon: 'chiều',
  evening: 'tối',
  full_day: 'cả ngày',
};

/** 2025-03-08 → 08/03/2025 (dates from the API are calendar dates, no time zone involved). */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/**
 * A session's date as precisely as the sources give it: "năm 2024" when only the year is known,
 * "tháng 03/2025" for a month, "chiều 08/03/2025" for a day with its part of day; without a year
 * the API's own wording ("9/11, năm không rõ", "gần đây (trước 12/11/2021)"), and an inferred
 * year says so.
 */
export function formatSchedule(schedule: Schedule): string {
  const { startsOn, endsOn, precision, partOfDay } = schedule;
  const part = partOfDay ? PART_OF_DAY[partOfDay] : undefined;
  const withPart = (day: string) => (part && part !== 'cả ngày' ? `${part} ${day}` : day);
  if (startsOn === null) return precision === 'unknown' ? schedule.label : withPart(schedule.label);
  const inferred = schedule.yearInferred ? ' (năm suy luận)' : '';
  if (precision === 'year') return `năm ${startsOn.slice(0, 4)}${inferred}`;
  if (precision === 'month') return `tháng ${startsOn.slice(5, 7)}/${startsOn.slice(0, 4)}${inferred}`;
  const day = endsOn && endsOn !== startsOn ? `${formatDate(startsOn)} – ${formatDate(endsOn)}` : formatDate(startsOn);
  return withPart(day) + inferred;
}

/** The year of a date, or "năm không rõ" when the sources give none. */
export const yearOf = (iso: string | null | undefined): string => (iso ? `năm ${iso.slice(0, 4)}` : 'năm không rõ');

/** A date-time instant shown in Vietnam's time: 08:05 08/03/2025. */
export function formatInstant(iso: string): string {
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour12: false,
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('hour')}:${get('minute')} ${get('day')}/${get('month')}/${get('year')}`;
}

export const SESSION_KINDS: Record<string, string> = {
  training_conference: 'Hội nghị tập huấn',
  national_conference: 'Hội nghị toàn quốc',
  workshop: 'Hội thảo',
  award_ceremony: 'Lễ trao giải',
  other: 'Sự kiện khác',
};

export const SESSION_STATUSES: Record<string, string> = {
  draft: 'Bản nháp',
  scheduled: 'Đã lên lịch',
  registration_open: 'Đang mở đăng ký',
  in_progress: 'Đang diễn ra',
  completed: 'Đã diễn ra',
  cancelled: 'Đã hủy',
};

export const FORMATS: Record<string, string> = {
  in_person: 'Trực tiếp',
  online: 'Trực tuyến',
  hybrid: 'Trực tiếp kết hợp trực tuyến',
};

export const AGENDA_KINDS: Record<string, string> = {
  topic: 'Chuyên đề',
  report: 'Báo cáo',
  directing_speech: 'Phát biểu chỉ đạo',
  opening_speech: 'Phát biểu khai mạc',
  concluding_speech: 'Phát biểu bế mạc',
  discussion: 'Thảo luận',
  speech: 'Phát biểu',
  other: 'Nội dung khác',
};

export const REPORTED_FIELDS: Record<string, { label: string; unit: string }> = {
  invited_province_count: { label: 'Số tỉnh, thành phố được mời', unit: 'tỉnh' },
  bridge_point_count: { label: 'Số điểm cầu', unit: 'điểm cầu' },
  topic_count: { label: 'Số chuyên đề', unit: 'chuyên đề' },
  edition_number: { label: 'Lần tổ chức', unit: '' },
  participant_count: { label: 'Số đại biểu', unit: 'đại biểu' },
};

export const label = (map: Record<string, string>, key: string | null | undefined): string =>
  key ? (map[key] ?? key) : '';

export const ORGANISATION_KINDS: Record<string, string> = {
  party_body: 'Cơ quan Đảng',
  state_body: 'Cơ quan nhà nước',
  steering_committee: 'Ban Chỉ đạo',
  local_government: 'Chính quyền địa phương',
  party_committee: 'Cấp ủy Đảng',
  press: 'Cơ quan báo chí',
  academic: 'Cơ sở đào tạo, nghiên cứu',
  international: 'Tổ chức quốc tế',
  other: 'Tổ chức khác',
};

export const ORGANISER_ROLES: Record<string, string> = {
  lead: 'Chủ trì',
  co_organiser: 'Phối hợp',
  presenter: 'Trình bày',
};

/** Lower case without diacritics (đ → d), for searching as people type: "ha noi" finds "Hà Nội". */
export const foldAccents = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();

/** An antd Select filter that ignores diacritics: typing "phu tho" offers "Phú Thọ". */
export const matchesFolded = (input: string, option?: { label?: unknown }): boolean =>
  foldAccents(String(option?.label ?? '')).includes(foldAccents(input));
