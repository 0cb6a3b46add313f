import { Pagination, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { RequireRole } from '../registration/RequireRole';
import { formatInstant, matchesFolded } from '../shared/format';
import { useDebounced } from '../shared/useDebounced';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { useAuditLog, useSessionSearch, useUsers } from './queries';

/** The actions the API writes, in words; a key ending with a dot is a whole kind. */
export const AUDIT_ACTIONS: Record<string, string> = {
  'session.': 'Mọi thao tác trên hội nghị',
  'session.created': 'Tạo hội nghị',
  'session.updated': 'Sửa thông tin hội nghị',
  'session.status_changed': 'Chuyển trạng thái hội nghị',
  'session.deleted': 'Xóa hội nghị',
  'session.invitations_replaced': 'Đổi danh sách mời',
  'session.organisers_replaced': 'Đổi đơn vị tổ chức',
  'agenda_item.': 'Mọi thao tác trên chương trình',
  'agenda_item.created': 'Thêm nội dung chương trình',
  'agenda_item.updated': 'Sửa nội dung chương trình',
  'agenda_item.deleted': 'Xóa nội dung chương trình',
  'bridge_point.created': 'Thêm điểm cầu',
  'bridge_point.deleted': 'Bỏ điểm cầu',
  'registration_settings.updated': 'Sửa thiết lập đăng ký',
  'registration.': 'Mọi thao tác trên đăng ký',
  'registration.created': 'Đăng ký đại biểu',
  'registration.created_by_upload': 'Đăng ký qua tệp',
  'registration.updated': 'Sửa đăng ký',
  'registration.approved': 'Duyệt đăng ký',
  'registration.promoted': 'Chuyển từ danh sách chờ',
  'session_part.': 'Mọi thao tác trên các buổi',
  'attendance.': 'Điểm danh',
  'person.position_added': 'Thêm chức vụ',
  'person.position_removed': 'Bỏ chức vụ',
  'organisation.renamed': 'Đổi tên tổ chức',
  'user.': 'Mọi thao tác trên tài khoản',
  'user.created': 'Tạo tài khoản',
  'user.updated': 'Sửa tài khoản',
};

const PAGE = 50;

export default function AuditLogPage() {
  usePageTitle('Nhật ký thao tác');
  return (
    <RequireRole role="admin">
      <AuditLog />
    </RequireRole>
  );
}

function AuditLog() {
  const [userId, setUserId] = useState<number>();
  const [sessionId, setSessionId] = useState<number>();
  const [action, setAction] = useState<string>();
  const [offset, setOffset] = useState(0);
  const [userQ, setUserQ] = useState('');
  const [sessionQ, setSessionQ] = useState('');
  const users = useUsers({ q: useDebounced(userQ, 250) || undefined, limit: 20 });
  const sessions = useSessionSearch(useDebounced(sessionQ, 250));
  const log = useAuditLog({ userId, sessionId, action, limit: PAGE, offset });
  const reset = () => setOffset(0);

  return (
    <>
      <Typography.Title level={1}>Nhật ký thao tác</Typography.Title>
      <p>Ai đã làm gì, lúc nào: mới nhất trước. Chỉ xem, không sửa được.</p>
      <div className="filters">
        <label>
          Người thực hiện
          <Select<number>
            allowClear
            value={userId}
            showSearch={{ filterOption: false, onSearch: setUserQ }}
            options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))}
            onChange={(v) => {
              setUserId(v);
              reset();
            }}
          />
        </label>
        <label>
          Hội nghị
          <Select<number>
            allowClear
            value={sessionId}
            showSearch={{ filterOption: false, onSearch: setSessionQ }}
            options={(sessions.data?.items ?? []).map((s) => ({ value: s.id, label: s.title }))}
            onChange={(v) => {
              setSessionId(v);
              reset();
            }}
          />
        </label>
        <label>
          Thao tác
          <Select<string>
            allowClear
            value={action}
            showSearch={{ filterOption: matchesFolded }}
            options={Object.entries(AUDIT_ACTIONS).map(([value, text]) => ({ value, label: text }))}
            onChange={(v) => {
              setAction(v);
              reset();
            }}
          />
        </label>
      </div>
      {log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : !log.data ? (
        <Loading />
      ) : log.data.items.length === 0 ? (
        <p>Không có mục nào.</p>
      ) : (
        <>
          <p>{log.data.page.total} mục.</p>
          <div className="table-scroll">
            <table className="quota-table">
              <caption className="visually-hidden">Nhật ký thao tác</caption>
              <thead>
                <tr>
                  <th scope="col">Lúc</th>
                  <th scope="col">Người thực hiện</th>
                  <th scope="col">Thao tác</th>
                  <th scope="col">Đối tượng</th>
                  <th scope="col">Chi tiết</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatInstant(entry.at)}</td>
                    <td>{entry.actorName ?? entry.actorEmail ?? 'Dòng lệnh'}</td>
                    <td>{AUDIT_ACTIONS[entry.action] ?? entry.action}</td>
                    <td>
                      {entry.entityType} #{entry.entityId}
                      {entry.sessionId !== null && (
                        <div>
                          <Link to={`/quan-ly/phien/${entry.sessionId}`}>Hội nghị #{entry.sessionId}</Link>
                        </div>
                      )}
                    </td>
                    <td>
                      {(entry.before !== null || entry.after !== null) && (
                        <details>
                          <summary>Xem</summary>
                          <pre className="audit-json">
                            {JSON.stringify({ trước: entry.before, sau: entry.after }, null, 2)}
                          </pre>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            className="pager"
            current={offset / PAGE + 1}
            pageSize={PAGE}
            total={log.data.page.total}
            showSizeChanger={false}
            onChange={(n) => setOffset((n - 1) * PAGE)}
          />
        </>
      )}
    </>
  );
}
