import { performance } from 'node:perf_hooks';

/**
 * Timed phases of one process's start-up, so that a slow start names its cause (the bench's
 * figure 5 reads the line {@link describeStartupPhases} logs). A phase timed inside another one
 * (migrations inside Nest's boot) is taken out of the outer phase's own time.
 */
interface Phase {
  name: string;
  ms: number;
}

const phases: Phase[] = [];
const open: { inner: number }[] = [];

export function recordStartupPhase(name: string, ms: number): void {
  phases.push({ name, ms });
  if (open.length > 0) open[open.length - 1].inner += ms;
}

export async function timeStartupPhase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const frame = { inner: 0 };
  open.push(frame);
  try {
    return await work();
  } finally {
    open.splice(open.lastIndexOf(frame), 1);
    const total = performance.now() - started;
    recordStartupPhase(name, total - frame.inner);
    // The parent's own time excludes all of this phase, not only its own part.
    if (open.length > 0) open[open.length - 1].inner += frame.inner;
  }
}

/** `startup phases (ms): modules=412 database=58 migrations=96 …`, in the order they ended. */
export function describeStartupPhases(): string {
  return `startup phases (ms): ${phases.map((phase) => `${phase.name}=${Math.round(phase.ms)}`).join(' ')}`;
}
