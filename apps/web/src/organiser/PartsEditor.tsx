import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Popconfirm } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../shared/api/client';
import { errorMessage } from '../shared/api/problem';
import { formatInstant } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { useParts } from './queries';
import { toVietnamLocal } from './RegistrationSettingsEditor';

const vietnam = (local: string) => `${local}:00+07:00`;

/** The parts (buổi) attendance is taken in: added, edited, removed; the API refuses to change one once attendance exists. */
export function PartsEditor({ sessionId }: { sessionId: number }) {
  const parts = useParts(sessionId);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['parts', sessionId] });
  const [labelText, setLabelText] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [error, setError] = useState<unknown>(null);
  // The part being edited, or null when the form adds a new one.
  const [editing, setEditing] = useState<number | null>(null);
  const add = useMutation({
    mutationFn: () => {
      const body = { label: labelText.trim(), startsAt: vietnam(startsAt), endsAt: vietnam(endsAt) };
      return editing === null
        ? unwrap(api.POST('/api/v1/sessions/{id}/parts', { params: { path: { id: sessionId } }, body }))
        : unwrap(
            api.PATCH('/api/v1/sessions/{id}/parts/{partId}', {
              params: { path: { id: sessionId, partId: editing } },
              body,
            }),
          );
    },
    onSuccess: () => {
      setLabelText('');
      setEditing(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (partId: number) =>
      unwrap(api.DELETE('/api/v1/sessions/{id}/parts/{partId}', { params: { path: { id: sessionId, partId } } })),
    onSettled: refresh,
  });
  if (parts.isError) return <ErrorState error={parts.error} onRetry={() => void parts.refetch()} />;
  if (!parts.data) return <Loading />;
  const list = Array.isArray(parts.data) ? parts.data : [];
  return (
    <section aria-labelledby="cac-buoi">
      <h2 id="cac-buoi">Các buổi ({list.length})</h2>
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      {list.length === 0 ? (
        <p>Chưa có buổi nào.</p>
      ) : (
        <ul className="registration-list" aria-label="Các buổi">
          {list.map((part) => (
            <li key={part.id} className="registration-row">
              <span>
                <strong>{part.label}</strong>: {formatInstant(part.startsAt)} – {formatInstant(part.endsAt)}
              </span>
              <span className="registration-status">
                <Button
                  size="small"
                  aria-label={`Sửa buổi ${part.label}`}
                  onClick={() => {
                    setEditing(part.id);
                    setLabelText(part.label);
                    setStartsAt(toVietnamLocal(new Date(part.startsAt)));
                    setEndsAt(toVietnamLocal(new Date(part.endsAt)));
                  }}
                >
                  Sửa
                </Button>
                <Popconfirm
                  title={`Xóa buổi ${part.label}?`}
                  okText="Xóa"
                  cancelText="Không"
                  onConfirm={() => remove.mutateAsync(part.id).then(() => setError(null), setError)}
                >
                  <Button size="small" danger aria-label={`Xóa buổi ${part.label}`}>
                    Xóa
                  </Button>
                </Popconfirm>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          add.mutateAsync().catch(setError);
        }}
      >
        <label className="stack-label">
          Tên buổi
          <Input value={labelText} required onChange={(e) => setLabelText(e.target.value)} placeholder="Sáng 15/4" />
        </label>
        <label className="stack-label">
          Bắt đầu
          <Input
            type="datetime-local"
            required
            value={startsAt}
            onFocus={() => !startsAt && setStartsAt(toVietnamLocal(new Date()))}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </label>
        <label className="stack-label">
          Kết thúc
          <Input type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        </label>
        <div>
          <Button htmlType="submit" loading={add.isPending}>
            {editing === null ? 'Thêm buổi' : 'Lưu buổi'}
          </Button>
          {editing !== null && (
            <Button
              onClick={() => {
                setEditing(null);
                setLabelText('');
              }}
            >
              Thôi sửa
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
