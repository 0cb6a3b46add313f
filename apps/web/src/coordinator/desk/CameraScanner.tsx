import { BrowserQRCodeReader } from '@zxing/browser';
import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';

/** The same code seen again within this time is the same person still holding it up. */
const REPEAT_MS = 2_000;
/** How often a video frame is decoded. */
const SCAN_EVERY_MS = 150;

/**
 * Continuous QR scanning from the back camera with ZXing (decoding on the page, no server round
 * trip). A code held in front of the camera fires once; shown again after a pause it fires again
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
    const reader = new BrowserQRCodeReader();
    const frame = document.createElement('canvas');
    const draw = frame.getContext('2d', { willReadFrequently: true });
    // Our own frame loop around ZXing's decoder: the library's loop ends for good on the first
    // error it does not expect (a torn frame can raise one), and a desk must keep scanning.
    const tick = () => {
      if (stopped) return;
      try {
        // A video the browser paused (power saving, a tab switch) is started again.
        if (element.paused && element.srcObject) void element.play().catch(() => undefined);
        if (draw && element.readyState >= 2 && element.videoWidth > 0) {
          if (frame.width !== element.videoWidth) frame.width = element.videoWidth;
          if (frame.height !== element.videoHeight) frame.height = element.videoHeight;
          draw.drawImage(element, 0, 0, frame.width, frame.height);
          decoded(reader.decodeFromCanvas(frame).getText().trim());
        }
      } catch {
        // No code in this frame (or one ZXing cannot read, or a frame the video could not give):
        // the next frame is tried.
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
