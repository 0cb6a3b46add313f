import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { DECODE_MAX_SIDE, decodeQr } from './qr-decode';

/** The same code seen again within this time is the same person still holding it up. */
const REPEAT_MS = 2_000;
/** How often a video frame is decoded. */
const SCAN_EVERY_MS = 150;

/**
 * Continuous QR scanning from the back camera, decoded on the page by jsQR (no server round
 * trip; see qr-decode.ts for why not ZXing). A code held in front of the camera fires once; shown again after a pause it fires again
 * (and the API answers "already").
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const last = useRef({ code: '', at: 0 });
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    const element = video.current;
    if (!on || !element) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const frame = document.createElement('canvas');
    const draw = frame.getContext('2d', { willReadFrequently: true });
    // Our own frame loop: every frame is tried, and nothing a frame throws ends the loop.
    const tick = () => {
      if (stopped) return;
      try {
        // A video the browser paused (power saving, a tab switch) is started again.
        if (element.paused && element.srcObject) void element.play().catch(() => undefined);
        if (draw && element.readyState >= 2 && element.videoWidth > 0) {
          const scale = Math.min(1, DECODE_MAX_SIDE / Math.max(element.videoWidth, element.videoHeight));
          const width = Math.round(element.videoWidth * scale);
          const height = Math.round(element.videoHeight * scale);
          if (frame.width !== width) frame.width = width;
          if (frame.height !== height) frame.height = height;
          draw.drawImage(element, 0, 0, width, height);
          const code = decodeQr(draw.getImageData(0, 0, width, height).data, width, height);
          if (code) decoded(code);
        }
      } catch {
        // A frame the video could not give: the next one is tried.
      } finally {
        // Rescheduled whatever happened: a desk that silently stops scanning is the worst outcome.
        if (!stopped) timer = setTimeout(tick, SCAN_EVERY_MS);
      }
    };
    const decoded = (code: string) => {
      const now = Date.now();
      const repeated = code === last.current.code && now - last.current.at < REPEAT_MS;
      last.current = { code, at: now };
      if (!repeated) onCodeRef.current(code);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (opened) => {
        if (stopped) {
          for (const track of opened.getTracks()) track.stop();
          return;
        }
        stream = opened;
        element.srcObject = opened;
        // Frames are tried from now on: the loop waits for the video to have one, so it does not
        // hang on play()'s promise, which a busy phone can settle late.
        tick();
        await element.play();
      })
      .catch((failure: unknown) => {
        if (stopped) return;
        const name = failure instanceof DOMException ? failure.name : '';
        setError(
          name === 'NotAllowedError'
            ? 'Trình duyệt chưa được phép dùng camera. Hãy cho phép camera cho trang này, hoặc dùng ô nhập mã.'
            : 'Không mở được camera. Dùng ô nhập mã (máy quét) hoặc tìm theo tên.',
        );
        setOn(false);
      });
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
      element.srcObject = null;
    };
  }, [on]);

  return (
    <div className="camera">
      <Button
        type={on ? 'default' : 'primary'}
        size="large"
        block
        aria-pressed={on}
        onClick={() => {
          setError(null);
          setOn((value) => !value);
        }}
      >
        {on ? 'Tắt camera' : 'Quét QR bằng camera'}
      </Button>
      {error && <Alert type="warning" showIcon title={error} />}
      <video
        ref={video}
        className={on ? 'camera-view' : 'camera-view camera-off'}
        muted
        playsInline
        aria-label="Hình camera quét mã QR"
      />
    </div>
  );
}
