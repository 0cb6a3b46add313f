import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../shared/api/client';
import { ApiError, NetworkError, errorMessage } from '../../shared/api/problem';
import { REFUSAL_TEXT, type ScanAnswer } from '../queries';
import { newNonce, queueScan, queuedScans, removeQueued, type QueuedScan } from '../offline-store';
import { signal, type OutcomeKind } from './feedback';
import { useOnline } from './useOnline';

export interface Outcome {
  id: string;
  kind: OutcomeKind;
  /** The one line the coordinator reads: "Đã điểm danh 08:12 — Nguyễn Văn An, Sở …, Phú Thọ". */
  text: string;
}

export interface ScanInput {
  code?: string;
  registrationId?: number;
  /** A name to show while the scan waits offline. */
  label?: string;
}

const BATCH_SIZE = 500;
const RETRY_MS = 15_000;

const who = (answer: ScanAnswer) =>
  [answer.person.fullName, answer.person.agency, answer.person.provinceName].filter(Boolean).join(', ');

function describeAnswer(answer: ScanAnswer): Outcome {
  return answer.outcome === 'checked_in'
    ? { id: newNonce(), kind: 'ok', text: `Đã điểm danh ${answer.checkedInAtLocal} — ${who(answer)}` }
    : { id: newNonce(), kind: 'already', text: `Đã điểm danh lúc ${answer.checkedInAtLocal} — ${who(answer)}` };
}

export function refusalText(reason: string | null | undefined): string {
  return (reason && REFUSAL_TEXT[reason]) ?? 'Không điểm danh được';
}

function describeFailure(failure: unknown): Outcome {
  if (failure instanceof ApiError && (failure.status === 422 || failure.status === 400)) {
    const reason = failure.status === 400 ? 'invalid' : (failure.problem as { reason?: string } | null)?.reason;
    return { id: newNonce(), kind: 'refused', text: `Từ chối: ${refusalText(reason)}` };
  }
  return { id: newNonce(), kind: 'error', text: errorMessage(failure) };
}

/**
 * Scans of one part: sent at once when the network is there, otherwise kept in IndexedDB (with
 * the device time and a nonce) and sent through the batch endpoint when it returns. An item
 * leaves the queue only once the API has answered it, so a reload or a cut mid-upload loses
 * nothing, and the nonce makes a second upload of the same scan harmless.
 */
export function useScanQueue(sessionId: number, partId: number | undefined) {
  const online = useOnline();
  const queryClient = useQueryClient();
  const [queued, setQueued] = useState<QueuedScan[]>([]);
  const [sending, setSending] = useState(false);
  const [lastUpload, setLastUpload] = useState<{ ok: number; already: number; refused: string[] } | null>(null);
  const flushing = useRef(false);

  const reload = useCallback(async () => {
    const all = await queuedScans().catch(() => []);
    setQueued(all.filter((scan) => scan.sessionId === sessionId));
    return all;
  }, [sessionId]);

  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['attendance', sessionId] }),
        queryClient.invalidateQueries({ queryKey: ['statistics', sessionId] }),
      ]),
    [queryClient, sessionId],
  );

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      const all = (await reload()).filter((scan) => scan.sessionId === sessionId);
      if (all.length === 0 || !navigator.onLine) return;
      setSending(true);
      const summary = { ok: 0, already: 0, refused: [] as string[] };
      const byPart = new Map<number, QueuedScan[]>();
      for (const scan of all) byPart.set(scan.partId, [...(byPart.get(scan.partId) ?? []), scan]);
      for (const [scanPart, scans] of byPart) {
        for (let start = 0; start < scans.length; start += BATCH_SIZE) {
          const chunk = scans.slice(start, start + BATCH_SIZE);
          const answer = await unwrap(
            api.POST('/api/v1/sessions/{id}/parts/{partId}/check-ins/batch', {
              params: { path: { id: sessionId, partId: scanPart } },
              body: {
                items: chunk.map((scan) => ({
                  ...(scan.code ? { code: scan.code } : { registrationId: scan.registrationId }),
                  nonce: scan.nonce,
                  scannedAt: scan.scannedAt,
                })),
              },
            }),
          );
          const answered: string[] = [];
          for (const item of answer.items) {
            const scan = chunk[item.index];
            if (!scan) continue;
            answered.push(scan.nonce);
            if (item.result === 'ok') summary.ok++;
            else if (item.result === 'already') summary.already++;
            else
              summary.refused.push(
                `${scan.label ?? scan.code?.slice(0, 6) ?? ''}: ${refusalText(typeof item.reason === 'string' ? item.reason : null)}`,
              );
          }
          await removeQueued(answered);
        }
      }
      setLastUpload(summary);
      await refresh();
    } catch (failure) {
      // Offline again, or the server is down: everything not answered stays queued for the next try.
      if (!(failure instanceof NetworkError)) setLastUpload({ ok: 0, already: 0, refused: [errorMessage(failure)] });
    } finally {
      flushing.current = false;
      setSending(false);
      await reload();
    }
  }, [reload, refresh, sessionId]);

  // On opening (a reload may find scans waiting), whenever the network returns, and every few
  // seconds while something waits (the online event is not fired by every network that recovers).
  useEffect(() => {
    void flush();
  }, [flush, online]);
  useEffect(() => {
    if (queued.length === 0 || !online) return;
    const timer = setInterval(() => void flush(), RETRY_MS);
    return () => clearInterval(timer);
  }, [flush, online, queued.length]);

  const submit = useCallback(
    async (input: ScanInput): Promise<Outcome> => {
      if (partId === undefined) return { id: newNonce(), kind: 'error', text: 'Chọn buổi trước khi điểm danh.' };
      const scan: QueuedScan = {
        nonce: newNonce(),
        sessionId,
        partId,
        scannedAt: new Date().toISOString(),
        ...(input.code ? { code: input.code } : { registrationId: input.registrationId }),
        ...(input.label ? { label: input.label } : {}),
      };
      const keep = async (): Promise<Outcome> => {
        await queueScan(scan);
        await reload();
        return {
          id: scan.nonce,
          kind: 'queued',
          text: `Đã lưu, chờ gửi khi có mạng${input.label ? ` — ${input.label}` : ''}`,
        };
      };
      let outcome: Outcome;
      if (!navigator.onLine) outcome = await keep();
      else {
        try {
          const answer = await unwrap(
            api.POST('/api/v1/sessions/{id}/parts/{partId}/check-ins', {
              params: { path: { id: sessionId, partId } },
              body: {
                ...(scan.code ? { code: scan.code } : { registrationId: scan.registrationId }),
                nonce: scan.nonce,
              },
            }),
          );
          outcome = describeAnswer(answer);
          void refresh();
        } catch (failure) {
          outcome = failure instanceof NetworkError ? await keep() : describeFailure(failure);
          if (outcome.kind === 'refused') void refresh();
        }
      }
      signal(outcome.kind);
      return outcome;
    },
    [partId, refresh, reload, sessionId],
  );

  return { online, queued, sending, lastUpload, submit, flush };
}
