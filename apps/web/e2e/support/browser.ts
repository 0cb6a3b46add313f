import AxeBuilder from '@axe-core/playwright';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Chromium from the npm package @sparticuz/chromium (unpacked to /tmp once): nothing downloaded at run time. */
export async function launchBrowser(): Promise<Browser> {
  // --single-process (meant for Lambda) ends the whole browser when a context closes.
  const args = chromium.args.filter((arg) => arg !== '--single-process');
  return playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
}

export async function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ baseURL: inject('baseUrl'), viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** Waits (up to 15 s) until the locator is visible, then returns its text. */
export async function visibleText(locator: Locator): Promise<string> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

/** axe-core on the whole page: no serious or critical violation (each listed by rule and target when any). */
export async function expectAccessible(page: Page): Promise<void> {
  // A popover or dialog still fading in or out is half transparent, and axe reads its text as low
  // contrast: wait until no antd motion class (…-enter/-leave/-appear, -active/-prepare/-start) is left.
  // Not for a button's spinner: it holds no text, and after a save its leave motion often never ends
  // (the wait then sat out its whole 10 s before each audit).
  await page
    .waitForFunction(
      () =>
        ![...document.querySelectorAll('[class]')].some(
          (el) =>
            !el.classList.contains('ant-btn-loading-icon') &&
            [...el.classList].some((name) => /-(enter|leave|appear)(-active|-prepare|-start)?$/.test(name)),
        ),
      undefined,
      // Every 100 ms, not every frame: the check walks the whole page, and on every frame it took
      // the core the animations it waits for needed.
      { timeout: 10_000, polling: 100 },
    )
    // A motion that never ends is no reason to skip the audit: axe runs all the same.
    .catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Direct API calls for arranging a journey (never for what the journey itself checks on screen). */
export async function apiAs(token: string | null, method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(`${inject('baseUrl')}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function login(email: string, password: string): Promise<string> {
  const res = await apiAs(null, 'POST', '/api/v1/auth/login', { email, password });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
