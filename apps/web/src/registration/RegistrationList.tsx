import { Alert, Button, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../shared/api/client';
import { errorMessage } from '../shared/api/problem';
import { EditRegistration } from './EditRegistration';
import { REGISTRATION_STATUSES, type Registration } from './queries';

const ACTIVE = new Set(['confirmed', 'waitlisted', 'pending']);

/** My province's people for one session: status, place in the waitlist, edit and withdraw while open. */
export function RegistrationList({
  items,
  open,
  refresh,
}: {
  items: Registration[];
  /** Registration is open now: only then may people be edited (the API refuses otherwise). */
  open: boolean;
  refresh: () => Promise<unknown>;
}) {
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  const editing = items.find((r) => r.id === editingId);
  const active = items.filter((r) => ACTIVE.has(r.status));
  const ended = items.filter((r) => !ACTIVE.has(r.status));

  const withdraw = async (registration: Registration) => {
    setError(null);
    setSaved(null);
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
      {saved !== null && <Alert type="success" showIcon role="status" title={saved} />}
      {items.length === 0 ? (
        <p>Tỉnh chưa đăng ký đại biểu nào.</p>
      ) : (
        <ul className="registration-list" aria-label="Đại biểu đã đăng ký">
          {[...active, ...ended].map((r) => (
            <li key={r.id} className="registration-row">
              <div>
                <strong>{r.fullName}</strong>
                <div>{[r.position, r.agency].filter(Boolean).join(', ')}</div>
                <div className="registration-contact">{[r.phone, r.email].filter(Boolean).join(' · ')}</div>
              </div>
              <div className="registration-status">
                <Tag className={`status-${r.status}`}>{REGISTRATION_STATUSES[r.status] ?? r.status}</Tag>
                {r.waitlistPosition !== null && <span>Vị trí chờ: {r.waitlistPosition}</span>}
                {open && ACTIVE.has(r.status) && (
                  <Button
                    size="small"
                    aria-label={`Sửa thông tin của ${r.fullName}`}
                    onClick={() => {
                      setSaved(null);
                      setEditingId(r.id);
                    }}
                  >
                    Sửa
                  </Button>
                )}
                {ACTIVE.has(r.status) && (
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
      {editing && (
        <EditRegistration
          registration={editing}
          refresh={refresh}
          onClose={() => setEditingId(null)}
          onSaved={(registration) => {
            setEditingId(null);
            setSaved(`Đã lưu thông tin của ${registration.fullName}.`);
          }}
        />
      )}
    </section>
  );
}
