import type { Browser } from 'playwright-core';
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
import { signIn } from './support/people';
import { adminToken, createUser, currentProvinces, openSession, type Person } from './support/scenario';

const TITLE = 'Tập huấn in thẻ QR cho đại biểu';

describe("a province delegate printing my people's QR cards", () => {
  let browser: Browser;
  let delegate: Person;
  let sessionId: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await adminToken();
    const provinces = await currentProvinces();
    const mine = provinces[2];
    const organiser = await createUser(admin, [{ role: 'organiser' }], 'Đỗ Thị Tổ Chức');
    delegate = await createUser(admin, [{ role: 'province_delegate', provinceId: mine.id }], 'Vũ Văn Đầu Mối');
    sessionId = await openSession(organiser.token, TITLE, [{ provinceId: mine.id, quota: 2 }]);
    // Two confirmed (the quota), the third waitlisted: only confirmed people have a check-in code.
    for (const fullName of ['Nguyễn Thị Ánh', 'Trần Văn Bình', 'Lê Thị Chờ']) {
      const res = await apiAs(delegate.token, 'POST', `/api/v1/sessions/${sessionId}/registrations`, {
        fullName,
        agency: 'Ban Tuyên giáo Tỉnh ủy',
        phone: '0912 345 678',
      });
      if (!res.ok) throw new Error(`register ${fullName}: ${res.status} ${await res.text()}`);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the cards from the registration page: name, agency, session and a QR per confirmed person, with a PNG download, on a phone', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page, delegate);
    await visibleText(page.getByRole('heading', { level: 1, name: 'Hội nghị tỉnh được mời' }));
    await page.goto(`/dai-bieu/phien/${sessionId}`);
    await page.getByRole('link', { name: 'Thẻ QR điểm danh của người đã được xác nhận' }).click();

    expect(await visibleText(page.getByRole('heading', { level: 1, name: 'Thẻ QR điểm danh', exact: true }))).toBe(
      'Thẻ QR điểm danh',
    );
    const cards = page.getByRole('list', { name: 'Thẻ QR' });
    await visibleText(cards);
    expect(await cards.getByRole('listitem').count()).toBe(2);
    const card = cards.getByRole('listitem', { name: 'Nguyễn Thị Ánh' });
    const text = await visibleText(card);
    expect(text).toContain('Ban Tuyên giáo Tỉnh ủy');
    expect(text).toContain(TITLE);
    expect(await cards.innerText()).not.toContain('Lê Thị Chờ');

    const qr = card.getByRole('img', { name: 'Mã QR điểm danh của Nguyễn Thị Ánh' });
    await qr.waitFor({ state: 'visible' });
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: 'Tải ảnh QR của Nguyễn Thị Ánh' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('qr-Nguyen-Thi-Anh.png');
    expect(await visibleText(page.getByRole('button', { name: 'In các thẻ' }))).toBe('In các thẻ');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });
});
