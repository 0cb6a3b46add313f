import { Form, Input, Select, type FormInstance } from 'antd';
import { ApiError, fieldMessage } from '../shared/api/problem';
import type { components } from '../shared/api/schema';

export type PersonValues = components['schemas']['CreateRegistrationDto'];

export const FIELD_LABELS: Record<keyof PersonValues, string> = {
  fullName: 'Họ và tên',
  gender: 'Giới tính',
  position: 'Chức vụ',
  agency: 'Cơ quan',
  phone: 'Điện thoại',
  email: 'Email',
};

/** The person's fields, shared by the registration form and the edit dialog. */
export function PersonFields() {
  return (
    <>
      <Form.Item
        label={FIELD_LABELS.fullName}
        name="fullName"
        rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập họ và tên.' }]}
      >
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item label={FIELD_LABELS.gender} name="gender">
        <Select
          allowClear
          options={[
            { value: 'female', label: 'Nữ' },
            { value: 'male', label: 'Nam' },
            { value: 'other', label: 'Khác' },
          ]}
        />
      </Form.Item>
      <Form.Item label={FIELD_LABELS.position} name="position">
        <Input autoComplete="organization-title" />
      </Form.Item>
      <Form.Item
        label={FIELD_LABELS.agency}
        name="agency"
        rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập cơ quan.' }]}
      >
        <Input autoComplete="organization" />
      </Form.Item>
      <Form.Item label={FIELD_LABELS.phone} name="phone">
        <Input type="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item label={FIELD_LABELS.email} name="email">
        <Input autoComplete="email" />
      </Form.Item>
    </>
  );
}

/**
 * Puts a refusal's field errors beside their fields (the first wrong field gets the focus).
 * False when the failure names none of the person's fields: the caller shows it as one message.
 */
export function showFieldErrors(form: FormInstance<PersonValues>, failure: unknown): boolean {
  if (!(failure instanceof ApiError)) return false;
  const fields = failure.fieldErrors.filter((f) => f.path in FIELD_LABELS);
  if (fields.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const f of fields) {
    const label = FIELD_LABELS[f.path as keyof PersonValues];
    byField.set(f.path, [...(byField.get(f.path) ?? []), fieldMessage(f, failure.inVietnamese, label)]);
  }
  form.setFields(
    [...byField].map(([name, errors]) => ({ name: name as keyof PersonValues, errors: [...new Set(errors)] })),
  );
  form.focusField(fields[0].path as keyof PersonValues);
  return true;
}
