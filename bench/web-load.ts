import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

/**
 * Figure 8: the public catalogue (`/`) as a first-time visitor's browser loads it from the
 * built app the API serves: first contentful paint, the time until the result count is shown,
 * and the JavaScript it loads (as served and gzipped, the measure of the build's 300 kB budget).
 * Headless Chromium from @sparticuz/chromium, driven by playwright-core, one fresh context
 * (empty cache) per load, desktop viewport, no throttling.
 */
export interface CatalogueLoad {
  loads: number;
  fcpMs: number[];
  readyMs: number[];
  scripts: number;
  jsBytes: number;
  jsGzipBytes: number;
}

const LOADS = Number(process.env.BENCH_WEB_LOADS ?? 7);

async function launch(): Promise<Browser> {
  // ES modules only: loaded with import() from this CommonJS build.
  const { default: chromium } = await import('@sparticuz/chromium');
  const { chromium: playwright } = await import('playwright-core');
  // --single-process (meant for Lambda) ends the whole browser when a context closes.
  const args = chromium.args.filter((arg) => arg !== '--single-process');
  return playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
}

export async function measureCatalogueLoad(baseUrl: string, loads = LOADS): Promise<CatalogueLoad> {
  const browser = await launch();
  const result: CatalogueLoad = { loads, fcpMs: [], readyMs: [], scripts: 0, jsBytes: 0, jsGzipBytes: 0 };
  try {
    // One warm-up load (the server's first answers, Chromium's own start-up), not counted.
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: 1280, height: 800 },
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      const page = await context.newPage();
      const scripts: Promise<Buffer>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.push(response.body());
      });
      await page.goto('/', { waitUntil: 'load' });
      // Ready for the visitor: the catalogue has answered and says how many sessions it found.
      await page.getByRole('status').filter({ hasText: 'Tìm thấy' }).first().waitFor({ timeout: 30_000 });
      const ready = await page.evaluate(() => performance.now());
      // Paint timing entries are queued once the frame is presented, which can come after the
      // DOM already shows the text.
      const fcp = await page
        .waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, undefined, {
          timeout: 30_000,
        })
        .then((handle) => handle.jsonValue() as Promise<number>);
      const timing = { fcp, ready };
      const bodies = await Promise.all(scripts);
      await context.close();
      if (i === 0) continue;
      result.fcpMs.push(timing.fcp);
      result.readyMs.push(timing.ready);
      result.scripts = bodies.length;
      result.jsBytes = bodies.reduce((sum, body) => sum + body.length, 0);
      result.jsGzipBytes = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    }
  } finally {
    await browser.close();
  }
  return result;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// `node dist/bench/web-load.js http://127.0.0.1:PORT`: this figure alone, against a running API.
if (require.main === module) {
  const url = process.argv[2];
  if (!url) throw new Error('usage: node dist/bench/web-load.js <base URL of a running API>');
  measureCatalogueLoad(url).then(
    (load) => {
      process.stdout.write(
        `${JSON.stringify({ ...load, fcpMedianMs: median(load.fcpMs), readyMedianMs: median(load.readyMs) }, null, 2)}\n`,
      );
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
