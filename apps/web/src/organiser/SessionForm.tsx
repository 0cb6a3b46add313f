import { Alert, Button, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage, fieldMessage } from '../shared/api/problem';
import { FORMATS, matchesFolded, SESSION_KINDS } from '../shared/format';
import { useProvincesOn, type NewSession, type SessionChanges, type SessionDetail } from './queries';

/** What the form holds: the date in the shape its precision asks for (a day, a month or a year). */
export interface SessionFormValues {
  title: string;
  kind: NewSession['kind'];
  precision: NewSession['precision'];
  day?: string;
  month?: string;
  year?: string;
  endsOn?: string;
  partOfDay?: NewSession['partOfDay'];
  venueName?: string;
  venueAddress?: string;
  hostProvinceId?: number;
  format: NewSession['format'];
  audience?: string;
  note?: string;
}

export const SESSION_FIELD_LABELS: Record<string, string> = {
  title: 'Tên hội nghị',
  kind: 'Loại hội nghị',
  precision: 'Mức chính xác của ngày',
  startsOn: 'Ngày bắt đầu',
  endsOn: 'Ngày kết thúc',
  partOfDay: 'Buổi',
  venueName: 'Địa điểm',
  venueAddress: 'Địa chỉ',
  hostProvinceId: 'Tỉnh đăng cai',
  format: 'Hình thức',
  audience: 'Đối tượng tham dự',
  note: 'Ghi chú',
};

const PARTS_OF_DAY = { morning: 'Buổi sáng', afternoon: 'Buổi chiều', evening: 'Buổi tối', full_day: 'Cả ngày' };
const PRECISIONS = { day: 'Biết ngày', month: 'Chỉ biết tháng', year: 'Chỉ biết năm' };
const options = (map: Record<string, string>) => Object.entries(map).map(([value, text]) => ({ value, label: text }));

export function toFormValues(session: SessionDetail): SessionFormValues {
  const { startsOn, endsOn, precision, partOfDay } = session.schedule;
  return {
    title: session.title,
    kind: session.kind as NewSession['kind'],
    precision,
    // A session recorded from a report without its date has none to show (issue 16).
    day: startsOn ?? undefined,
    month: startsOn?.slice(0, 7),
    year: startsOn?.slice(0, 4),
    endsOn: precision === 'day' && endsOn && endsOn !== startsOn ? endsOn : undefined,
    partOfDay: partOfDay ?? undefined,
    venueName: session.venueName ?? undefined,
    venueAddress: session.venueAddress ?? undefined,
    hostProvinceId: session.hostProvince?.id,
    format: session.format as NewSession['format'],
    audience: session.audience ?? undefined,
    note: session.note ?? undefined,
  };
}

export function startsOnOf(values: Partial<SessionFormValues>): string | undefined {
  if (values.precision === 'year')
    return values.year && /^\d{4}$/.test(values.year) ? `${values.year}-01-01` : undefined;
  if (values.precision === 'month') return values.month ? `${values.month}-01` : undefined;
  return values.day || undefined;
}

/** The body the API takes: empty optional fields left out, the date from its precision. */
export function toSessionBody(values: SessionFormValues): NewSession {
  const body: NewSession = {
    title: values.title.trim(),
    kind: values.kind,
    precision: values.precision,
    startsOn: startsOnOf(values) ?? '',
    format: values.format,
  };
  if (values.precision === 'day' && values.endsOn) body.endsOn = values.endsOn;
  if (values.precision === 'day' && values.partOfDay) body.partOfDay = values.partOfDay;
  for (const key of ['venueName', 'venueAddress', 'audience', 'note'] as const) {
    const text = values[key]?.trim();
    if (text) body[key] = text;
  }
  if (values.hostProvinceId) body.hostProvinceId = values.hostProvinceId;
  return body;
}

/** Fields the form may empty: an edit sends null for one that had a value (left out it would stay). */
const CLEARABLE = ['partOfDay', 'venueName', 'venueAddress', 'hostProvinceId', 'audience', 'note'] as const;

/** The body of an edit: the form's fields as for a new session, and null for each one emptied. */
export function toSessionChanges(
  values: SessionFormValues,
  initial: SessionFormValues,
): Omit<SessionChanges, 'version'> {
  const body: Omit<SessionChanges, 'version'> = toSessionBody(values);
  for (const key of CLEARABLE) {
    if (initial[key] !== undefined && body[key] === undefined) body[key] = null;
  }
  return body;
}

const DATE_FIELD: Record<string, keyof SessionFormValues> = { day: 'day', month: 'month', year: 'year' };

/** Field errors from the API beside their fields (startsOn beside whichever date input is shown). */
export function placeFieldErrors(
  form: ReturnType<typeof Form.useForm<SessionFormValues>>[0],
  failure: unknown,
): boolean {
  if (!(failure instanceof ApiError) || failure.fieldErrors.length === 0) return false;
  const precision = form.getFieldValue('precision') as string;
  const fields = failure.fieldErrors
    .filter((f) => f.path in SESSION_FIELD_LABELS)
    .map((f) => ({
      name: (f.path === 'startsOn' ? DATE_FIELD[precision] : f.path) as keyof SessionFormValues,
      errors: [fieldMessage(f, failure.inVietnamese, SESSION_FIELD_LABELS[f.path])],
    }));
  if (fields.length === 0) return false;
  form.setFields(fields);
  form.focusField(fields[0].name);
  return true;
}

export function SessionForm({
  initial,
  submitLabel,
  onSubmit,
  extraActions,
  onEdit,
}: {
  initial: SessionFormValues;
  submitLabel: string;
  onSubmit: (values: SessionFormValues, form: ReturnType<typeof Form.useForm<SessionFormValues>>[0]) => Promise<void>;
  extraActions?: React.ReactNode;
  /** Called on every change a person makes (not on resets). */
  onEdit?: () => void;
}) {
  const [form] = Form.useForm<SessionFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const precision = Form.useWatch('precision', form) ?? initial.precision;
  const watched = Form.useWatch([], form) as Partial<SessionFormValues> | undefined;
  const provinces = useProvincesOn(startsOnOf(watched ?? initial) ?? startsOnOf(initial));
  useEffect(() => form.setFieldsValue(initial), [form, initial]);

  const submit = async (values: SessionFormValues) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values, form);
    } catch (failure) {
      if (!placeFieldErrors(form, failure)) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      onValuesChange={onEdit}
      className="session-form"
    >
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <Form.Item
        label={SESSION_FIELD_LABELS.title}
        name="title"
        rules={[{ required: true, whitespace: true, min: 2, message: 'Vui lòng nhập tên hội nghị (ít nhất 2 ký tự).' }]}
      >
        <Input />
      </Form.Item>
      <div className="form-grid">
        <Form.Item label={SESSION_FIELD_LABELS.kind} name="kind">
          <Select options={options(SESSION_KINDS)} />
        </Form.Item>
        <Form.Item label={SESSION_FIELD_LABELS.format} name="format">
          <Select options={options(FORMATS)} />
        </Form.Item>
        <Form.Item label={SESSION_FIELD_LABELS.precision} name="precision">
          <Select options={options(PRECISIONS)} />
        </Form.Item>
        {precision === 'day' && (
          <Form.Item
            label={SESSION_FIELD_LABELS.startsOn}
            name="day"
            rules={[{ required: true, message: 'Vui lòng chọn ngày bắt đầu.' }]}
          >
            <Input type="date" />
          </Form.Item>
        )}
        {precision === 'month' && (
          <Form.Item label="Tháng" name="month" rules={[{ required: true, message: 'Vui lòng chọn tháng.' }]}>
            <Input type="month" />
          </Form.Item>
        )}
        {precision === 'year' && (
          <Form.Item
            label="Năm"
            name="year"
            rules={[{ required: true, pattern: /^\d{4}$/, message: 'Vui lòng nhập năm, ví dụ 2026.' }]}
          >
            <Input inputMode="numeric" maxLength={4} />
          </Form.Item>
        )}
        {precision === 'day' && (
          <Form.Item label={SESSION_FIELD_LABELS.endsOn} name="endsOn" extra="Bỏ trống nếu diễn ra trong một ngày.">
            <Input type="date" />
          </Form.Item>
        )}
        {precision === 'day' && (
          <Form.Item label={SESSION_FIELD_LABELS.partOfDay} name="partOfDay">
            <Select allowClear options={options(PARTS_OF_DAY)} />
          </Form.Item>
        )}
      </div>
      <div className="form-grid">
        <Form.Item label={SESSION_FIELD_LABELS.venueName} name="venueName">
          <Input />
        </Form.Item>
        <Form.Item label={SESSION_FIELD_LABELS.venueAddress} name="venueAddress">
          <Input />
        </Form.Item>
        <Form.Item label={SESSION_FIELD_LABELS.hostProvinceId} name="hostProvinceId">
          <Select
            allowClear
            showSearch={{ filterOption: matchesFolded }}
            loading={provinces.isPending}
            options={(provinces.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
      </div>
      <Form.Item label={SESSION_FIELD_LABELS.audience} name="audience">
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item label={SESSION_FIELD_LABELS.note} name="note">
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <div className="toolbar">
        <Button type="primary" htmlType="submit" loading={busy}>
          {submitLabel}
        </Button>
        {extraActions}
      </div>
    </Form>
  );
}
