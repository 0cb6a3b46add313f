import { Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { RequireRole } from '../registration/RequireRole';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { DocumentList } from './reference-data/DocumentList';
import { OrganisationList } from './reference-data/OrganisationList';
import { PeopleList } from './reference-data/PeopleList';
import type { Kind } from './reference-data/RecordList';
import { ORGANISER_ROLES } from './SessionsPage';

const KINDS: { key: Kind; label: string }[] = [
  { key: 'nguoi', label: 'Người' },
  { key: 'to-chuc', label: 'Cơ quan, tổ chức' },
  { key: 'van-ban', label: 'Văn bản' },
];

export default function ReferenceDataPage() {
  usePageTitle('Người, tổ chức, văn bản');
  const [params] = useSearchParams();
  const kind = (KINDS.find((k) => k.key === params.get('loai'))?.key ?? 'nguoi') as Kind;
  return (
    <RequireRole role={ORGANISER_ROLES}>
      <p>
        <Link to="/quan-ly">← Quản lý hội nghị</Link>
      </p>
      <Typography.Title level={1}>Người, tổ chức, văn bản</Typography.Title>
      <nav aria-label="Loại danh mục" className="editor-nav">
        <ul>
          {KINDS.map((k) => (
            <li key={k.key}>
              <Link to={`?loai=${k.key}`} replace aria-current={k.key === kind ? 'page' : undefined}>
                {k.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="editor-pane">
        {kind === 'nguoi' && <PeopleList />}
        {kind === 'to-chuc' && <OrganisationList />}
        {kind === 'van-ban' && <DocumentList />}
      </div>
    </RequireRole>
  );
}
