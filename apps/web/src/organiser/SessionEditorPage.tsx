import { Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { RequireRole } from '../registration/RequireRole';
import { ApiError } from '../shared/api/problem';
import { label, SESSION_STATUSES } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { NotFoundPage } from '../shared/ui/NotFoundPage';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { AgendaEditor } from './AgendaEditor';
import { DetailsEditor } from './DetailsEditor';
import { InvitationsEditor } from './InvitationsEditor';
import { Lifecycle } from './Lifecycle';
import { ModerationQueue } from './ModerationQueue';
import { OrganisersEditor } from './OrganisersEditor';
import { PartsEditor } from './PartsEditor';
import { useEditedSession } from './queries';
import { RegistrationSettingsEditor } from './RegistrationSettingsEditor';
import { ORGANISER_ROLES } from './SessionsPage';

const TABS = [
  { key: 'thong-tin', label: 'Thông tin chung' },
  { key: 'chuong-trinh', label: 'Chương trình' },
  { key: 'don-vi', label: 'Đơn vị tổ chức' },
  { key: 'moi', label: 'Mời dự và điểm cầu' },
  { key: 'dang-ky', label: 'Đăng ký và chỉ tiêu' },
  { key: 'duyet', label: 'Duyệt đăng ký' },
  { key: 'buoi', label: 'Các buổi' },
];

export default function SessionEditorPage() {
  return (
    <RequireRole role={ORGANISER_ROLES}>
      <SessionEditor id={Number(useParams().id)} />
    </RequireRole>
  );
}

function SessionEditor({ id }: { id: number }) {
  const session = useEditedSession(id);
  const [params] = useSearchParams();
  const tab = TABS.some((t) => t.key === params.get('muc')) ? params.get('muc')! : 'thong-tin';
  usePageTitle(session.data ? `Sửa: ${session.data.title}` : 'Sửa hội nghị');
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (session.isError) {
    if (session.error instanceof ApiError && session.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (!session.data) return <Loading />;
  const data = session.data;
  const panes: Record<string, React.ReactNode> = {
    'thong-tin': <DetailsEditor session={data} />,
    'chuong-trinh': <AgendaEditor session={data} />,
    'don-vi': <OrganisersEditor session={data} />,
    moi: <InvitationsEditor session={data} />,
    'dang-ky': <RegistrationSettingsEditor session={data} />,
    duyet: <ModerationQueue session={data} />,
    buoi: <PartsEditor sessionId={data.id} />,
  };
  return (
    <>
      <p>
        <Link to="/quan-ly">← Quản lý hội nghị</Link>
      </p>
      <Typography.Title level={1}>{data.title}</Typography.Title>
      <div className="toolbar">
        <span>
          Trạng thái: <Tag className={`status-${data.status}`}>{label(SESSION_STATUSES, data.status)}</Tag>
        </span>
        {data.status !== 'draft' && <Link to={`/phien/${data.id}`}>Xem trang công khai</Link>}
      </div>
      <Lifecycle session={data} />
      {/* Links rather than tabs: each part has its address, and the list wraps on a phone. */}
      <nav aria-label="Các mục của hội nghị" className="editor-nav">
        <ul>
          {TABS.map((t) => (
            <li key={t.key}>
              <Link to={`?muc=${t.key}`} replace aria-current={t.key === tab ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="editor-pane">{panes[tab]}</div>
    </>
  );
}
