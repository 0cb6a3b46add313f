import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQr } from './qr-decode';

/**
 * A frame as a camera would give it: the code of `text` (as the API draws it: margin 2, error
 * correction M) scaled to `side` pixels with a fractional module size, on white, at an offset.
 */
function frameOf(text: string, side: number, frame = 480): Uint8ClampedArray {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cells = modules.size + 4;
  const offset = Math.floor((frame - side) / 2);
  const rgba = new Uint8ClampedArray(frame * frame * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = Math.floor((y * cells) / side) - 2;
      const column = Math.floor((x * cells) / side) - 2;
      const dark = row >= 0 && column >= 0 && row < modules.size && column < modules.size && modules.get(row, column);
      if (!dark) continue;
      const at = ((y + offset) * frame + x + offset) * 4;
      rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
    }
  }
  return rgba;
}

describe('decoding check-in QR codes from camera frames', () => {
  it(
    'reads every one of 150 random codes of the kind the API issues, at sizes a phone sees',
    { timeout: 60_000 },
    () => {
      const missed: string[] = [];
      // ZXing, used before, would miss at least one of 150 with a probability of about 0.998.
      for (let i = 0; i < 150; i++) {
        // The check-in code: 16 random bytes, base64url (as newCheckInCode makes them).
        const code = randomBytes(16).toString('base64url');
        const side = 200 + (i % 5) * 55; // 200–420 px of a 480 px frame
        if (decodeQr(frameOf(code, side), 480, 480) !== code) missed.push(`${code} at ${side}px`);
      }
      expect(missed).toEqual([]);
    },
  );

  it('finds nothing in an empty frame', () => {
    expect(decodeQr(new Uint8ClampedArray(480 * 480 * 4).fill(255), 480, 480)).toBeNull();
  });
});
