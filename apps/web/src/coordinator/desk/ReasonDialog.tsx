import { Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';

export interface ReasonRequest {
  title: string;
  /** Ask absent or excused as well (marking an absence). */
  askKind?: boolean;
  confirm: (values: { reason: string; kind: 'absent' | 'excused' }) => Promise<void>;
}

/** Undo and absences need a reason (kept in the record and the audit log). */
export function ReasonDialog({ request, onClose }: { request: ReasonRequest | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string; kind: 'absent' | 'excused' }>();
  useEffect(() => {
    if (request) form.resetFields();
  }, [request, form]);
  return (
    <Modal
      open={request !== null}
      title={request?.title}
      okText="Xác nhận"
      cancelText="Hủy"
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const values = await form.validateFields();
        await request?.confirm({ reason: values.reason.trim(), kind: values.kind ?? 'absent' });
        onClose();
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'excused' }}>
        {request?.askKind && (
          <Form.Item label="Loại vắng mặt" name="kind">
            <Radio.Group
              options={[
                { value: 'excused', label: 'Vắng có phép' },
                { value: 'absent', label: 'Vắng không phép' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          label="Lý do"
          name="reason"
          rules={[{ required: true, whitespace: true, min: 2, message: 'Vui lòng nhập lý do (ít nhất 2 ký tự).' }]}
        >
          <Input.TextArea rows={2} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
