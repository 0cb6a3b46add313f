import { useQueryClient } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { RequireRole } from '../registration/RequireRole';
import { api, unwrap } from '../shared/api/client';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { SessionForm, toSessionBody, type SessionFormValues } from './SessionForm';
import { ORGANISER_ROLES } from './SessionsPage';

export default function NewSessionPage() {
  usePageTitle('Tạo hội nghị mới');
  return (
    <RequireRole role={ORGANISER_ROLES}>
      <NewSession />
    </RequireRole>
  );
}

function NewSession() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initial = useMemo<SessionFormValues>(
    () => ({ title: '', kind: 'training_conference', precision: 'day', format: 'in_person' }),
    [],
  );
  const create = async (values: SessionFormValues) => {
    const session = await unwrap(api.POST('/api/v1/sessions', { body: toSessionBody(values) }));
    queryClient.setQueryData(['session', session.id], session);
    void queryClient.invalidateQueries({ queryKey: ['organiser-sessions'] });
    await navigate(`/quan-ly/phien/${session.id}?muc=chuong-trinh`);
  };
  return (
    <>
      <p>
        <Link to="/quan-ly">← Quản lý hội nghị</Link>
      </p>
      <Typography.Title level={1}>Tạo hội nghị mới</Typography.Title>
      <p>Hội nghị mới là bản nháp: chỉ ban tổ chức thấy cho đến khi lên lịch.</p>
      <SessionForm initial={initial} submitLabel="Tạo bản nháp" onSubmit={create} />
    </>
  );
}
