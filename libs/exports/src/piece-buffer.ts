/**
 * The sheet XML of one piece, encoded as it is built into one buffer that is reused piece after
 * piece. Concatenating the piece as a string kept every cell's strings alive (in the rope) until
 * the piece was flattened: they outlived the young generation and were promoted, and each
 * flattened piece (over a megabyte of two-byte text) went to the large-object space; both are old
 * space, collected only by a major GC, which V8 lets wait until the old generation is several
 * times its live size: a 1M-row export grew the heap by ~250 MB of garbage. Written here, a row's
 * strings die young and the bytes live outside the JS heap, in one buffer.
 */
export class PieceBuffer {
  private bytes = Buffer.allocUnsafe(1 << 20);
  /** Bytes written so far. A writer that fills {@link room} itself moves it on. */
  length = 0;

  append(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.length += this.room(text.length * 3).write(text, this.length, 'utf8');
  }

  /** The buffer, with room for `more` bytes from {@link length} on: a new one when it had to grow, so ask again after each call. */
  room(more: number): Buffer {
    const needed = this.length + more;
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    return this.bytes;
  }

  /** The bytes so far, and the buffer emptied: valid until the next append (the zip writer is done with them once its write resolves). */
  take(): Buffer {
    const view = this.bytes.subarray(0, this.length);
    this.length = 0;
    return view;
  }
}
