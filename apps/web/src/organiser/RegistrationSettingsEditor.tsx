import { Alert, Button, Checkbox, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../shared/api/problem';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { useSaveSettings, useSettings, type Quota, type SessionDetail } from './queries';

/** An instant as the value of <input type="datetime-local"> in Việt Nam time (2026-03-01T08:00). */
export function toVietnamLocal(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}`;
}

const fromVietnamLocal = (value: string) => `${value}:00+07:00`;

/** Window, capacity, moderation and each invited province's quota, with the figures so far. */
export function RegistrationSettingsEditor({ session }: { session: SessionDetail }) {
  const settings = useSettings(session.id);
  const notConfigured = settings.error instanceof ApiError && settings.error.status === 404;
  if (settings.isError && !notConfigured) {
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  if (settings.isPending) return <Loading />;
  return <SettingsForm session={session} current={settings.data ?? null} />;
}

function SettingsForm({
  session,
  current,
}: {
  session: SessionDetail;
  current: ReturnType<typeof useSettings>['data'] | null;
}) {
  const save = useSaveSettings(session.id);
  const now = Date.now();
  const [opensAt, setOpensAt] = useState(toVietnamLocal(current ? new Date(current.opensAt) : new Date(now)));
  const [closesAt, setClosesAt] = useState(
    toVietnamLocal(current ? new Date(current.closesAt) : new Date(now + 14 * 86_400_000)),
  );
  const [capacity, setCapacity] = useState<number | null>(
    typeof current?.capacity === 'number' ? (current.capacity as number) : null,
  );
  const [moderated, setModerated] = useState(current?.moderated ?? false);
  const byProvince = new Map<number, Quota>((current?.quotas ?? []).map((q) => [q.provinceId, q]));
  const [quotas, setQuotas] = useState<Map<number, number>>(
    () => new Map(session.invitedProvinces.map((p) => [p.id, byProvince.get(p.id)?.quota ?? 0])),
  );
  const [common, setCommon] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const rows = session.invitedProvinces.map((p) => {
    const figures = byProvince.get(p.id);
    const quota = quotas.get(p.id) ?? 0;
    const confirmed = figures?.confirmed ?? 0;
    return {
      id: p.id,
      name: p.name,
      quota,
      confirmed,
      waitlisted: figures?.waitlisted ?? 0,
      pending: figures?.pending ?? 0,
      left: Math.max(0, quota - confirmed),
    };
  });
  const total = (key: 'quota' | 'confirmed' | 'waitlisted' | 'pending' | 'left') =>
    rows.reduce((sum, row) => sum + row[key], 0);

  const submit = async () => {
    setSaved(false);
    setError(null);
    try {
      await save.mutateAsync({
        opensAt: fromVietnamLocal(opensAt),
        closesAt: fromVietnamLocal(closesAt),
        ...(capacity ? { capacity } : {}),
        moderated,
        quotas: rows.filter((r) => r.quota > 0).map((r) => ({ provinceId: r.id, quota: r.quota })),
      });
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="dang-ky">
      <h2 id="dang-ky">Đăng ký và chỉ tiêu</h2>
      {current ? (
        <p>{current.open ? 'Đang nhận đăng ký.' : 'Hiện không nhận đăng ký (ngoài thời hạn hoặc chưa mở đăng ký).'}</p>
      ) : (
        <p>Chưa thiết lập đăng ký cho hội nghị này.</p>
      )}
      {saved && <Alert type="success" showIcon role="status" title="Đã lưu thiết lập đăng ký." />}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <div className="form-grid">
        <label className="stack-label">
          Mở đăng ký từ
          <Input type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
        </label>
        <label className="stack-label">
          Hạn đăng ký
          <Input type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
        </label>
        <label className="stack-label">
          Tổng số chỗ (bỏ trống nếu không giới hạn)
          <InputNumber min={1} max={100000} value={capacity} onChange={(v) => setCapacity(v ?? null)} />
        </label>
      </div>
      <Checkbox checked={moderated} onChange={(e) => setModerated(e.target.checked)}>
        Ban tổ chức duyệt từng đăng ký
      </Checkbox>
      {rows.length === 0 ? (
        <Alert type="info" showIcon title="Chưa mời tỉnh nào: chọn tỉnh ở mục «Mời dự và điểm cầu» trước." />
      ) : (
        <div className="table-scroll">
          <table className="quota-table">
            <caption>Chỉ tiêu theo tỉnh</caption>
            <thead>
              <tr>
                <th scope="col">Tỉnh, thành phố</th>
                <th scope="col">Chỉ tiêu</th>
                <th scope="col">Đã xác nhận</th>
                <th scope="col">Chờ chỗ</th>
                <th scope="col">Chờ duyệt</th>
                <th scope="col">Còn lại</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.name}</th>
                  <td>
                    <InputNumber
                      aria-label={`Chỉ tiêu ${row.name}`}
                      min={0}
                      max={10000}
                      value={row.quota}
                      onChange={(v) => setQuotas(new Map(quotas).set(row.id, v ?? 0))}
                    />
                  </td>
                  <td>{row.confirmed}</td>
                  <td>{row.waitlisted}</td>
                  <td>{row.pending}</td>
                  <td>{row.left}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Tổng cộng</th>
                <td>{total('quota')}</td>
                <td>{total('confirmed')}</td>
                <td>{total('waitlisted')}</td>
                <td>{total('pending')}</td>
                <td>{total('left')}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <div className="toolbar">
        <Button type="primary" onClick={() => void submit()} loading={save.isPending}>
          Lưu thiết lập đăng ký
        </Button>
        <label className="inline-label">
          Chỉ tiêu chung
          <InputNumber min={0} max={10000} value={common} onChange={(v) => setCommon(v)} />
        </label>
        <Button onClick={() => setQuotas(new Map(rows.map((r) => [r.id, common ?? 0])))} disabled={rows.length === 0}>
          Áp dụng cho mọi tỉnh
        </Button>
      </div>
    </section>
  );
}
