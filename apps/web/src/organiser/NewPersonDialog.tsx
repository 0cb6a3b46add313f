import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../shared/api/client';
import { ApiError, errorMessage, fieldMessage } from '../shared/api/problem';
import { RemotePicker, type Choice } from './RemotePicker';

interface NewPersonValues {
  fullName: string;
  academicTitle?: string;
  positionTitle?: string;
  organisationId?: number;
}

const LABELS: Record<string, string> = {
  fullName: 'Họ và tên',
  academicTitle: 'Học hàm, học vị',
  title: 'Chức vụ',
  organisationId: 'Cơ quan',
};

/** Creates a person (and their post, when given) without leaving the agenda; answers with the new choice. */
export function NewPersonDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (person: Choice) => void;
}) {
  const [form] = Form.useForm<NewPersonValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const queryClient = useQueryClient();

  const create = async (values: NewPersonValues) => {
    setBusy(true);
    setError(null);
    try {
      const fullName = values.fullName.trim();
      const academicTitle = values.academicTitle?.trim() || undefined;
      const person = await unwrap(api.POST('/api/v1/people', { body: { fullName, academicTitle } }));
      if (values.positionTitle?.trim()) {
        await unwrap(
          api.POST('/api/v1/people/{id}/positions', {
            params: { path: { id: person.id } },
            body: { title: values.positionTitle.trim(), organisationId: values.organisationId },
          }),
        );
      }
      void queryClient.invalidateQueries({ queryKey: ['people-search'] });
      onCreated({ value: person.id, label: [academicTitle, fullName].filter(Boolean).join(' ') });
      form.resetFields();
      onClose();
    } catch (failure) {
      if (failure instanceof ApiError && failure.fieldErrors.some((f) => f.path in LABELS)) {
        form.setFields(
          failure.fieldErrors
            .filter((f) => f.path in LABELS)
            .map((f) => ({
              name: (f.path === 'title' ? 'positionTitle' : f.path) as keyof NewPersonValues,
              errors: [fieldMessage(f, failure.inVietnamese, LABELS[f.path])],
            })),
        );
      } else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="Thêm người trình bày mới"
      okText="Thêm người"
      cancelText="Hủy"
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <Form form={form} layout="vertical" onFinish={create} name="nguoi-moi">
        <Form.Item
          label={LABELS.fullName}
          name="fullName"
          rules={[{ required: true, whitespace: true, min: 2, message: 'Vui lòng nhập họ và tên.' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={LABELS.academicTitle} name="academicTitle" extra="Ví dụ: PGS.TS">
          <Input />
        </Form.Item>
        <Form.Item label={LABELS.title} name="positionTitle" extra="Ví dụ: Phó Trưởng Ban Tuyên giáo Tỉnh ủy">
          <Input />
        </Form.Item>
        <Form.Item label="Cơ quan công tác" name="organisationId">
          <RemotePicker kind="organisations" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
