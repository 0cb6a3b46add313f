import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../shared/api/problem';
import { useAuth } from '../shared/auth/AuthProvider';
import { usePageTitle } from '../shared/ui/usePageTitle';

/** Only paths inside this app: "?tiep=https://elsewhere" must not become an open redirect. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export default function SignInPage() {
  usePageTitle('Đăng nhập');
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ email, password }: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(email.trim(), password);
      const next = safeNext(params.get('tiep'));
      const delegate = me.roles.some((r) => r.role === 'province_delegate');
      await navigate(next === '/' && delegate ? '/dai-bieu' : next, { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <Typography.Title level={1}>Đăng nhập</Typography.Title>
      {error !== null && (
        <Alert type="error" showIcon role="alert" title={errorMessage(error)} className="form-alert" />
      )}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label="Email" name="email" rules={[{ required: true, message: 'Vui lòng nhập email.' }]}>
          <Input type="email" autoComplete="username" />
        </Form.Item>
        <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Vui lòng nhập mật khẩu.' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          Đăng nhập
        </Button>
      </Form>
    </section>
  );
}
