import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@app/common';

const WINDOW_MS = 60_000;
/** Past this many tracked addresses, expired windows are swept on the next failure. */
const SWEEP_ABOVE = 10_000;

interface Window {
  startedAt: number;
  failures: number;
}

/**
 * Failed logins per client address in fixed one-minute windows. Kept in memory: each API
 * process counts on its own (with N instances an address gets up to N times the limit), and a
 * restart forgets. The per-account lock in the database is the limit that holds everywhere.
 */
export class LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxFailuresPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws 429 when the address used up its failures for the current minute. */
  assertAllowed(address: string): void {
    const window = this.current(address);
    if (window && window.failures >= this.maxFailuresPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - this.now()) / 1000));
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'too-many-login-attempts',
        `Too many failed logins from this address; try again in ${retryAfterSeconds} s.`,
        { retryAfterSeconds },
      );
    }
  }

  recordFailure(address: string): void {
    const window = this.current(address);
    if (window) {
      window.failures++;
      return;
    }
    if (this.windows.size >= SWEEP_ABOVE) this.sweep();
    this.windows.set(address, { startedAt: this.now(), failures: 1 });
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window && this.now() - window.startedAt >= WINDOW_MS) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }

  private sweep(): void {
    const now = this.now();
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= WINDOW_MS) this.windows.delete(address);
    }
  }
}
