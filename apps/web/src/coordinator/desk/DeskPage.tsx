import '../coordinator.css';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, InputNumber, Select, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { RequireRole } from '../../registration/RequireRole';
import { api, unwrap } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/problem';
import { ErrorState } from '../../shared/ui/ErrorState';
import { Loading } from '../../shared/ui/Loading';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { newNonce } from '../offline-store';
import { PartPicker, pickDefaultPart } from '../PartPicker';
import {
  DESK_ROLES,
  standingByRegistration,
  useDeskSession,
  usePartAttendance,
  useParts,
  useRoster,
  useSessionStatistics,
  type AttendanceRecord,
  type Registration,
} from '../queries';
import { CameraScanner } from './CameraScanner';
import { Counters } from './Counters';
import { ManualSearch, type PersonActions } from './ManualSearch';
import { ReasonDialog, type ReasonRequest } from './ReasonDialog';
import { ResultCard } from './ResultCard';
import { useScanQueue, type Outcome } from './useScanQueue';
import { WalkInForm } from './WalkInForm';

export default function DeskPage() {
  return (
    <RequireRole role={DESK_ROLES}>
      <Desk sessionId={Number(useParams().id)} />
    </RequireRole>
  );
}

function Desk({ sessionId }: { sessionId: number }) {
  const session = useDeskSession(sessionId);
  const parts = useParts(sessionId);
  const [search, setSearch] = useSearchParams();
  usePageTitle(session.data ? `Điểm danh: ${session.data.title}` : 'Điểm danh');
  const failed = session.error ?? parts.error;
  if (failed) {
    return (
      <ErrorState
        error={failed}
        onRetry={() => {
          void session.refetch();
          void parts.refetch();
        }}
      />
    );
  }
  if (!session.data || !parts.data) return <Loading />;
  const chosen = Number(search.get('buoi')) || pickDefaultPart(parts.data)?.id;
  const part = parts.data.find((p) => p.id === chosen);
  return (
    <div className="desk">
      <Typography.Title level={1} className="desk-title">
        Điểm danh
      </Typography.Title>
      <p className="desk-session">{session.data.title}</p>
      {parts.data.length === 0 ? (
        <Alert type="info" showIcon title="Hội nghị chưa có buổi nào: ban tổ chức cần thêm buổi trước khi điểm danh." />
      ) : (
        <PartPicker
          parts={parts.data}
          value={part?.id}
          onChange={(id) => setSearch({ buoi: String(id) }, { replace: true })}
        />
      )}
      {part && (
        <PartDesk
          key={part.id}
          sessionId={sessionId}
          partId={part.id}
          bridgePoints={session.data.bridgePoints.map((b) => ({ id: b.id, name: b.name }))}
        />
      )}
      <nav aria-label="Trang của hội nghị" className="desk-links">
        <Link to={`/dieu-phoi/phien/${sessionId}/danh-sach${part ? `?buoi=${part.id}` : ''}`}>Danh sách điểm danh</Link>
        <Link to={`/dieu-phoi/phien/${sessionId}/thong-ke`}>Thống kê</Link>
      </nav>
    </div>
  );
}

function PartDesk({
  sessionId,
  partId,
  bridgePoints,
}: {
  sessionId: number;
  partId: number;
  bridgePoints: { id: number; name: string }[];
}) {
  const queryClient = useQueryClient();
  const queue = useScanQueue(sessionId, partId);
  const roster = useRoster(sessionId);
  const attendance = usePartAttendance(sessionId, partId);
  const statistics = useSessionStatistics(sessionId, 10_000);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  const [typed, setTyped] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);
  const records = useMemo(() => attendance.data?.records ?? [], [attendance.data]);
  const standing = useMemo(() => standingByRegistration(records), [records]);

  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['attendance', sessionId] }),
        queryClient.invalidateQueries({ queryKey: ['statistics', sessionId] }),
      ]),
    [queryClient, sessionId],
  );

  const scan = useCallback(
    async (code: string) => {
      // A QR may carry a link ending in the code; the code is its last path segment.
      const clean = code.trim().split('/').pop() ?? '';
      if (!clean) return;
      setOutcome(await queue.submit({ code: clean }));
    },
    [queue],
  );

  /** A request that is not a scan (check-out, absence, undo, walk-in): needs the network. */
  const act = async (what: () => Promise<string>) => {
    try {
      setOutcome({ id: newNonce(), kind: 'ok', text: await what() });
    } catch (failure) {
      setOutcome({ id: newNonce(), kind: 'error', text: errorMessage(failure) });
    }
    await refresh();
  };

  const actions: PersonActions = {
    checkIn: (person) => void queue.submit({ registrationId: person.id, label: person.fullName }).then(setOutcome),
    checkOut: (person) =>
      void act(async () => {
        await unwrap(
          api.POST('/api/v1/sessions/{id}/parts/{partId}/check-outs', {
            params: { path: { id: sessionId, partId } },
            body: { registrationId: person.id },
          }),
        );
        return `Đã ghi nhận ra về — ${person.fullName}`;
      }),
    markAbsent: (person: Registration) =>
      setReasonRequest({
        title: `Vắng mặt: ${person.fullName}`,
        askKind: true,
        confirm: ({ reason, kind }) =>
          act(async () => {
            await unwrap(
              api.POST('/api/v1/sessions/{id}/parts/{partId}/absences', {
                params: { path: { id: sessionId, partId } },
                body: { registrationId: person.id, kind, reason },
              }),
            );
            return `Đã ghi ${kind === 'excused' ? 'vắng có phép' : 'vắng'} — ${person.fullName}`;
          }),
      }),
    undo: (person: { fullName: string }, record: AttendanceRecord) =>
      setReasonRequest({
        title: `Hoàn tác: ${person.fullName}`,
        confirm: ({ reason }) =>
          act(async () => {
            await unwrap(
              api.POST('/api/v1/attendance/{id}/undo', { params: { path: { id: record.id } }, body: { reason } }),
            );
            return `Đã hoàn tác — ${person.fullName}`;
          }),
      }),
  };

  const walkIns = records.filter((r) => r.walkInId !== null && !r.undoneAt);

  return (
    <>
      <QueueBanner queue={queue} />
      <Counters statistics={statistics.data} partId={partId} />
      <ResultCard outcome={outcome} />
      <section className="section" aria-labelledby="quet-ma">
        <h2 id="quet-ma">Quét mã</h2>
        <CameraScanner onCode={(code) => void scan(code)} />
        <form
          className="code-entry"
          onSubmit={(event) => {
            event.preventDefault();
            const code = typed;
            setTyped('');
            void scan(code);
            codeInput.current?.focus();
          }}
        >
          <label htmlFor="ma-diem-danh">Mã điểm danh (máy quét cầm tay hoặc gõ tay)</label>
          <div className="code-entry-row">
            <input
              id="ma-diem-danh"
              ref={codeInput}
              className="ant-input"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              enterKeyHint="go"
              autoFocus
            />
            <Button htmlType="submit" type="primary">
              Điểm danh
            </Button>
          </div>
        </form>
      </section>
      {roster.isError && !roster.data ? (
        <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />
      ) : (
        <ManualSearch roster={roster.data ?? []} standing={standing} actions={actions} />
      )}
      <details className="section">
        <summary>
          <h2 className="summary-heading">Khách không đăng ký trước ({walkIns.length})</h2>
        </summary>
        <WalkInForm
          sessionId={sessionId}
          partId={partId}
          onRecorded={(record) => {
            setOutcome({ id: newNonce(), kind: 'ok', text: `Đã ghi nhận khách — ${record.fullName}` });
            void refresh();
          }}
        />
        {walkIns.length > 0 && (
          <ul className="person-list" aria-label="Khách đã ghi nhận">
            {walkIns.map((record) => (
              <li key={record.id} className="person-row" aria-label={record.fullName}>
                <strong>{record.fullName}</strong>
                <Button onClick={() => actions.undo(record, record)}>Hoàn tác</Button>
              </li>
            ))}
          </ul>
        )}
      </details>
      {bridgePoints.length > 0 && <Headcount sessionId={sessionId} partId={partId} bridgePoints={bridgePoints} />}
      <ReasonDialog request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}

function QueueBanner({ queue }: { queue: ReturnType<typeof useScanQueue> }) {
  const waiting = queue.queued.length;
  if (!queue.online) {
    return (
      <p className="queue-banner queue-offline" role="status">
        Ngoại tuyến — {waiting} lượt chờ gửi
      </p>
    );
  }
  if (waiting > 0) {
    return (
      <p className="queue-banner queue-sending" role="status">
        {queue.sending ? `Đang gửi ${waiting} lượt…` : `${waiting} lượt chờ gửi`}{' '}
        <Button size="small" onClick={() => void queue.flush()}>
          Gửi ngay
        </Button>
      </p>
    );
  }
  const last = queue.lastUpload;
  return (
    <p className="queue-banner queue-online" role="status">
      Trực tuyến
      {last && last.ok + last.already + last.refused.length > 0
        ? ` — đã gửi các lượt quét ngoại tuyến: ${last.ok} mới, ${last.already} đã có${
            last.refused.length ? `, ${last.refused.length} bị từ chối (${last.refused.join('; ')})` : ''
          }`
        : ''}
    </p>
  );
}

/** A bridge point (điểm cầu) that takes no names reports how many people attended there. */
function Headcount({
  sessionId,
  partId,
  bridgePoints,
}: {
  sessionId: number;
  partId: number;
  bridgePoints: { id: number; name: string }[];
}) {
  const queryClient = useQueryClient();
  const [point, setPoint] = useState(bridgePoints[0].id);
  const [count, setCount] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    if (count === null) return;
    try {
      await unwrap(
        api.PUT('/api/v1/sessions/{id}/parts/{partId}/bridge-points/{bridgePointId}/headcount', {
          params: { path: { id: sessionId, partId, bridgePointId: point } },
          body: { headcount: count },
        }),
      );
      setMessage({ ok: true, text: `Đã lưu: ${count} người tại ${bridgePoints.find((b) => b.id === point)?.name}.` });
      await queryClient.invalidateQueries({ queryKey: ['statistics', sessionId] });
    } catch (failure) {
      setMessage({ ok: false, text: errorMessage(failure) });
    }
  };
  return (
    <details className="section">
      <summary>
        <h2 className="summary-heading">Số người tại điểm cầu</h2>
      </summary>
      <div className="headcount">
        <label>
          Điểm cầu
          <Select
            value={point}
            onChange={setPoint}
            options={bridgePoints.map((b) => ({ value: b.id, label: b.name }))}
            aria-label="Điểm cầu"
          />
        </label>
        <label>
          Số người
          <InputNumber min={0} max={1_000_000} value={count} onChange={(v) => setCount(v)} aria-label="Số người" />
        </label>
        <Button onClick={() => void save()}>Lưu số người</Button>
        {message && (
          <Alert
            type={message.ok ? 'success' : 'error'}
            showIcon
            role={message.ok ? 'status' : 'alert'}
            title={message.text}
          />
        )}
      </div>
    </details>
  );
}
