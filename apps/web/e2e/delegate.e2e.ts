import type { Browser, Locator, Page } from 'playwright-core';
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
import { adminToken, createUser, currentProvinces, openSession, type Person } from './support/scenario';

const TITLE = 'Tập huấn thông tin đối ngoại cho cán bộ cơ sở';
const OTHER_TITLE = 'Tập huấn dành cho tỉnh khác';

async function signIn(page: Page, who: Person): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** The text of the help message the field points to with aria-describedby (what a screen reader reads beside it). */
async function fieldError(page: Page, label: string, within: Page | Locator = page): Promise<string> {
  const field = within.getByLabel(label);
  await page.waitForFunction(
    (name) =>
      [...document.querySelectorAll('input')].some(
        (input) => input.labels?.[0]?.textContent?.includes(name) && input.getAttribute('aria-invalid') === 'true',
      ),
    label,
  );
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(
    ids.map((id) =>
      page
        .locator(`[id="${id}"]`)
        .innerText()
        .catch(() => ''),
    ),
  );
  return texts.join(' ').trim();
}

describe('a province delegate registering people', () => {
  let browser: Browser;
  let delegate: Person;
  let otherDelegate: Person;
  let sessionId: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await adminToken();
    const [mine, other] = await currentProvinces();
    const organiser = await createUser(admin, [{ role: 'organiser' }], 'Trần Thị Tổ Chức');
    delegate = await createUser(admin, [{ role: 'province_delegate', provinceId: mine.id }], 'Lê Văn Đầu Mối');
    otherDelegate = await createUser(admin, [{ role: 'province_delegate', provinceId: other.id }], 'Phạm Thị Khác');
    sessionId = await openSession(organiser.token, TITLE, [{ provinceId: mine.id, quota: 2 }]);
    await openSession(organiser.token, OTHER_TITLE, [{ provinceId: other.id, quota: 5 }]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('(c) registers with a field error then correctly, fills the quota, uploads a list, withdraws one', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, delegate);

    // Only the sessions that invited my province.
    await visibleText(page.getByRole('heading', { level: 1, name: 'Hội nghị tỉnh được mời' }));
    const list = page.getByRole('list', { name: 'Hội nghị đang mở đăng ký' });
    expect(await visibleText(list)).toContain(TITLE);
    expect(await list.innerText()).not.toContain(OTHER_TITLE);
    // Other journeys may open sessions for this province too: the quota read is this session's own.
    const mySession = list.getByRole('listitem').filter({ hasText: TITLE });
    expect(await visibleText(mySession.getByRole('definition').first())).toBe('2');
    await expectAccessible(page);
    await list.getByRole('link', { name: TITLE }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: TITLE }));

    // Once with an e-mail address the API refuses: the message sits with the field.
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Cơ quan').fill('Sở Văn hóa, Thể thao và Du lịch');
    await page.getByLabel('Email').fill('khong-phai-email');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    expect(await fieldError(page, 'Email')).toBe('phải là địa chỉ email, ví dụ ten@coquan.gov.vn');
    await expectAccessible(page);

    // Then correctly, with the keyboard alone: type, Tab between fields, Enter to send.
    await page.getByLabel('Email').fill('');
    await page.getByLabel('Email').pressSequentially('an.nguyen@example.gov.vn');
    await page.keyboard.press('Enter');
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'Đã đăng ký Nguyễn Văn An.' }))).toBe(
      'Đã đăng ký Nguyễn Văn An.',
    );

    await page.getByLabel('Họ và tên').focus();
    await page.keyboard.type('Trần Thị Bình');
    // Tab through giới tính and chức vụ to cơ quan.
    for (let i = 0; i < 6 && !(await page.getByLabel('Cơ quan').evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('Ban Tuyên giáo Tỉnh ủy');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0912 345 678');
    await page.keyboard.press('Enter');
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã đăng ký Trần Thị Bình.' }));

    // The quota (2) is full: the next person waits, and the page says so.
    await page.getByLabel('Họ và tên').fill('Lê Văn Cường');
    await page.getByLabel('Cơ quan').fill('Sở Ngoại vụ');
    await page.getByLabel('Điện thoại').fill('0987 654 321');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'hết chỉ tiêu' }))).toContain(
      'Lê Văn Cường được đưa vào danh sách chờ',
    );
    const people = page.getByRole('list', { name: 'Đại biểu đã đăng ký' });
    const cuong = people.getByRole('listitem').filter({ hasText: 'Lê Văn Cường' });
    expect(await visibleText(cuong)).toContain('Danh sách chờ');
    expect(await visibleText(cuong)).toContain('Vị trí chờ: 1');

    // A file with a bad row is refused with its row and column; a good one is accepted.
    const upload = page.getByLabel('Chọn tệp danh sách');
    const header = 'Họ và tên,Giới tính,Chức vụ,Cơ quan,Điện thoại,Email';
    await upload.setInputFiles({
      name: 'danh-sach.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\n,Nam,Chuyên viên,Sở Tư pháp,0911 222 333,\n`),
    });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    const errors = page.getByRole('table', { name: 'Lỗi trong tệp' });
    const firstError = await visibleText(errors.getByRole('row').nth(1));
    // Rows are numbered as a spreadsheet shows them: the header is row 1, the bad person row 2.
    expect(firstError).toMatch(/^2 Họ và tên /);
    await upload.setInputFiles({
      name: 'danh-sach.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\nHoàng Thị Dung,Nữ,Chuyên viên,Sở Tư pháp,0911 222 444,\n`),
    });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã đăng ký 1 người từ tệp.' }));
    expect(await visibleText(people.getByRole('listitem').filter({ hasText: 'Hoàng Thị Dung' }))).toContain(
      'Vị trí chờ: 2',
    );

    // Withdraw the first person (after confirming): the first waitlisted one is confirmed.
    await people.getByRole('button', { name: 'Rút đăng ký của Nguyễn Văn An' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Rút đăng ký' }).click();
    await page.waitForFunction(() => document.body.innerText.includes('Đã rút'));
    expect(await visibleText(cuong)).toContain('Đã xác nhận');
    expect(await visibleText(people.getByRole('listitem').filter({ hasText: 'Hoàng Thị Dung' }))).toContain(
      'Vị trí chờ: 1',
    );
    await expectAccessible(page);

    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('corrects a registration while registration is open: the dialog saves only what changed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, delegate);
    await page.getByRole('link', { name: TITLE }).click();
    const people = page.getByRole('list', { name: 'Đại biểu đã đăng ký' });
    const dung = people.getByRole('listitem').filter({ hasText: 'Hoàng Thị Dung' });
    expect(await visibleText(dung)).toContain('Sở Tư pháp');

    await dung.getByRole('button', { name: 'Sửa thông tin của Hoàng Thị Dung' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa thông tin: Hoàng Thị Dung' });
    expect(await dialog.getByLabel('Cơ quan').inputValue()).toBe('Sở Tư pháp');
    expect(await dialog.getByLabel('Điện thoại').inputValue()).toBe('0911 222 444');
    await expectAccessible(page);

    // A wrong e-mail address is refused beside its field, in the dialog; nothing is saved.
    await dialog.getByLabel('Email').fill('dung-o-dau');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect(await fieldError(page, 'Email', dialog)).toBe('phải là địa chỉ email, ví dụ ten@coquan.gov.vn');

    // Corrected: a new agency and position, a valid address; Enter saves.
    await dialog.getByLabel('Email').fill('dung.hoang@example.gov.vn');
    await dialog.getByLabel('Chức vụ').fill('Phó Chánh Văn phòng');
    await dialog.getByLabel('Cơ quan').fill('Sở Nội vụ');
    await dialog.getByLabel('Cơ quan').press('Enter');
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã lưu thông tin của Hoàng Thị Dung.' }));
    await dialog.waitFor({ state: 'detached' });
    const row = await visibleText(dung);
    expect(row).toContain('Phó Chánh Văn phòng, Sở Nội vụ');
    expect(row).toContain('dung.hoang@example.gov.vn');
    // Her place is unchanged by an edit.
    expect(row).toContain('Vị trí chờ: 1');

    // The API holds the same (what another screen, or the organiser, reads).
    const res = await apiAs(delegate.token, 'GET', `/api/v1/sessions/${sessionId}/registrations?limit=100`);
    const items = ((await res.json()) as { items: { fullName: string; agency: string; position: string }[] }).items;
    expect(items.find((r) => r.fullName === 'Hoàng Thị Dung')).toMatchObject({
      agency: 'Sở Nội vụ',
      position: 'Phó Chánh Văn phòng',
    });

    // A withdrawn person can no longer be edited.
    const an = people.getByRole('listitem').filter({ hasText: 'Nguyễn Văn An' });
    expect(await visibleText(an)).toContain('Đã rút');
    expect(await an.getByRole('button', { name: /Sửa thông tin/ }).count()).toBe(0);

    // On a phone the dialog fits the screen.
    await dung.getByRole('button', { name: 'Sửa thông tin của Hoàng Thị Dung' }).click();
    await page.setViewportSize(PHONE);
    await visibleText(dialog);
    await expectNoHorizontalScroll(page);
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'detached' });
    await context.close();
  });

  it('(d) refreshes an expired access token unnoticed; another province sees none of these people', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page, delegate);
    await visibleText(page.getByRole('heading', { level: 1, name: 'Hội nghị tỉnh được mời' }));

    // The next API call carries a token the server refuses, as an expired one is.
    let spoiled = false;
    let refreshes = 0;
    page.on('response', (response) => {
      if (response.url().endsWith('/api/v1/auth/refresh') && response.status() === 200) refreshes++;
    });
    await page.route('**/api/v1/**', async (route) => {
      const headers = route.request().headers();
      if (!spoiled && headers.authorization) {
        spoiled = true;
        await route.continue({ headers: { ...headers, authorization: 'Bearer het.han.roi' } });
      } else await route.continue();
    });
    await page.getByRole('link', { name: TITLE }).click();
    expect(await visibleText(page.getByRole('list', { name: 'Đại biểu đã đăng ký' }))).toContain('Lê Văn Cường');
    expect(spoiled).toBe(true);
    expect(refreshes).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/dai-bieu/phien/${sessionId}`);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // A reload keeps the sign-in (the cookie refreshes); signing out ends it and protected pages ask to sign in.
    await page.reload();
    await visibleText(page.getByRole('list', { name: 'Đại biểu đã đăng ký' }));
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await visibleText(page.getByRole('link', { name: 'Đăng nhập' }));
    await page.goto(`/dai-bieu/phien/${sessionId}`);
    await visibleText(page.getByRole('heading', { level: 1, name: 'Đăng nhập' }));
    await expectAccessible(page);
    // ... and back to where they were after signing in.
    await page.getByLabel('Email').fill(delegate.email);
    await page.getByLabel('Mật khẩu').fill(delegate.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: TITLE }));

    // Another province's delegate: not in the UI, not from the API.
    const other = await newContext(browser);
    const otherPage = await other.newPage();
    await signIn(otherPage, otherDelegate);
    await visibleText(otherPage.getByRole('heading', { level: 1, name: 'Hội nghị tỉnh được mời' }));
    expect(await otherPage.getByRole('main').innerText()).not.toContain(TITLE);
    await otherPage.goto(`/dai-bieu/phien/${sessionId}`);
    await otherPage.waitForFunction(() => !document.querySelector('[role="status"][aria-live="polite"] .ant-spin'));
    await otherPage.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await otherPage.getByRole('main').innerText()).not.toContain('Nguyễn Văn An');
    const res = await apiAs(otherDelegate.token, 'GET', `/api/v1/sessions/${sessionId}/registrations`);
    const names = res.ok ? ((await res.json()) as { items: { fullName: string }[] }).items.map((r) => r.fullName) : [];
    expect(names).toEqual([]);
    await other.close();
    await context.close();
  });
});
