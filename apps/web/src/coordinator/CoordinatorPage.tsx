import './coordinator.css';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { RequireRole } from '../registration/RequireRole';
import { useAuth } from '../shared/auth/AuthProvider';
import { formatSchedule, label, SESSION_STATUSES } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { DESK_ROLES, hasUnscopedGrant, useMySessions } from './queries';

export default function CoordinatorPage() {
  usePageTitle('Điều phối hội nghị');
  return (
    <RequireRole role={DESK_ROLES}>
      <MySessions />
    </RequireRole>
  );
}

/** The sessions I work at: the desk, the attendance list and the statistics of each. */
function MySessions() {
  const { me } = useAuth();
  const sessions = useMySessions(me);
  return (
    <>
      <Typography.Title level={1}>Điều phối hội nghị</Typography.Title>
      {hasUnscopedGrant(me) && (
        <p>
          <Link to="/thong-ke">Thống kê theo tỉnh, thành phố qua các năm</Link>
        </p>
      )}
      {sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : !sessions.data ? (
        <Loading />
      ) : sessions.data.length === 0 ? (
        <p>Chưa có hội nghị nào được giao cho bạn.</p>
      ) : (
        <ul className="session-list" aria-label="Hội nghị được giao">
          {sessions.data.map((session) => (
            <li key={session.id} className="session-card">
              <h2>{session.title}</h2>
              <p>
                {formatSchedule(session.schedule)} · {label(SESSION_STATUSES, session.status)}
              </p>
              <p className="session-card-links">
                <Link to={`/dieu-phoi/phien/${session.id}/diem-danh`} aria-label={`Bàn điểm danh: ${session.title}`}>
                  Bàn điểm danh
                </Link>
                <Link
                  to={`/dieu-phoi/phien/${session.id}/danh-sach`}
                  aria-label={`Danh sách điểm danh: ${session.title}`}
                >
                  Danh sách điểm danh
                </Link>
                <Link to={`/dieu-phoi/phien/${session.id}/thong-ke`} aria-label={`Thống kê: ${session.title}`}>
                  Thống kê
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
