import './coordinator.css';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../shared/api/problem';
import { download } from './download';

const FORMATS = [
  { format: 'csv', text: 'Tải CSV' },
  { format: 'xlsx', text: 'Tải Excel (XLSX)' },
  { format: 'pdf', text: 'Tải danh sách ký (PDF)' },
] as const;

/**
 * CSV, XLSX and the printable PDF sign-in sheet of a session (or one part, one province, one
 * status), saved under the server's file name. A province delegate gets their province only (the
 * API decides).
 */
export function ExportButtons({
  sessionId,
  partId,
  provinceId,
  status,
  label = 'Xuất danh sách điểm danh',
}: {
  label?: string;
  sessionId: number;
  partId?: number;
  provinceId?: number;
  status?: string;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const query = new URLSearchParams();
  if (partId) query.set('part', String(partId));
  if (provinceId) query.set('province', String(provinceId));
  if (status) query.set('status', status);
  const suffix = query.toString() ? `?${query}` : '';
  return (
    <div className="export-buttons" role="group" aria-label={label}>
      {FORMATS.map(({ format, text }) => (
        <Button
          key={format}
          loading={busy === format}
          onClick={async () => {
            setBusy(format);
            setError(null);
            setSaved(null);
            try {
              setSaved(
                await download(`/api/v1/sessions/${sessionId}/attendance.${format}${suffix}`, `diem-danh.${format}`),
              );
            } catch (failure) {
              setError(failure);
            } finally {
              setBusy(null);
            }
          }}
        >
          {text}
        </Button>
      ))}
      {saved && (
        <p role="status" className="muted">
          Đã tải: {saved}
        </p>
      )}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
    </div>
  );
}
