import { Alert, Form, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage, fieldMessage } from '../../shared/api/problem';

/** Places the API's field errors beside the fields; false when there are none to place. */
function placeErrors(form: ReturnType<typeof Form.useForm>[0], failure: unknown, labels: Record<string, string>) {
  if (!(failure instanceof ApiError)) return false;
  const fields = failure.fieldErrors.filter((f) => f.path in labels);
  if (fields.length === 0) return false;
  form.setFields(
    fields.map((f) => ({ name: f.path, errors: [fieldMessage(f, failure.inVietnamese, labels[f.path])] })),
  );
  return true;
}

export function useRecordForm<T extends object>(labels: Record<string, string>, save: (values: T) => Promise<void>) {
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: T) => {
    setBusy(true);
    setError(null);
    try {
      await save(values);
      form.resetFields();
    } catch (failure) {
      if (!placeErrors(form as never, failure, labels)) setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { form, error, busy, submit };
}

export const clean = <T extends Record<string, unknown>>(values: T): T =>
  Object.fromEntries(
    Object.entries(values)
      .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])
      .filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as T;

export function EditDialog({
  title,
  labels,
  initial,
  fields,
  onClose,
  onSave,
}: {
  title: string;
  labels: Record<string, string>;
  initial: Record<string, unknown>;
  fields: React.ReactNode;
  onClose: () => void;
  onSave: (values: Record<string, string>) => Promise<void>;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={title}
      okText="Lưu"
      cancelText="Hủy"
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            await onSave(values);
          } catch (failure) {
            if (!placeErrors(form as never, failure, labels)) setError(failure);
          } finally {
            setBusy(false);
          }
        }}
      >
        {fields}
      </Form>
    </Modal>
  );
}
