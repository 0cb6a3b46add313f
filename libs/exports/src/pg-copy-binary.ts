/** The start of every `COPY … TO STDOUT WITH (FORMAT binary)`: 'PGCOPY\n\377\r\n\0'. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags (int32), header extension length (int32). */
const HEADER_BYTES = SIGNATURE.length + 8;
const EMPTY = Buffer.alloc(0);

/**
 * Reads PostgreSQL's binary COPY format a tuple at a time, with nothing allocated per tuple: after
 * {@link next} returns true, field `i` of the tuple is `buffer[starts[i], starts[i] + lengths[i])`
 * (length -1: NULL), valid until the next {@link push}. Text fields are UTF-8 (the client
 * encoding); an int8 is 8 big-endian bytes.
 *
 * Why binary rather than text or CSV: its fields are length-prefixed, so a field's bytes are taken
 * as they are, without unescaping or scanning for separators.
 */
export class CopyBinaryTuples {
  buffer: Buffer = EMPTY;
  starts = new Int32Array(16);
  lengths = new Int32Array(16);
  fieldCount = 0;
  /** The trailer was read: the COPY sent everything. */
  ended = false;
  private at = 0;
  private headerRead = false;

  /** Adds the next bytes of the COPY; the bytes of a tuple not yet whole are kept in front of them. */
  push(chunk: Buffer): void {
    this.buffer = this.at < this.buffer.length ? Buffer.concat([this.buffer.subarray(this.at), chunk]) : chunk;
    this.at = 0;
  }

  /** Reads the next whole tuple; false when more bytes are needed (or the trailer came). */
  next(): boolean {
    const bytes = this.buffer;
    let at = this.at;
    if (!this.headerRead) {
      if (bytes.length - at < HEADER_BYTES) return false;
      if (!bytes.subarray(at, at + SIGNATURE.length).equals(SIGNATURE)) {
        throw new Error('COPY binary: the data does not start with the PGCOPY signature');
      }
      const extension = bytes.readInt32BE(at + SIGNATURE.length + 4);
      if (bytes.length - at < HEADER_BYTES + extension) return false;
      this.at = at += HEADER_BYTES + extension;
      this.headerRead = true;
    }
    if (this.ended || bytes.length - at < 2) return false;
    const count = bytes.readInt16BE(at);
    at += 2;
    if (count === -1) {
      this.ended = true;
      this.at = at;
      return false;
    }
    if (count > this.starts.length) {
      this.starts = new Int32Array(count);
      this.lengths = new Int32Array(count);
    }
    for (let i = 0; i < count; i++) {
      if (bytes.length - at < 4) return false;
      const length = bytes.readInt32BE(at);
      at += 4;
      this.starts[i] = at;
      this.lengths[i] = length;
      if (length > 0) {
        at += length;
        if (at > bytes.length) return false;
      }
    }
    this.fieldCount = count;
    this.at = at;
    return true;
  }

  /** Field `i` as text (a NULL as null): for the few fields read as strings, not for every cell. */
  text(i: number): string | null {
    return this.lengths[i] < 0 ? null : this.buffer.toString('utf8', this.starts[i], this.starts[i] + this.lengths[i]);
  }

  /** Field `i`, an int8, as a number (exact up to 2^53), or null. */
  int8(i: number): number | null {
    if (this.lengths[i] < 0) return null;
    if (this.lengths[i] !== 8) throw new Error(`COPY binary: field ${i} is not an int8`);
    const at = this.starts[i];
    return this.buffer.readInt32BE(at) * 2 ** 32 + this.buffer.readUInt32BE(at + 4);
  }

  /** Whether field `i` holds the same bytes as `bytes` (null: the field is NULL). */
  fieldEquals(i: number, bytes: Buffer | null): boolean {
    const length = this.lengths[i];
    if (bytes === null || length < 0) return bytes === null && length < 0;
    if (bytes.length !== length) return false;
    const start = this.starts[i];
    for (let k = 0; k < length; k++) if (this.buffer[start + k] !== bytes[k]) return false;
    return true;
  }
}
