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
import { adminToken, createUser, currentProvinces, type Person } from './support/scenario';

const SESSION_CHANGES = 'Thay đổi lịch, địa điểm hoặc hủy hội nghị';
const DELEGATE_UPDATES = 'Kết quả đăng ký của người do tôi đăng ký (thư tổng hợp khi tải danh sách)';

describe('a user turning e-mail categories off in their account', () => {
  let browser: Browser;
  let delegate: Person;

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await adminToken();
    const [province] = await currentProvinces();
    delegate = await createUser(admin, [{ role: 'province_delegate', provinceId: province.id }], 'Vũ Thị Thư');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('turns "session changes" off; after a reload it stays off, and the API agrees', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page, delegate, '/tai-khoan');
    await visibleText(page.getByRole('heading', { level: 2, name: 'Thư thông báo' }));

    const changes = page.getByRole('switch', { name: SESSION_CHANGES });
    expect(await changes.getAttribute('aria-checked')).toBe('true');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await changes.click();
    // Saved when the API answered: the switch shows what the server now holds.
    await page.waitForFunction(
      (name) =>
        [...document.querySelectorAll('[role="switch"]')].some(
          (el) =>
            el.getAttribute('aria-label') === name &&
            el.getAttribute('aria-checked') === 'false' &&
            !el.classList.contains('ant-switch-loading'),
        ),
      SESSION_CHANGES,
    );

    await page.reload();
    await visibleText(page.getByRole('heading', { level: 2, name: 'Thư thông báo' }));
    expect(await page.getByRole('switch', { name: SESSION_CHANGES }).getAttribute('aria-checked')).toBe('false');
    expect(await page.getByRole('switch', { name: DELEGATE_UPDATES }).getAttribute('aria-checked')).toBe('true');

    const res = await apiAs(delegate.token, 'GET', '/api/v1/notifications/preferences');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { disabled: string[] }).disabled).toEqual(['session_changes']);
    await context.close();
  });
});
