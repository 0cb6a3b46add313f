import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  PHONE,
  apiAs,
  expectAccessible,
  expectNoHorizontalScroll,
  launchBrowser,
  login,
  newContext,
  visibleText,
} from './support/browser';
import { choose, signIn } from './support/people';
import { adminToken, createUser, currentProvinces, openSession } from './support/scenario';

const SESSION_TITLE = 'Hội nghị tập huấn có điều phối viên riêng';

/** Creates a user on the users screen and returns the password shown once. */
async function createOnScreen(
  page: Page,
  details: { email: string; name: string },
  grant: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
): Promise<string> {
  await page.getByRole('button', { name: 'Tạo người dùng' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tạo người dùng' });
  await dialog.getByLabel('Email').fill(details.email);
  await dialog.getByLabel('Họ và tên').fill(details.name);
  await grant(dialog);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const shown = page.getByRole('dialog', { name: `Mật khẩu của ${details.name}` });
  const password = await visibleText(shown.getByLabel('Mật khẩu mới'));
  await shown.getByRole('button', { name: 'Đã ghi lại' }).click();
  await shown.waitFor({ state: 'hidden' });
  return password;
}

const navLinks = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Điều hướng chính' }).innerText()).replace(/\s+/g, ' ');

describe('an administrator managing accounts', () => {
  let browser: Browser;
  let sessionId: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await adminToken();
    const organiser = await createUser(admin, [{ role: 'organiser' }], 'Đỗ Thị Tổ Chức');
    const [first] = await currentProvinces();
    sessionId = await openSession(organiser.token, SESSION_TITLE, [{ provinceId: first.id, quota: 3 }]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('(d) creates a Phú Thọ delegate and a session-scoped coordinator; each sees only what the role allows', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, inject('admin'));
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Người dùng' }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: 'Người dùng' }));
    await expectAccessible(page);

    const suffix = Date.now().toString(36);
    const delegate = { email: `phu-tho-${suffix}@browser.test`, name: 'Nguyễn Thị Phú Thọ' };
    const delegatePassword = await createOnScreen(page, delegate, async (dialog) => {
      // Typed without accents, as people do; the province list folds them.
      await choose(page, dialog.getByLabel('Tỉnh, thành phố'), 'Phú Thọ', 'phu tho');
    });
    const coordinator = { email: `dieu-phoi-${suffix}@browser.test`, name: 'Trần Văn Điều Phối' };
    const coordinatorPassword = await createOnScreen(page, coordinator, async (dialog) => {
      await choose(page, dialog.getByLabel('Vai trò 1', { exact: true }), 'Điều phối tại hội trường');
      await choose(page, dialog.getByLabel('Chỉ cho hội nghị'), SESSION_TITLE, 'dieu phoi vien');
    });
    expect(delegatePassword).toMatch(/^\S{16}$/);

    const users = page.getByRole('list', { name: 'Danh sách người dùng' });
    expect(await visibleText(users.getByRole('listitem').filter({ hasText: delegate.email }))).toContain(
      'Đầu mối tỉnh Phú Thọ',
    );
    expect(await visibleText(users.getByRole('listitem').filter({ hasText: coordinator.email }))).toContain(
      `Điều phối tại hội trường (hội nghị #${sessionId})`,
    );
    // The role filter.
    await choose(page, page.getByLabel('Vai trò', { exact: true }), 'Đầu mối tỉnh');
    await page.waitForFunction((email) => !document.body.innerText.includes(email), coordinator.email);
    expect(await visibleText(users)).toContain(delegate.email);
    await expectAccessible(page);
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await context.close();

    // The delegate: the province's screen, none of the organiser's or administrator's.
    const delegatePage = await (await newContext(browser)).newPage();
    await signIn(delegatePage, { email: delegate.email, password: delegatePassword });
    const delegateMenu = await navLinks(delegatePage);
    expect(delegateMenu).toContain('Đăng ký của tỉnh');
    expect(delegateMenu).not.toContain('Quản lý hội nghị');
    expect(delegateMenu).not.toContain('Người dùng');
    await delegatePage.goto('/dai-bieu');
    await visibleText(delegatePage.getByRole('heading', { level: 1, name: 'Hội nghị tỉnh được mời' }));
    await delegatePage.context().close();

    // The coordinator: no organiser menu; an organiser address typed by hand says "không có quyền".
    const coordinatorPage = await (await newContext(browser)).newPage();
    await signIn(coordinatorPage, { email: coordinator.email, password: coordinatorPassword });
    const coordinatorMenu = await navLinks(coordinatorPage);
    for (const item of ['Quản lý hội nghị', 'Người dùng', 'Nhật ký', 'Đăng ký của tỉnh']) {
      expect(coordinatorMenu).not.toContain(item);
    }
    for (const address of [`/quan-ly/phien/${sessionId}`, '/quan-ly', '/quan-tri/nguoi-dung', '/quan-tri/nhat-ky']) {
      await coordinatorPage.goto(address);
      expect(await visibleText(coordinatorPage.getByRole('heading', { level: 1 }))).toBe('Không có quyền truy cập');
    }
    await expectAccessible(coordinatorPage);
    await coordinatorPage.context().close();

    // ... and the API refuses too.
    const token = await login(coordinator.email, coordinatorPassword);
    const edit = await apiAs(token, 'PATCH', `/api/v1/sessions/${sessionId}`, { title: 'Không được sửa', version: 1 });
    expect(edit.status).toBe(403);
    expect((await apiAs(token, 'GET', '/api/v1/users')).status).toBe(403);
    expect((await apiAs(token, 'GET', '/api/v1/audit-log')).status).toBe(403);
  });

  it('deactivates, reactivates and resets a password; the audit log shows who did it', async () => {
    const admin = await adminToken();
    const someone = await createUser(admin, [{ role: 'organiser' }], 'Vũ Thị Tạm Khóa');
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, inject('admin'));
    await page.goto('/quan-tri/nguoi-dung');
    await page.getByLabel('Tìm theo tên hoặc email').fill('Vũ Thị Tạm');
    const row = page
      .getByRole('list', { name: 'Danh sách người dùng' })
      .getByRole('listitem')
      .filter({ hasText: someone.email });
    await row.getByRole('button', { name: 'Khóa tài khoản Vũ Thị Tạm Khóa' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Khóa' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã khóa tài khoản Vũ Thị Tạm Khóa.' }));
    expect(await visibleText(row)).toContain('Đã khóa');
    expect(
      (await apiAs(null, 'POST', '/api/v1/auth/login', { email: someone.email, password: someone.password })).ok,
    ).toBe(false);
    await row.getByRole('button', { name: 'Mở lại tài khoản Vũ Thị Tạm Khóa' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã mở lại tài khoản Vũ Thị Tạm Khóa.' }));

    await row.getByRole('button', { name: 'Đặt lại mật khẩu của Vũ Thị Tạm Khóa' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Đặt lại' }).click();
    const shown = page.getByRole('dialog', { name: 'Mật khẩu của Vũ Thị Tạm Khóa' });
    const password = await visibleText(shown.getByLabel('Mật khẩu mới'));
    await shown.getByRole('button', { name: 'Đã ghi lại' }).click();
    expect(await login(someone.email, password)).toBeTruthy();

    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký' }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: 'Nhật ký thao tác' }));
    await choose(page, page.getByLabel('Thao tác', { exact: true }), 'Sửa tài khoản', 'sua tai khoan');
    const log = page.getByRole('table', { name: 'Nhật ký thao tác' });
    expect(await visibleText(log.getByRole('row').nth(1))).toContain('Sửa tài khoản');
    await expectAccessible(page);
    await context.close();
  });
});
