import type { ReviewValues } from './accept-body';

/** Select options from a label table, optionally only some of its keys. */
export const options = (map: Record<string, string>, keys?: string[]) =>
  Object.entries(map)
    .filter(([value]) => !keys || keys.includes(value))
    .map(([value, text]) => ({ value, label: text }));

/** Where the API's field names land on this form (the date's three go to whichever input is shown). */
export const FORM_FIELD: Record<string, keyof ReviewValues> = {
  title: 'title',
  kind: 'kind',
  precision: 'precision',
  endsOn: 'endsOn',
  partOfDay: 'partOfDay',
  venueName: 'venueName',
  hostProvinceId: 'hostProvinceId',
  format: 'format',
};
export const FORM_LABELS: Partial<Record<keyof ReviewValues, string>> = {
  title: 'Tên hội nghị',
  kind: 'Loại hội nghị',
  precision: 'Mức chính xác của ngày',
  day: 'Ngày bắt đầu',
  endsOn: 'Ngày kết thúc',
  month: 'Tháng',
  year: 'Năm',
  partOfDay: 'Buổi',
  venueName: 'Địa điểm',
  hostProvinceId: 'Tỉnh đăng cai',
  format: 'Hình thức',
};
