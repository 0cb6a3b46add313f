import { Alert, Button, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../shared/api/problem';
import { sessionWrites, useSessionWrite, type SessionDetail } from './queries';
import { RemotePicker } from './RemotePicker';

type Role = 'lead' | 'co_organiser';
interface Row {
  organisationId: number;
  name: string;
  role: Role;
}
const ROLES = [
  { value: 'lead', label: 'Chủ trì' },
  { value: 'co_organiser', label: 'Phối hợp' },
];

/** Lead ("chủ trì") and co-organising ("phối hợp") bodies, found by any of their names, saved as a whole. */
export function OrganisersEditor({ session }: { session: SessionDetail }) {
  const save = useSessionWrite(session.id, sessionWrites.organisers(session.id));
  const [rows, setRows] = useState<Row[]>(() =>
    session.organisers.map((o) => ({ organisationId: o.organisationId, name: o.currentName || o.name, role: o.role })),
  );
  const [picked, setPicked] = useState<number | undefined>();
  const [pickedName, setPickedName] = useState('');
  const [role, setRole] = useState<Role>('lead');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    setSaved(false);
    setError(null);
    try {
      await save.mutateAsync({ organisers: rows.map(({ organisationId, role: r }) => ({ organisationId, role: r })) });
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="don-vi-to-chuc">
      <h2 id="don-vi-to-chuc">Đơn vị tổ chức</h2>
      {saved && <Alert type="success" showIcon role="status" title="Đã lưu đơn vị tổ chức." />}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      {rows.length === 0 ? (
        <p>Chưa có đơn vị tổ chức.</p>
      ) : (
        <ul className="registration-list" aria-label="Đơn vị tổ chức">
          {rows.map((row) => (
            <li key={row.organisationId} className="registration-row">
              <span>{row.name}</span>
              <span className="registration-status">
                <Select
                  aria-label={`Vai trò của ${row.name}`}
                  value={row.role}
                  options={ROLES}
                  onChange={(value: Role) =>
                    setRows(rows.map((r) => (r.organisationId === row.organisationId ? { ...r, role: value } : r)))
                  }
                />
                <Button
                  size="small"
                  danger
                  aria-label={`Bỏ ${row.name}`}
                  onClick={() => setRows(rows.filter((r) => r.organisationId !== row.organisationId))}
                >
                  Bỏ
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="add-organiser">
        <label className="stack-label" htmlFor="them-don-vi">
          Tìm cơ quan, tổ chức
        </label>
        <div className="toolbar">
          <div className="grow">
            <RemotePicker
              id="them-don-vi"
              kind="organisations"
              value={picked}
              onChange={(value, chosen) => {
                setPicked(value as number | undefined);
                setPickedName(chosen[0]?.label ?? '');
              }}
            />
          </div>
          <Select aria-label="Vai trò" value={role} options={ROLES} onChange={(value: Role) => setRole(value)} />
          <Button
            disabled={!picked || rows.some((r) => r.organisationId === picked)}
            onClick={() => {
              if (!picked) return;
              setRows([...rows, { organisationId: picked, name: pickedName || `#${picked}`, role }]);
              setPicked(undefined);
            }}
          >
            Thêm
          </Button>
        </div>
      </div>
      <Button type="primary" onClick={() => void submit()} loading={save.isPending}>
        Lưu đơn vị tổ chức
      </Button>
    </section>
  );
}
