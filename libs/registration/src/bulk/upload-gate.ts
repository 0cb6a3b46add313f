import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@app/common';

/**
 * Bounds how many uploads this process unpacks and parses at once: each one can take tens of
 * MB and a CPU core for a second, so a burst of them must queue instead of multiplying memory.
 * Beyond the queue, the upload is refused at once with 503 and Retry-After.
 */
export class UploadGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queueLimit: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) {
        throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          'uploads-busy',
          'Too many files are being read right now; upload again in a few seconds.',
          { retryAfterSeconds: 5 },
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
      if (next) next();
      else this.running--;
    }
  }
}
