import { Alert, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../shared/api/client';
import { ApiError, errorMessage, fieldMessage } from '../../shared/api/problem';
import type { components } from '../../shared/api/schema';
import { useCurrentProvinces, type AttendanceRecord } from '../queries';

type WalkIn = components['schemas']['WalkInDto'];

const LABELS: Record<keyof WalkIn, string> = {
  fullName: 'Họ và tên',
  agency: 'Cơ quan',
  position: 'Chức vụ',
  phone: 'Điện thoại',
  provinceId: 'Tỉnh, thành phố',
};

/** Someone who came without registering: recorded present in this part, marked as a walk-in. */
export function WalkInForm({
  sessionId,
  partId,
  onRecorded,
}: {
  sessionId: number;
  partId: number;
  onRecorded: (record: AttendanceRecord) => void;
}) {
  const [form] = Form.useForm<WalkIn>();
  const provinces = useCurrentProvinces();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: WalkIn) => {
    setBusy(true);
    setError(null);
    const body = Object.fromEntries(
      Object.entries(values).filter(([, value]) => value !== undefined && value !== null && value !== ''),
    ) as WalkIn;
    try {
      const record = await unwrap(
        api.POST('/api/v1/sessions/{id}/parts/{partId}/walk-ins', {
          params: { path: { id: sessionId, partId } },
          body,
        }),
      );
      form.resetFields();
      onRecorded(record);
    } catch (failure) {
      const fields = failure instanceof ApiError ? failure.fieldErrors.filter((f) => f.path in LABELS) : [];
      if (failure instanceof ApiError && fields.length > 0) {
        form.setFields(
          fields.map((f) => ({
            name: f.path as keyof WalkIn,
            errors: [fieldMessage(f, failure.inVietnamese, LABELS[f.path as keyof WalkIn])],
          })),
        );
      } else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" aria-label="Khách không đăng ký">
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <Form.Item
        label={LABELS.fullName}
        name="fullName"
        rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập họ và tên.' }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={LABELS.agency}
        name="agency"
        rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập cơ quan.' }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={LABELS.position} name="position">
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={LABELS.phone} name="phone">
        <Input type="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item label={LABELS.provinceId} name="provinceId">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={provinces.isPending}
          options={(provinces.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        Ghi nhận khách
      </Button>
    </Form>
  );
}
