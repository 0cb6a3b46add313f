import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, unwrap } from '../shared/api/client';
import { ApiError } from '../shared/api/problem';
import type { components } from '../shared/api/schema';
import { formatInstant, formatSchedule, label, FORMATS, SESSION_KINDS } from '../shared/format';
import { sessionWrites, useSessionWrite, type SessionDetail } from './queries';
import { SessionForm, toFormValues, toSessionChanges, type SessionFormValues } from './SessionForm';

/** The fields this form edits, each as a person reads it (to say what someone else changed). */
const SHOWN: { label: string; text: (s: SessionDetail) => string }[] = [
  { label: 'Tên hội nghị', text: (s) => s.title },
  { label: 'Loại hội nghị', text: (s) => label(SESSION_KINDS, s.kind) },
  { label: 'Thời gian', text: (s) => formatSchedule(s.schedule) },
  { label: 'Hình thức', text: (s) => label(FORMATS, s.format) },
  { label: 'Địa điểm', text: (s) => s.venueName ?? '' },
  { label: 'Địa chỉ', text: (s) => s.venueAddress ?? '' },
  { label: 'Tỉnh đăng cai', text: (s) => s.hostProvince?.name ?? '' },
  { label: 'Đối tượng tham dự', text: (s) => s.audience ?? '' },
  { label: 'Ghi chú', text: (s) => s.note ?? '' },
];

export interface Difference {
  label: string;
  before: string;
  after: string;
}

export function differences(base: SessionDetail, now: SessionDetail): Difference[] {
  return SHOWN.map((f) => ({ label: f.label, before: f.text(base), after: f.text(now) })).filter(
    (d) => d.before !== d.after,
  );
}

type LastChange = components['schemas']['LastChangeDto'];

interface Stale {
  current: SessionDetail;
  changes: Difference[];
  /** Who saved in between and when, as the API's stale-version answer tells it. */
  last: LastChange | null;
}

/** "Trần Thị Lành đã sửa lúc 08:05 08/03/2026, sau khi bạn mở hội nghị này, …". */
export function staleTitle(last: LastChange | null): string {
  const unsaved = 'nên thay đổi của bạn chưa được lưu.';
  if (!last) return `Một người khác đã sửa hội nghị này sau khi bạn mở nó, ${unsaved}`;
  return `${last.by ?? 'Một người khác'} đã sửa lúc ${formatInstant(last.at)}, sau khi bạn mở hội nghị này, ${unsaved}`;
}

/**
 * Edits with the version read: the form keeps the session as it was when editing began (its
 * "base"). A save someone else's change made stale says what they changed and offers to reload;
 * when only other parts of the session moved on (its agenda, say) the save is simply repeated.
 */
export function DetailsEditor({ session }: { session: SessionDetail }) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState(session);
  const [stale, setStale] = useState<Stale | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = useRef(false);
  const update = useSessionWrite(session.id, sessionWrites.update(session.id));
  // A newer copy in the cache (our own writes elsewhere) replaces the base while nothing is typed.
  useEffect(() => {
    if (!dirty.current) setBase(session);
  }, [session]);
  const initial = useMemo(() => toFormValues(base), [base]);

  const save = async (values: SessionFormValues) => {
    setSaved(false);
    setStale(null);
    const body = toSessionChanges(values, initial);
    try {
      await update.mutateAsync({ ...body, version: base.version });
    } catch (failure) {
      if (!(failure instanceof ApiError && failure.code === 'stale-version')) throw failure;
      const current = await unwrap(api.GET('/api/v1/sessions/{id}', { params: { path: { id: String(session.id) } } }));
      const changes = differences(base, current);
      if (changes.length > 0) {
        const problem = failure.problem as components['schemas']['SessionConflictProblemDto'] | null;
        setStale({ current, changes, last: problem?.lastChange ?? null });
        return;
      }
      await update.mutateAsync({ ...body, version: current.version });
    }
    dirty.current = false;
    setSaved(true);
  };

  const reload = () => {
    if (!stale) return;
    queryClient.setQueryData(['session', session.id], stale.current);
    dirty.current = false;
    setBase(stale.current);
    setStale(null);
  };

  return (
    <section aria-labelledby="thong-tin-chung">
      <h2 id="thong-tin-chung" className="visually-hidden">
        Thông tin chung
      </h2>
      {saved && <Alert type="success" showIcon role="status" title="Đã lưu thông tin hội nghị." />}
      {stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="stale"
          title={staleTitle(stale.last)}
          description={
            <>
              <p>Những gì đã thay đổi:</p>
              <ul aria-label="Thay đổi của người khác">
                {stale.changes.map((c) => (
                  <li key={c.label}>
                    {c.label}: «{c.before || 'trống'}» → «{c.after || 'trống'}»
                  </li>
                ))}
              </ul>
              <p>Tải lại bản mới nhất rồi sửa lại nếu cần.</p>
            </>
          }
          action={
            <Button type="primary" onClick={reload}>
              Tải lại bản mới nhất
            </Button>
          }
        />
      )}
      <SessionForm
        key={base.version}
        initial={initial}
        submitLabel="Lưu thay đổi"
        onSubmit={save}
        onEdit={() => (dirty.current = true)}
      />
    </section>
  );
}
