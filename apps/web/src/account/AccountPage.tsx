import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate } from 'react-router';
import { api, unwrap } from '../shared/api/client';
import { ApiError, errorMessage, fieldMessage } from '../shared/api/problem';
import { useAuth } from '../shared/auth/AuthProvider';
import { useProvinces } from '../catalogue/queries';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { MailPreferences } from './MailPreferences';

export const ROLE_NAMES: Record<string, string> = {
  admin: 'Quản trị hệ thống',
  organiser: 'Cán bộ tổ chức',
  coordinator: 'Điều phối viên (điểm danh)',
  province_delegate: 'Đầu mối của tỉnh',
};

export default function AccountPage() {
  usePageTitle('Tài khoản của tôi');
  const { me, loading } = useAuth();
  const provinces = useProvinces();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/dang-nhap?tiep=%2Ftai-khoan" replace />;
  const province = provinces.data?.items.find((p) => p.id === me.provinceId);
  return (
    <section className="stack">
      <Typography.Title level={1}>Tài khoản của tôi</Typography.Title>
      <dl className="section">
        <dt>Họ và tên</dt>
        <dd>{me.displayName}</dd>
        <dt>Email</dt>
        <dd>{me.email}</dd>
        <dt>Vai trò</dt>
        <dd>
          <ul>
            {me.roles.map((grant, index) => (
              <li key={index}>
                {ROLE_NAMES[grant.role] ?? grant.role}
                {grant.sessionId ? ` (hội nghị số ${grant.sessionId})` : ''}
                {grant.organisationId ? ` (hội nghị của tổ chức số ${grant.organisationId})` : ''}
              </li>
            ))}
          </ul>
        </dd>
        {me.provinceId !== null && (
          <>
            <dt>Tỉnh, thành phố</dt>
            <dd>{province?.name ?? '…'}</dd>
          </>
        )}
      </dl>
      <MailPreferences />
      <ChangePassword />
    </section>
  );
}

function ChangePassword() {
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string }>();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const labels = { currentPassword: 'Mật khẩu hiện tại', newPassword: 'Mật khẩu mới' } as const;

  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    setError(null);
    setDone(false);
    try {
      await unwrap(api.POST('/api/v1/auth/password', { body: values }));
      setDone(true);
      form.resetFields();
    } catch (failure) {
      if (failure instanceof ApiError && failure.fieldErrors.length > 0) {
        form.setFields(
          failure.fieldErrors
            .filter((f) => f.path in labels)
            .map((f) => ({
              name: f.path as keyof typeof labels,
              errors: [fieldMessage(f, failure.inVietnamese, labels[f.path as keyof typeof labels])],
            })),
        );
      } else setError(failure);
    }
  };

  return (
    <section className="section narrow" aria-labelledby="doi-mat-khau">
      <h2 id="doi-mat-khau">Đổi mật khẩu</h2>
      {done && <Alert type="success" showIcon title="Đã đổi mật khẩu. Các thiết bị khác sẽ phải đăng nhập lại." />}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          label={labels.currentPassword}
          name="currentPassword"
          rules={[{ required: true, message: 'Vui lòng nhập mật khẩu hiện tại.' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={labels.newPassword}
          name="newPassword"
          rules={[{ required: true, message: 'Vui lòng nhập mật khẩu mới.' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button htmlType="submit">Đổi mật khẩu</Button>
      </Form>
    </section>
  );
}
