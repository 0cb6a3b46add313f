import { HttpStatus } from '@nestjs/common';
import { fileProblem } from './sheet';

export type UploadFormat = 'csv' | 'xlsx';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Compound File Binary: the legacy Excel 97-2003 .xls (and .doc) container.
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const SAVE_AS_HINT_VI = 'Lưu lại dưới dạng CSV UTF-8 hoặc .xlsx';

/**
 * Decides how to read an upload from its bytes, not from the declared content type (a browser
 * form sends whatever the OS guesses, often application/octet-stream or application/vnd.ms-excel).
 * Files we cannot read are refused with a problem that names what the file is and what to do.
 */
export function detectUploadFormat(body: Buffer): UploadFormat {
  if (body.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (body.subarray(0, 8).equals(OLE2)) {
    throw fileProblem(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'xls-not-supported',
      'This is an Excel 97-2003 workbook (.xls), which cannot be read. Open it in Excel and save it as .xlsx or as "CSV UTF-8", then upload it again.',
      { hint: SAVE_AS_HINT_VI },
    );
  }
  if (isUtf16(body)) {
    throw fileProblem(
      HttpStatus.BAD_REQUEST,
      'file-encoding-unsupported',
      'This file is encoded as UTF-16 (Excel\'s "Unicode text"). Save it as "CSV UTF-8" or as .xlsx, then upload it again.',
      { encoding: 'UTF-16', hint: SAVE_AS_HINT_VI },
    );
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw fileProblem(
      HttpStatus.BAD_REQUEST,
      'file-encoding-unsupported',
      'This file is not UTF-8 text (probably Windows-1258, TCVN3 or another Vietnamese code page). Save it as "CSV UTF-8" or as .xlsx, then upload it again.',
      { encoding: 'not UTF-8', hint: SAVE_AS_HINT_VI },
    );
  }
  return 'csv';
}

/** A byte-order mark, or NUL bytes in every other position of the first bytes (UTF-16 without BOM). */
function isUtf16(body: Buffer): boolean {
  if (body.length >= 2 && ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff))) {
    return true;
  }
  const sample = body.subarray(0, 512);
  let nuls = 0;
  for (const byte of sample) if (byte === 0) nuls++;
  return sample.length >= 4 && nuls >= sample.length / 4;
}
