import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Popconfirm, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../catalogue/queries';
import { api, unwrap } from '../shared/api/client';
import { ApiError, errorMessage, fieldMessage } from '../shared/api/problem';
import type { components } from '../shared/api/schema';
import { useAuth } from '../shared/auth/AuthProvider';
import { formatSchedule } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { ExportButtons } from '../coordinator/ExportButtons';
import { BulkUpload } from './BulkUpload';
import { QuotaSummary } from './QuotaSummary';
import { RequireRole } from './RequireRole';
import {
  REGISTRATION_STATUSES,
  useMyRegistrations,
  useRegistrationSettings,
  waitlistPositions,
  type Registration,
} from './queries';

type NewRegistration = components['schemas']['CreateRegistrationDto'];

const FIELD_LABELS: Record<keyof NewRegistration, string> = {
  fullName: 'Họ và tên',
  gender: 'Giới tính',
  position: 'Chức vụ',
  agency: 'Cơ quan',
  phone: 'Điện thoại',
  email: 'Email',
};

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
      <RegistrationList items={registrations.data.items} sessionId={sessionId} />
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
      const fields = failure instanceof ApiError ? failure.fieldErrors.filter((f) => f.path in FIELD_LABELS) : [];
      if (failure instanceof ApiError && fields.length > 0) {
        // Each message beside its field; the first wrong field gets the focus.
        const byField = new Map<string, string[]>();
        for (const f of fields) {
          const label = FIELD_LABELS[f.path as keyof NewRegistration];
          byField.set(f.path, [...(byField.get(f.path) ?? []), fieldMessage(f, failure.inVietnamese, label)]);
        }
        form.setFields(
          [...byField].map(([name, errors]) => ({ name: name as keyof NewRegistration, errors: [...new Set(errors)] })),
        );
        form.focusField(fields[0].path as keyof NewRegistration);
      } else setError(failure);
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
        <Button type="primary" htmlType="submit" loading={busy}>
          Đăng ký
        </Button>
      </Form>
    </section>
  );
}

function RegistrationList({ items, sessionId }: { items: Registration[]; sessionId: number }) {
  const positions = waitlistPositions(items);
  const refresh = useRefreshRegistrations(sessionId);
  const [error, setError] = useState<unknown>(null);
  const active = items.filter((r) => r.status !== 'withdrawn' && r.status !== 'rejected');
  const ended = items.filter((r) => r.status === 'withdrawn' || r.status === 'rejected');

  const withdraw = async (registration: Registration) => {
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/registrations/{id}/withdraw', {
          params: { path: { id: registration.id } },
          body: { reason: 'Tỉnh rút đăng ký' },
        }),
      );
    } catch (failure) {
      setError(failure);
    }
    await refresh();
  };

  return (
    <section className="section" aria-labelledby="danh-sach">
      <h2 id="danh-sach">Danh sách đăng ký của tỉnh ({active.length})</h2>
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      {items.length === 0 ? (
        <p>Tỉnh chưa đăng ký đại biểu nào.</p>
      ) : (
        <ul className="registration-list" aria-label="Đại biểu đã đăng ký">
          {[...active, ...ended].map((r) => (
            <li key={r.id} className="registration-row">
              <div>
                <strong>{r.fullName}</strong>
                <div>{[r.position, r.agency].filter(Boolean).join(', ')}</div>
              </div>
              <div className="registration-status">
                <Tag className={`status-${r.status}`}>{REGISTRATION_STATUSES[r.status] ?? r.status}</Tag>
                {positions.has(r.id) && <span>Vị trí chờ: {positions.get(r.id)}</span>}
                {(r.status === 'confirmed' || r.status === 'waitlisted' || r.status === 'pending') && (
                  <Popconfirm
                    title={`Rút đăng ký của ${r.fullName}?`}
                    description="Chỗ của người này sẽ được chuyển cho người đầu danh sách chờ."
                    okText="Rút đăng ký"
                    cancelText="Không"
                    onConfirm={() => withdraw(r)}
                  >
                    <Button danger size="small" aria-label={`Rút đăng ký của ${r.fullName}`}>
                      Rút đăng ký
                    </Button>
                  </Popconfirm>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
