import { Button, Input, Pagination, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { RequireRole } from '../registration/RequireRole';
import { useAuth } from '../shared/auth/AuthProvider';
import { formatSchedule, label, SESSION_KINDS, SESSION_STATUSES } from '../shared/format';
import { useDebounced } from '../shared/useDebounced';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { useEditableSessions } from './queries';

export const ORGANISER_ROLES = ['organiser', 'admin'];

export default function SessionsPage() {
  usePageTitle('Quản lý hội nghị');
  return (
    <RequireRole role={ORGANISER_ROLES}>
      <EditableSessions />
    </RequireRole>
  );
}

function EditableSessions() {
  const { me } = useAuth();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const search = useDebounced(q, 300);
  const grants = me?.roles ?? [];
  // An organiser grant limited to one session may edit that session only; one bound to an
  // organisation (a provincial Sở) the sessions it organises, and it creates its own (the API
  // checks all of it too). Only a grant for every session reaches the shared catalogue.
  const scoped = grants.filter((g) => g.role === 'organiser' && g.sessionId);
  const unscoped =
    grants.some((g) => g.role === 'admin') ||
    grants.some((g) => g.role === 'organiser' && !g.sessionId && !g.organisationId);
  const organisationId = unscoped
    ? undefined
    : (grants.find((g) => g.role === 'organiser' && g.organisationId)?.organisationId ?? undefined);
  const sessions = useEditableSessions(search, offset, organisationId);
  const editable = (id: number) => unscoped || organisationId !== undefined || scoped.some((g) => g.sessionId === id);
  return (
    <>
      <Typography.Title level={1}>Quản lý hội nghị</Typography.Title>
      <div className="toolbar">
        {(unscoped || organisationId !== undefined) && (
          <Button type="primary" onClick={() => void navigate('/quan-ly/phien/moi')}>
            Tạo hội nghị mới
          </Button>
        )}
        {(unscoped || organisationId !== undefined) && <Link to="/quan-ly/nhap-bai-bao">Nhập từ bài báo</Link>}
        {unscoped && <Link to="/quan-ly/danh-muc">Người, tổ chức, văn bản</Link>}
      </div>
      <label className="search-field">
        Tìm hội nghị (cả bản nháp)
        <Input
          value={q}
          allowClear
          onChange={(event) => {
            setQ(event.target.value);
            setOffset(0);
          }}
        />
      </label>
      {sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : !sessions.data ? (
        <Loading />
      ) : sessions.data.items.length === 0 ? (
        <p>Không có hội nghị nào.</p>
      ) : (
        <>
          <ul className="session-list" aria-label="Hội nghị có thể sửa">
            {sessions.data.items
              .filter((s) => editable(s.id))
              .map((s) => (
                <li key={s.id} className="session-card">
                  <h2>
                    <Link to={`/quan-ly/phien/${s.id}`}>{s.title}</Link>
                  </h2>
                  <div className="facts">
                    <span>{formatSchedule(s.schedule)}</span>
                    <Tag>{label(SESSION_KINDS, s.kind)}</Tag>
                    <Tag className={`status-${s.status}`}>{label(SESSION_STATUSES, s.status)}</Tag>
                  </div>
                </li>
              ))}
          </ul>
          <Pagination
            className="pager"
            current={offset / 20 + 1}
            pageSize={20}
            total={sessions.data.page.total}
            showSizeChanger={false}
            onChange={(pageNumber) => setOffset((pageNumber - 1) * 20)}
          />
        </>
      )}
    </>
  );
}
