import { Alert, Button, Checkbox, Input, Modal, Pagination, Select, Tag } from 'antd';
import { useState } from 'react';
import { REGISTRATION_STATUSES } from '../registration/queries';
import { errorMessage } from '../shared/api/problem';
import { formatInstant, matchesFolded } from '../shared/format';
import { useDebounced } from '../shared/useDebounced';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import {
  useModeration,
  useRegistrationAudit,
  useSessionRegistrations,
  type Registration,
  type RegistrationQuery,
  type SessionDetail,
} from './queries';

export function ModerationQueue({ session }: { session: SessionDetail }) {
  return (
    <>
      <PendingQueue session={session} />
      <AllRegistrations session={session} />
    </>
  );
}

function PendingQueue({ session }: { session: SessionDetail }) {
  const pending = useSessionRegistrations(session.id, { status: 'pending', limit: 100 });
  const { approve, reject } = useModeration(session.id);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [rejecting, setRejecting] = useState<Registration | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (pending.isError) return <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />;
  if (!pending.data) return <Loading />;
  const items = pending.data.items;

  const approveThese = async (people: Registration[]) => {
    setError(null);
    setOutcome(null);
    try {
      await approve.mutateAsync(people.map((r) => r.id));
      setOutcome(`Đã duyệt ${people.length === 1 ? people[0].fullName : `${people.length} đăng ký`}.`);
      setChosen(new Set());
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section className="section" aria-labelledby="cho-duyet">
      <h2 id="cho-duyet">Chờ duyệt ({items.length})</h2>
      {outcome && <Alert type="success" showIcon role="status" title={outcome} />}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      {items.length === 0 ? (
        <p>Không có đăng ký nào chờ duyệt.</p>
      ) : (
        <>
          <div className="toolbar">
            <Checkbox
              checked={chosen.size === items.length}
              indeterminate={chosen.size > 0 && chosen.size < items.length}
              onChange={(e) => setChosen(e.target.checked ? new Set(items.map((r) => r.id)) : new Set())}
            >
              Chọn tất cả
            </Checkbox>
            <Button
              type="primary"
              disabled={chosen.size === 0}
              loading={approve.isPending}
              onClick={() => void approveThese(items.filter((r) => chosen.has(r.id)))}
            >
              Duyệt {chosen.size > 0 ? `${chosen.size} đăng ký đã chọn` : 'các đăng ký đã chọn'}
            </Button>
          </div>
          <ul className="registration-list" aria-label="Đăng ký chờ duyệt">
            {items.map((r) => (
              <li key={r.id} className="registration-row">
                <Checkbox
                  checked={chosen.has(r.id)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(r.id);
                    else next.delete(r.id);
                    setChosen(next);
                  }}
                >
                  <strong>{r.fullName}</strong> – {r.provinceName}
                  <div>{[r.position as unknown as string, r.agency].filter(Boolean).join(', ')}</div>
                </Checkbox>
                <div className="registration-status">
                  <Button size="small" aria-label={`Duyệt ${r.fullName}`} onClick={() => void approveThese([r])}>
                    Duyệt
                  </Button>
                  <Button
                    size="small"
                    danger
                    aria-label={`Từ chối ${r.fullName}`}
                    onClick={() => {
                      setRejecting(r);
                      setReason('');
                      setReasonMissing(false);
                    }}
                  >
                    Từ chối
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <Modal
        open={rejecting !== null}
        title={rejecting ? `Từ chối đăng ký của ${rejecting.fullName}` : ''}
        okText="Từ chối"
        cancelText="Quay lại"
        okButtonProps={{ danger: true, loading: reject.isPending }}
        onCancel={() => setRejecting(null)}
        onOk={async () => {
          if (!rejecting) return;
          if (!reason.trim()) {
            setReasonMissing(true);
            return;
          }
          setError(null);
          try {
            await reject.mutateAsync({ id: rejecting.id, reason: reason.trim() });
            setOutcome(`Đã từ chối ${rejecting.fullName}.`);
            setRejecting(null);
          } catch (failure) {
            setError(failure);
            setRejecting(null);
          }
        }}
      >
        <label className="stack-label" htmlFor="ly-do-tu-choi">
          Lý do từ chối (tỉnh sẽ thấy)
        </label>
        <Input.TextArea
          id="ly-do-tu-choi"
          value={reason}
          aria-invalid={reasonMissing}
          aria-describedby={reasonMissing ? 'ly-do-tu-choi-loi' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setReasonMissing(false);
          }}
        />
        {reasonMissing && (
          <p id="ly-do-tu-choi-loi" className="field-error">
            Vui lòng nhập lý do từ chối.
          </p>
        )}
      </Modal>
    </section>
  );
}

const PAGE = 50;

function AllRegistrations({ session }: { session: SessionDetail }) {
  const [status, setStatus] = useState<RegistrationQuery['status']>();
  const [province, setProvince] = useState<number>();
  const [words, setWords] = useState('');
  const [offset, setOffset] = useState(0);
  const [history, setHistory] = useState<Registration | null>(null);
  // Searched by the API across every page (name, agency or post; accents ignored), once typing pauses.
  const q = useDebounced(words.trim(), 300) || undefined;
  const list = useSessionRegistrations(session.id, { status, province, q, limit: PAGE, offset });
  const items = list.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="tat-ca-dang-ky">
      <h2 id="tat-ca-dang-ky">Đăng ký của các tỉnh</h2>
      <div className="filters">
        <label>
          Trạng thái
          <Select
            allowClear
            value={status}
            onChange={(v) => {
              setStatus(v);
              setOffset(0);
            }}
            options={Object.entries(REGISTRATION_STATUSES).map(([value, text]) => ({ value, label: text }))}
          />
        </label>
        <label>
          Tỉnh
          <Select
            allowClear
            showSearch={{ filterOption: matchesFolded }}
            value={province}
            onChange={(v) => {
              setProvince(v);
              setOffset(0);
            }}
            options={session.invitedProvinces.map((p) => ({ value: p.id, label: p.name }))}
          />
        </label>
        <label>
          Tìm theo tên hoặc cơ quan
          <Input
            type="search"
            value={words}
            allowClear
            onChange={(e) => {
              setWords(e.target.value);
              setOffset(0);
            }}
          />
        </label>
      </div>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>Không có đăng ký nào.</p>
      ) : (
        <div className="table-scroll">
          <table className="quota-table">
            <caption className="visually-hidden">Đăng ký của các tỉnh</caption>
            <thead>
              <tr>
                <th scope="col">Họ và tên</th>
                <th scope="col">Tỉnh</th>
                <th scope="col">Cơ quan</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Lịch sử</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.fullName}</th>
                  <td>{r.provinceName}</td>
                  <td>{r.agency}</td>
                  <td>
                    <Tag className={`status-${r.status}`}>{REGISTRATION_STATUSES[r.status] ?? r.status}</Tag>
                    {r.statusReason ? <div>Lý do: {String(r.statusReason)}</div> : null}
                  </td>
                  <td>
                    <Button size="small" aria-label={`Lịch sử đăng ký của ${r.fullName}`} onClick={() => setHistory(r)}>
                      Xem
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && list.data.page.total > PAGE && (
        <Pagination
          className="pager"
          current={offset / PAGE + 1}
          pageSize={PAGE}
          total={list.data.page.total}
          showSizeChanger={false}
          onChange={(n) => setOffset((n - 1) * PAGE)}
        />
      )}
      <Modal
        open={history !== null}
        title={history ? `Lịch sử đăng ký của ${history.fullName}` : ''}
        footer={null}
        onCancel={() => setHistory(null)}
        destroyOnHidden
      >
        {history && <RegistrationHistory id={history.id} />}
      </Modal>
    </section>
  );
}

const ACTIONS: Record<string, string> = {
  'registration.created': 'Đăng ký',
  'registration.created_by_upload': 'Đăng ký qua tệp danh sách',
  'registration.confirmed': 'Xác nhận',
  'registration.approved': 'Duyệt',
  'registration.rejected': 'Từ chối',
  'registration.withdrawn': 'Rút đăng ký',
  'registration.waitlisted': 'Đưa vào danh sách chờ',
  'registration.promoted': 'Chuyển từ danh sách chờ sang xác nhận',
  'registration.updated': 'Sửa thông tin',
};

function RegistrationHistory({ id }: { id: number }) {
  const audit = useRegistrationAudit(id);
  if (audit.isError) return <ErrorState error={audit.error} />;
  if (!audit.data) return <Loading />;
  const entries = Array.isArray(audit.data) ? audit.data : [];
  return (
    <ol className="plain-list" aria-label="Các bước của đăng ký">
      {entries.map((entry, index) => (
        <li key={index}>
          {formatInstant(entry.at)}: {ACTIONS[entry.action] ?? entry.action}
        </li>
      ))}
    </ol>
  );
}
