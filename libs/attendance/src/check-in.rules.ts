import { HttpStatus } from '@nestjs/common';
import { AppConfig, ProblemException } from '@app/common';
import type { CheckInGrace, ScanPartRow } from './attendance.repository';

/** Why a scan was refused; kept in scan_failure and returned to the scanner. */
export type ScanFailureReason =
  | 'unknown_code'
  | 'retired_code'
  | 'wrong_session'
  | 'not_confirmed'
  | 'withdrawn'
  | 'bad_bridge_point'
  | 'outside_time_window'
  | 'session_cancelled';

export const FAILURE_TEXT: Record<ScanFailureReason, string> = {
  unknown_code: 'No registration has this code',
  retired_code: 'This check-in code was retired when the person was substituted; scan the new code',
  outside_time_window: "Outside the part's check-in time (ngoài thời gian của buổi)",
  session_cancelled: 'This session was cancelled: no attendance is recorded for it',
  wrong_session: 'This registration is for another session',
  not_confirmed: 'This registration is not confirmed',
  withdrawn: 'This registration was withdrawn or rejected',
  bad_bridge_point: 'This bridge point does not belong to the session',
};

export class ScanRefused {
  constructor(
    readonly reason: ScanFailureReason,
    readonly extensions: Record<string, unknown> = {},
  ) {}
}

export type Refusal = { refused: ScanFailureReason; extensions?: Record<string, unknown> };

/** A device clock a few minutes fast is still believed. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * When a scan happened: offline scans carry the device's time, believed when it is plausible
 * (not in the future beyond a small clock skew); otherwise, and for live scans, the server's now.
 * The scan is judged against the part's check-in window at that time.
 */
export function scanTime(scannedAt: string | undefined, now = new Date()): Date {
  if (!scannedAt) return now;
  const at = new Date(scannedAt);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return now;
  return at > now ? now : at;
}

const LOCAL_DAY_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function windowRefusal(part: ScanPartRow, at: Date): ScanRefused | undefined {
  if (part.session_status === 'cancelled') return new ScanRefused('session_cancelled');
  const opens = new Date(part.window_opens_at);
  const closes = new Date(part.window_closes_at);
  if (at >= opens && at <= closes) return undefined;
  return new ScanRefused('outside_time_window', {
    reasonText: 'ngoài thời gian của buổi',
    checkInOpensAt: opens.toISOString(),
    checkInClosesAt: closes.toISOString(),
    detail: `${FAILURE_TEXT.outside_time_window}: check-in for "${part.label}" is open from ${LOCAL_DAY_TIME.format(opens)} to ${LOCAL_DAY_TIME.format(closes)} (Việt Nam time)`,
  });
}

/** The 422 answer of a refused scan: the reason code, and a detail that says what to do. */
export function refusalProblem(reason: ScanFailureReason, extensions: Record<string, unknown> = {}): ProblemException {
  const { detail, ...rest } = extensions;
  return new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'scan-refused',
    typeof detail === 'string' ? detail : FAILURE_TEXT[reason],
    { reason, ...rest },
  );
}

/** The grace around a part in which check-in is open (configuration). */
export const checkInGrace = (config: AppConfig): CheckInGrace => ({
  beforeMinutes: config.CHECK_IN_OPENS_BEFORE_MINUTES,
  afterMinutes: config.CHECK_IN_CLOSES_AFTER_MINUTES,
});
