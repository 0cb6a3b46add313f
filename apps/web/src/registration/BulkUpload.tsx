import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useId, useState } from 'react';
import { api, apiFetch, unwrap } from '../shared/api/client';
import { ApiError, errorMessage } from '../shared/api/problem';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface RowError {
  row: number;
  column: string;
  message: string;
}

/** Row and column problems of a refused file, as the API lists them. */
function rowErrorsOf(error: unknown): RowError[] {
  if (!(error instanceof ApiError)) return [];
  const rows = (error.problem as { rowErrors?: unknown } | null)?.rowErrors;
  return Array.isArray(rows) ? (rows as RowError[]) : [];
}

async function downloadTemplate(kind: 'csv' | 'xlsx'): Promise<void> {
  // The template needs the bearer token, so it is fetched and handed to the browser as a file.
  const response = await apiFetch(new Request(`/api/v1/registrations/template.${kind}`));
  if (!response.ok) throw new ApiError(response.status, null, false);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `mau-dang-ky.${kind}`;
  link.click();
  URL.revokeObjectURL(url);
}

export function BulkUpload({ sessionId }: { sessionId: number }) {
  const inputId = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<number | null>(null);

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const contentType = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
      const result = await unwrap(
        api.POST('/api/v1/sessions/{id}/registrations/bulk', {
          params: { path: { id: sessionId } },
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': contentType },
        }),
      );
      setCreated(result.created);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['registrations', sessionId] }),
        queryClient.invalidateQueries({ queryKey: ['registration-settings', sessionId] }),
      ]);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const rowErrors = rowErrorsOf(error);
  return (
    <section className="section" aria-labelledby="tai-len">
      <h2 id="tai-len">Đăng ký theo danh sách (CSV hoặc Excel)</h2>
      <p>
        Tải mẫu:{' '}
        <Button size="small" onClick={() => void downloadTemplate('xlsx').catch(setError)}>
          Mẫu Excel (.xlsx)
        </Button>{' '}
        <Button size="small" onClick={() => void downloadTemplate('csv').catch(setError)}>
          Mẫu CSV
        </Button>
      </p>
      <div className="upload-row">
        <label htmlFor={inputId}>Chọn tệp danh sách</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void upload()}>
          Tải lên
        </Button>
      </div>
      {created !== null && (
        <Alert type="success" showIcon role="status" title={`Đã đăng ký ${created} người từ tệp.`} />
      )}
      {error !== null && (
        <div role="alert">
          <Alert
            type="error"
            showIcon
            title={rowErrors.length > 0 ? 'Tệp chưa được nhận: sửa các lỗi sau rồi tải lên lại.' : errorMessage(error)}
          />
          {rowErrors.length > 0 && (
            <table className="row-errors">
              <caption>Lỗi trong tệp</caption>
              <thead>
                <tr>
                  <th scope="col">Dòng</th>
                  <th scope="col">Cột</th>
                  <th scope="col">Lỗi</th>
                </tr>
              </thead>
              <tbody>
                {rowErrors.map((e, index) => (
                  <tr key={index}>
                    <td>{e.row}</td>
                    <td>{e.column}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
