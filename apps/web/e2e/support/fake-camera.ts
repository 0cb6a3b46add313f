import type { BrowserContext, Page } from 'playwright-core';

/**
 * A camera for the browser tests: getUserMedia answers with the stream of a canvas on which the
 * test draws a QR image (the API's real PNG), so the page's own decoding path (jsQR on video
 * frames) runs as on a phone. `showQr(page, dataUrl)` holds a code up; `showQr(page, null)` an
 * empty frame.
 */
export async function installFakeCamera(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 480;
    const draw = canvas.getContext('2d')!;
    let image: HTMLImageElement | null = null;
    const paint = () => {
      draw.fillStyle = '#ffffff';
      draw.fillRect(0, 0, canvas.width, canvas.height);
      if (image) draw.drawImage(image, 60, 60, 360, 360);
    };
    setInterval(paint, 50);
    (window as unknown as { __showQr: (url: string | null) => Promise<void> }).__showQr = (url) =>
      new Promise((resolve, reject) => {
        if (!url) {
          image = null;
          paint();
          resolve();
          return;
        }
        const next = new Image();
        next.onload = () => {
          image = next;
          paint();
          resolve();
        };
        next.onerror = () => reject(new Error('QR image did not load'));
        next.src = url;
      });
    const media = navigator.mediaDevices ?? ({} as MediaDevices);
    media.getUserMedia = async () => {
      paint();
      return canvas.captureStream(15);
    };
    if (!navigator.mediaDevices) Object.defineProperty(navigator, 'mediaDevices', { value: media });
  });
}

export async function showQr(page: Page, dataUrl: string | null): Promise<void> {
  await page.evaluate(
    (url) => (window as unknown as { __showQr: (u: string | null) => Promise<void> }).__showQr(url),
    dataUrl,
  );
}
