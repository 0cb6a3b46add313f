import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../catalogue/queries';
import { api, unwrap } from '../shared/api/client';
import { errorMessage } from '../shared/api/problem';
import { useAuth } from '../shared/auth/AuthProvider';
import { formatSchedule } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { ExportButtons } from '../coordinator/ExportButtons';
import { BulkUpload } from './BulkUpload';
import { QuotaSummary } from './QuotaSummary';
import { RequireRole } from './RequireRole';
import { PersonFields, showFieldErrors, type PersonValues as NewRegistration } from './PersonFields';
import { useMyRegistrations, useRegistrationSettings, type Registration } from './queries';
import { RegistrationList } from './RegistrationList';

export default function DelegateSessionPage() {
  return (
    <RequireRole role="province_delegate">
      <DelegateSession sessionId={Number(useParams().id)} />
    </RequireRole>
  );
}

function DelegateSession({ sessionId }: { sessionId: number }) {
  const { me } = useAuth();
  const session = useSession(sessionId);
  const settings = useRegistrationSettings(sessionId);
  const registrations = useMyRegistrations(sessionId);
  const refresh = useRefreshRegistrations(sessionId);
  usePageTitle(session.data ? `Đăng ký: ${session.data.title}` : 'Đăng ký');
  const failed = session.error ?? settings.error ?? registrations.error;
  if (failed) {
    return (
      <ErrorState
        error={failed}
        onRetry={() => {
          void session.refetch();
          void settings.refetch();
          void registrations.refetch();
        }}
      />
    );
  }
  if (!session.data || !settings.data || !registrations.data) return <Loading />;
  return (
    <>
      <Typography.Title level={1}>{session.data.title}</Typography.Title>
      <p>Thời gian: {formatSchedule(session.data.schedule)}</p>
      <p>
        <Link to={`/dai-bieu/phien/${sessionId}/the-qr`}>Thẻ QR điểm danh của người đã được xác nhận</Link>
      </p>
      <section className="section" aria-labelledby="chi-tieu">
        <h2 id="chi-tieu">Chỉ tiêu của tỉnh</h2>
        <QuotaSummary settings={settings.data} provinceId={me?.provinceId ?? null} />
        {!settings.data.open && <Alert type="info" showIcon title="Hội nghị hiện không nhận đăng ký." />}
      </section>
      <RegisterForm sessionId={sessionId} />
      <BulkUpload sessionId={sessionId} />
      <RegistrationList items={registrations.data.items} open={settings.data.open} refresh={refresh} />
      <section className="section" aria-labelledby="diem-danh-tinh">
        <h2 id="diem-danh-tinh">Danh sách điểm danh của tỉnh</h2>
        <ExportButtons sessionId={sessionId} />
      </section>
    </>
  );
}

function useRefreshRegistrations(sessionId: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['registrations', sessionId] }),
      queryClient.invalidateQueries({ queryKey: ['registration-settings', sessionId] }),
    ]);
}

function RegisterForm({ sessionId }: { sessionId: number }) {
  const [form] = Form.useForm<NewRegistration>();
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Registration | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshRegistrations(sessionId);

  const submit = async (values: NewRegistration) => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    // Empty optional fields are left out rather than sent as "".
    const body = Object.fromEntries(
      Object.entries(values).filter(([, value]) => value !== undefined && value !== ''),
    ) as NewRegistration;
    try {
      const created = await unwrap(
        api.POST('/api/v1/sessions/{id}/registrations', { params: { path: { id: sessionId } }, body }),
      );
      setOutcome(created);
      form.resetFields();
      await refresh();
    } catch (failure) {
      if (!showFieldErrors(form, failure)) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section" aria-labelledby="dang-ky-moi">
      <h2 id="dang-ky-moi">Đăng ký đại biểu</h2>
      {outcome && (
        <Alert
          type={outcome.status === 'waitlisted' ? 'warning' : 'success'}
          showIcon
          role="status"
          title={
            outcome.status === 'waitlisted'
              ? `Tỉnh đã hết chỉ tiêu: ${outcome.fullName} được đưa vào danh sách chờ.`
              : outcome.status === 'pending'
                ? `Đã gửi đăng ký của ${outcome.fullName}, đang chờ ban tổ chức duyệt.`
                : `Đã đăng ký ${outcome.fullName}.`
          }
        />
      )}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" className="register-form">
        <PersonFields />
        <Button type="primary" htmlType="submit" loading={busy}>
          Đăng ký
        </Button>
      </Form>
    </section>
  );
}
