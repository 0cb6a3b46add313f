import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PHONE,
  apiAs,
  expectAccessible,
  expectNoHorizontalScroll,
  launchBrowser,
  newContext,
  visibleText,
} from './support/browser';
import { installFakeCamera, showQr } from './support/fake-camera';
import { checkInCode, deskSession, qrDataUrl, type DeskScenario } from './support/scenario';

const PEOPLE: [string, string][] = [
  ['Nguyễn Văn An', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['Trần Thị Bích', 'Ban Tuyên giáo và Dân vận Tỉnh ủy'],
  ['Lê Hoàng Cường', 'Công an tỉnh'],
  ['Phạm Thu Dung', 'Sở Ngoại vụ'],
  ['Đặng Văn Đức', 'Báo tỉnh'],
  ['Vũ Thị Én', 'Đài Phát thanh và Truyền hình'],
  ['Bùi Quang Giang', 'Sở Nội vụ'],
  ['Đỗ Thị Hạnh', 'Hội Liên hiệp Phụ nữ tỉnh'],
];

interface PartAttendance {
  records: {
    registrationId: number | null;
    status: string;
    undoneAt: string | null;
    walkInId: number | null;
    checkedOutAt: string | null;
  }[];
}

describe('the check-in desk of a coordinator, on a phone', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let scenario: DeskScenario;
  const person = (index: number) => scenario.people[index];
  const result = () => page.getByRole('status', { name: 'Kết quả quét' });
  const counter = async (name: string) =>
    Number((await page.locator(`[data-counter="${name}"]`).innerText()).split('/')[0].trim());
  const attendance = async () =>
    (await (
      await apiAs(
        scenario.coordinator.token,
        'GET',
        `/api/v1/sessions/${scenario.sessionId}/parts/${scenario.partId}/attendance`,
      )
    ).json()) as PartAttendance;

  /** Holds a person's real QR up to the fake camera until the result card names them, then takes it away. */
  async function scanByCamera(index: number, outcome: 'ok' | 'already') {
    await showQr(page, await qrDataUrl(scenario.coordinator.token, person(index).id));
    const card = result()
      .locator(`[data-outcome="${outcome}"]`)
      .filter({ hasText: person(index).fullName });
    // Decoding frames competes for the CPU with the API and the database on a small machine.
    await card.waitFor({ state: 'visible', timeout: 40_000 }).catch(async (failure: unknown) => {
      await page.screenshot({ path: `/tmp/desk-fail-${index}.png` });
      const video = await page.evaluate(() => {
        const v = document.querySelector('video');
        return v && { readyState: v.readyState, paused: v.paused, currentTime: v.currentTime, width: v.videoWidth };
      });
      throw new Error(`${String(failure)}; card: ${await result().innerText()}; video: ${JSON.stringify(video)}`);
    });
    const text = await visibleText(card);
    await showQr(page, null);
    return text;
  }

  /** Offline the card cannot name the person (the code is checked by the API): the queue grows by one. */
  async function scanOffline(index: number, queuedAfter: number) {
    await showQr(page, await qrDataUrl(scenario.coordinator.token, person(index).id));
    await page
      .getByRole('status')
      .filter({ hasText: `Ngoại tuyến — ${queuedAfter} lượt chờ gửi` })
      .waitFor({ state: 'visible', timeout: 40_000 });
    expect(await visibleText(result().locator('[data-outcome="queued"]'))).toContain('Đã lưu, chờ gửi');
    await showQr(page, null);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    // A province no other browser journey invites (the delegate journeys count their sessions).
    scenario = await deskSession('Hội nghị tập huấn thông tin đối ngoại tại tỉnh', PEOPLE, { provinceIndex: 10 });
    context = await newContext(browser, PHONE);
    await installFakeCamera(context);
    page = await context.newPage();
    await page.goto('/dang-nhap');
    await page.getByLabel('Email').fill(scenario.coordinator.email);
    await page.getByLabel('Mật khẩu').fill(scenario.coordinator.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('(a) opens the desk from the menu and checks three people in by QR (green), then a repeat scan is amber', async () => {
    await page.getByRole('link', { name: 'Điều phối' }).click();
    await page.getByRole('link', { name: /^Bàn điểm danh/ }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: 'Điểm danh' }));
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'Trực tuyến' }))).toContain('Trực tuyến');
    await page.getByRole('button', { name: 'Quét QR bằng camera' }).click();

    for (const index of [0, 1, 2]) {
      const text = await scanByCamera(index, 'ok');
      expect(text).toMatch(
        new RegExp(`Đã điểm danh \\d{2}:\\d{2} — ${person(index).fullName}, ${person(index).agency}`),
      );
    }
    const again = await scanByCamera(1, 'already');
    expect(again).toMatch(new RegExp(`Đã điểm danh lúc \\d{2}:\\d{2} — ${person(1).fullName}`));
    await page.waitForFunction(() => document.querySelector('[data-counter="present"]')?.textContent?.startsWith('3 '));
    expect(await counter('present')).toBe(3);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  });

  it('takes a hardware scanner typing the code and Enter, and refuses a code it does not know (red)', async () => {
    await page.getByRole('button', { name: 'Tắt camera' }).click();
    const input = page.getByLabel('Mã điểm danh (máy quét cầm tay hoặc gõ tay)');
    await input.focus();
    await page.keyboard.type(await checkInCode(scenario.coordinator.token, person(3).id));
    await page.keyboard.press('Enter');
    await visibleText(
      result()
        .locator('[data-outcome="ok"]')
        .filter({ hasText: person(3).fullName }),
    );
    // The field is cleared and keeps the focus for the next person.
    expect(await input.inputValue()).toBe('');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('khongphaimacuaai');
    await page.keyboard.press('Enter');
    expect(await visibleText(result().locator('[data-outcome="refused"]'))).toContain('Mã không hợp lệ');
  });

  it('(b) offline: three scans are kept through a reload and recorded exactly once when the network returns', async () => {
    // The service worker has precached the app shell (it is active) before the network goes.
    const worker = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const timer = setTimeout(async () => {
            const registration = await navigator.serviceWorker.getRegistration();
            resolve(
              `not ready: ${JSON.stringify({
                registered: Boolean(registration),
                installing: registration?.installing?.state,
                waiting: registration?.waiting?.state,
                active: registration?.active?.state,
              })}`,
            );
          }, 60_000);
          void navigator.serviceWorker.ready.then(() => {
            clearTimeout(timer);
            resolve('ready');
          });
        }),
    );
    if (worker !== 'ready') {
      const bad = await page.evaluate(async () => {
        const source = await (await fetch('/sw.js')).text();
        const list = JSON.parse(/const ASSETS = (\[.*?\]);/.exec(source)?.[1] ?? '[]') as string[];
        const failed: string[] = [];
        for (const file of list) {
          const res = await fetch(`/${file}`);
          if (!res.ok) failed.push(`${res.status} ${file}`);
        }
        const shell = await fetch('/', { headers: { accept: 'text/html' } });
        return { count: list.length, failed, shell: shell.status };
      });
      throw new Error(`${worker}; ${JSON.stringify(bad)}`);
    }
    await page.reload();
    await page
      .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000, polling: 250 })
      .catch(async (failure: unknown) => {
        const state = await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return JSON.stringify({
            url: location.href,
            controller: Boolean(navigator.serviceWorker.controller),
            installing: registration?.installing?.state,
            waiting: registration?.waiting?.state,
            active: registration?.active?.state,
            scope: registration?.scope,
          });
        });
        throw new Error(`page not controlled: ${state}; ${String(failure)}`);
      });
    await visibleText(page.getByRole('heading', { level: 1, name: 'Điểm danh' }));
    await context.setOffline(true);
    await visibleText(page.getByRole('status').filter({ hasText: 'Ngoại tuyến' }));
    await page.getByRole('button', { name: 'Quét QR bằng camera' }).click();
    await scanOffline(4, 1);
    await scanOffline(5, 2);
    // One of them came without the QR: found by name without accents, one tap.
    await page.getByRole('searchbox', { name: 'Tìm người theo tên hoặc cơ quan' }).fill('bui giang');
    await page
      .getByRole('listitem', { name: person(6).fullName })
      .getByRole('button', { name: 'Điểm danh' })
      .click();
    await visibleText(
      result()
        .locator('[data-outcome="queued"]')
        .filter({ hasText: person(6).fullName }),
    );
    // The count is read from IndexedDB (after a reload too): wait for it rather than read the first text.
    await visibleText(page.getByRole('status').filter({ hasText: 'Ngoại tuyến — 3 lượt chờ gửi' }));

    await page.reload();
    // The count is read from IndexedDB (after a reload too): wait for it rather than read the first text.
    await visibleText(page.getByRole('status').filter({ hasText: 'Ngoại tuyến — 3 lượt chờ gửi' }));
    const before = await attendance();
    for (const index of [4, 5, 6]) {
      expect(before.records.filter((r) => r.registrationId === person(index).id)).toEqual([]);
    }

    await context.setOffline(false);
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'đã gửi' }))).toContain('3 mới');
    const after = await attendance();
    for (const index of [4, 5, 6]) {
      const rows = after.records.filter((r) => r.registrationId === person(index).id);
      expect(rows).toHaveLength(1);
      expect(rows[0].status).toBe('present');
    }
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    await page.waitForFunction(() => document.querySelector('[data-counter="present"]')?.textContent?.startsWith('7 '));
  });

  it('(c) a walk-in, an excused absence and an undo move the counters', async () => {
    const present = await counter('present');
    const walkIns = await counter('walk-ins');
    const excused = await counter('excused');

    await page.getByText(/^Khách không đăng ký trước/).click();
    const walkIn = page.getByRole('form', { name: 'Khách không đăng ký' });
    await walkIn.getByLabel('Họ và tên').fill('Hà Thị Khách');
    await walkIn.getByLabel('Cơ quan').fill('Trường Chính trị tỉnh');
    await walkIn.getByLabel('Điện thoại').fill('0988 123 456');
    await walkIn.getByRole('button', { name: 'Ghi nhận khách' }).click();
    await visibleText(result().filter({ hasText: 'Đã ghi nhận khách — Hà Thị Khách' }));
    await page.waitForFunction(
      (n) => document.querySelector('[data-counter="walk-ins"]')?.textContent === String(n),
      walkIns + 1,
    );

    const search = page.getByRole('searchbox', { name: 'Tìm người theo tên hoặc cơ quan' });
    await search.fill('do thi hanh');
    await page
      .getByRole('listitem', { name: person(7).fullName })
      .getByRole('button', { name: 'Vắng' })
      .click();
    const dialog = page.getByRole('dialog', { name: `Vắng mặt: ${person(7).fullName}` });
    await dialog.getByLabel('Vắng có phép').check();
    await dialog.getByLabel('Lý do').fill('Đi công tác theo phân công');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await visibleText(result().filter({ hasText: `Đã ghi vắng có phép — ${person(7).fullName}` }));
    await page.waitForFunction(
      (n) => document.querySelector('[data-counter="excused"]')?.textContent === String(n),
      excused + 1,
    );

    await search.fill('nguyen van an');
    await page
      .getByRole('listitem', { name: person(0).fullName })
      .getByRole('button', { name: 'Hoàn tác' })
      .click();
    const undo = page.getByRole('dialog', { name: `Hoàn tác: ${person(0).fullName}` });
    await undo.getByLabel('Lý do').fill('Quét nhầm người');
    await undo.getByRole('button', { name: 'Xác nhận' }).click();
    await visibleText(result().filter({ hasText: `Đã hoàn tác — ${person(0).fullName}` }));
    await page.waitForFunction(
      (n) => document.querySelector('[data-counter="present"]')?.textContent?.startsWith(`${n} `),
      present - 1,
    );
    // Leaving early: a check-out keeps the presence and records the time.
    await search.fill('tran thi bich');
    const leaving = page.getByRole('listitem', { name: person(1).fullName });
    await leaving.getByRole('button', { name: 'Ra về' }).click();
    await visibleText(result().filter({ hasText: `Đã ghi nhận ra về — ${person(1).fullName}` }));
    await visibleText(leaving.getByText('Có mặt (đã ra về)'));

    const rows = (await attendance()).records;
    expect(rows.filter((r) => r.registrationId === person(0).id && r.undoneAt === null)).toEqual([]);
    const left = rows.find((r) => r.registrationId === person(1).id && r.undoneAt === null);
    expect(left?.checkedOutAt).toEqual(expect.any(String));
    expect(rows.filter((r) => r.walkInId !== null)).toHaveLength(1);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  });
});
