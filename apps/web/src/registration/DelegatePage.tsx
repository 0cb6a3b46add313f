import { Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../shared/auth/AuthProvider';
import { formatSchedule } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { QuotaSummary } from './QuotaSummary';
import { RequireRole } from './RequireRole';
import { useInvitedSessions, useRegistrationSettings } from './queries';

export default function DelegatePage() {
  usePageTitle('Hội nghị tỉnh được mời');
  return (
    <RequireRole role="province_delegate">
      <InvitedSessions />
    </RequireRole>
  );
}

function InvitedSessions() {
  const { me } = useAuth();
  const sessions = useInvitedSessions(me?.provinceId ?? null);
  return (
    <>
      <Typography.Title level={1}>Hội nghị tỉnh được mời</Typography.Title>
      {sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : !sessions.data ? (
        <Loading />
      ) : sessions.data.items.length === 0 ? (
        <p>Hiện chưa có hội nghị nào mời tỉnh của bạn đang mở đăng ký.</p>
      ) : (
        <ul className="session-list" aria-label="Hội nghị đang mở đăng ký">
          {sessions.data.items.map((session) => (
            <li key={session.id} className="session-card">
              <h2>
                <Link to={`/dai-bieu/phien/${session.id}`}>{session.title}</Link>
              </h2>
              <p>Thời gian: {formatSchedule(session.schedule)}</p>
              <SessionQuota sessionId={session.id} provinceId={me?.provinceId ?? null} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function SessionQuota({ sessionId, provinceId }: { sessionId: number; provinceId: number | null }) {
  const settings = useRegistrationSettings(sessionId);
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Loading label="Đang tải chỉ tiêu…" />;
  return <QuotaSummary settings={settings.data} provinceId={provinceId} />;
}
