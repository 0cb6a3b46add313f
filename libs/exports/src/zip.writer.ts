import { once } from 'node:events';
import zlib from 'node:zlib';

/** Deflate level of XLSX parts: 1 compresses repetitive sheet XML well at a fraction of level 6's cost. */
const LEVEL = 1;
const UTF8_NAMES_AND_DESCRIPTOR = 0x0808;
const DEFLATED = 8;
const VERSION = 20;
const MAX_32 = 0xffffffff;

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
  time: number;
  date: number;
}

/** MS-DOS time and date of `now` (local time, as zip tools expect). */
function dosStamp(now: Date): { time: number; date: number } {
  return {
    time: (now.getHours() << 11) | (now.getMinutes() << 5) | Math.floor(now.getSeconds() / 2),
    date: (Math.max(now.getFullYear() - 1980, 0) << 9) | ((now.getMonth() + 1) << 5) | now.getDate(),
  };
}

/**
 * A zip archive written front to back, for the XLSX writer: each file is a local header, its
 * deflated data as it is produced (sizes and CRC follow in a data descriptor) and, at the end, the
 * central directory. Every method returns the bytes to send next; nothing is kept but one entry's
 * 30-byte record. Deflate runs in node's zlib (the thread pool), beside the JS building the XML.
 * No zip64: an entry or archive over 4 GiB fails rather than writing a broken file.
 */
export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private current?: { entry: Entry; deflate: zlib.DeflateRaw; out: Buffer[]; error?: Error };

  /** Opens a file: the local header. */
  begin(name: string, now = new Date()): Buffer {
    if (this.current) throw new Error(`zip: ${name} begun before the previous file ended`);
    const entry: Entry = {
      name: Buffer.from(name, 'utf8'),
      offset: this.offset,
      crc: 0,
      compressed: 0,
      size: 0,
      ...dosStamp(now),
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(UTF8_NAMES_AND_DESCRIPTOR, 6);
    header.writeUInt16LE(DEFLATED, 8);
    header.writeUInt16LE(entry.time, 10);
    header.writeUInt16LE(entry.date, 12);
    // CRC and sizes (14–25) stay 0: they follow in the data descriptor.
    header.writeUInt16LE(entry.name.length, 26);
    const deflate = zlib.createDeflateRaw({ level: LEVEL });
    const current: NonNullable<ZipWriter['current']> = { entry, deflate, out: [] };
    deflate.on('data', (chunk: Buffer) => current.out.push(chunk));
    deflate.on('error', (error: Error) => (current.error = error));
    this.current = current;
    return this.count(Buffer.concat([header, entry.name]));
  }

  /**
   * Adds text (or its UTF-8 bytes) to the open file; resolves the compressed bytes ready so far.
   * Bytes are read by the compressor until then, not after: the caller may reuse them once it resolves.
   */
  async write(text: string | Buffer): Promise<Buffer[]> {
    const current = this.open();
    const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    current.entry.crc = zlib.crc32(data, current.entry.crc);
    current.entry.size += data.length;
    if (current.entry.size > MAX_32) throw new Error('zip: a file over 4 GiB needs zip64, which this writer lacks');
    current.deflate.write(data);
    // A sync flush per batch: what was written so far comes out now, so memory holds one batch.
    await new Promise<void>((resolve) => current.deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve()));
    return this.take(current);
  }

  /** Closes the open file: its last compressed bytes and the data descriptor. */
  async end(): Promise<Buffer[]> {
    const current = this.open();
    const ended = once(current.deflate, 'end');
    current.deflate.end();
    await ended;
    const chunks = this.take(current);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(current.entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(current.entry.compressed, 8);
    descriptor.writeUInt32LE(current.entry.size, 12);
    this.entries.push(current.entry);
    this.current = undefined;
    return [...chunks, this.count(descriptor)];
  }

  /** A whole small file at once. */
  async file(name: string, text: string): Promise<Buffer[]> {
    return [this.begin(name), ...(await this.write(text)), ...(await this.end())];
  }

  /** The central directory and its end record: the archive's last bytes. */
  finish(): Buffer {
    const start = this.offset;
    const records = this.entries.map((entry) => {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(VERSION, 4);
      record.writeUInt16LE(VERSION, 6);
      record.writeUInt16LE(UTF8_NAMES_AND_DESCRIPTOR, 8);
      record.writeUInt16LE(DEFLATED, 10);
      record.writeUInt16LE(entry.time, 12);
      record.writeUInt16LE(entry.date, 14);
      record.writeUInt32LE(entry.crc >>> 0, 16);
      record.writeUInt32LE(entry.compressed, 20);
      record.writeUInt32LE(entry.size, 24);
      record.writeUInt16LE(entry.name.length, 28);
      record.writeUInt32LE(entry.offset, 42);
      return Buffer.concat([record, entry.name]);
    });
    const directory = Buffer.concat(records);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    this.offset += directory.length + end.length;
    return Buffer.concat([directory, end]);
  }

  private open() {
    if (!this.current) throw new Error('zip: no file is open');
    if (this.current.error) throw this.current.error;
    return this.current;
  }

  private take(current: NonNullable<ZipWriter['current']>): Buffer[] {
    if (current.error) throw current.error;
    const chunks = current.out.splice(0);
    for (const chunk of chunks) current.entry.compressed += chunk.length;
    this.offset += chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    if (this.offset > MAX_32) throw new Error('zip: an archive over 4 GiB needs zip64, which this writer lacks');
    return chunks;
  }

  private count(buffer: Buffer): Buffer {
    this.offset += buffer.length;
    return buffer;
  }
}
