import type { IScannerControls } from '@zxing/browser';
import { BrowserQRCodeReader } from '@zxing/browser';
import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';

/** The same code seen again within this time is the same person still holding it up. */
const REPEAT_MS = 2_000;

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
    let controls: IScannerControls | undefined;
    let cancelled = false;
    const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150 });
    reader
      .decodeFromConstraints({ video: { facingMode: 'environment' }, audio: false }, element, (result) => {
        if (!result) return;
        const code = result.getText().trim();
        const now = Date.now();
        const repeated = code === last.current.code && now - last.current.at < REPEAT_MS;
        last.current = { code, at: now };
        if (!repeated) onCodeRef.current(code);
      })
      .then((started) => {
        controls = started;
        if (cancelled) started.stop();
      })
      .catch((failure: unknown) => {
        const name = failure instanceof DOMException ? failure.name : '';
        setError(
          name === 'NotAllowedError'
            ? 'Trình duyệt chưa được phép dùng camera. Hãy cho phép camera cho trang này, hoặc dùng ô nhập mã.'
            : 'Không mở được camera. Dùng ô nhập mã (máy quét) hoặc tìm theo tên.',
        );
        setOn(false);
      });
    return () => {
      cancelled = true;
      controls?.stop();
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
