import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { DESKTOP, PHONE, apiAs, launchBrowser, newContext, visibleText } from './support/browser';
import { adminToken, createUser, currentProvinces, openSession, type Person } from './support/scenario';

/** `npm run screenshots`: each screen of the app, desktop and phone, into docs/screenshots/. */
const OUT = path.resolve(import.meta.dirname, '../../../docs/screenshots');

let browser: Browser;
let delegate: Person;
let sessionId: number;
let daNangId: number;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
  const admin = await adminToken();
  const [province] = await currentProvinces();
  const organiser = await createUser(admin, [{ role: 'organiser' }], 'Trần Thị Tổ Chức');
  delegate = await createUser(admin, [{ role: 'province_delegate', provinceId: province.id }], 'Lê Văn Đầu Mối');
  sessionId = await openSession(organiser.token, 'Hội nghị tập huấn công tác thông tin đối ngoại năm tới', [
    { provinceId: province.id, quota: 2 },
  ]);
  for (const [fullName, phone] of [
    ['Nguyễn Văn An', '0912 000 001'],
    ['Trần Thị Bình', '0912 000 002'],
    ['Lê Văn Cường', '0912 000 003'],
  ]) {
    await apiAs(delegate.token, 'POST', `/api/v1/sessions/${sessionId}/registrations`, {
      fullName,
      agency: 'Sở Văn hóa, Thể thao và Du lịch',
      phone,
    });
  }
  const found = (await (await apiAs(null, 'GET', '/api/v1/sessions?q=da%20nang')).json()) as {
    items: { id: number }[];
  };
  daNangId = found.items[0].id;
});
afterAll(async () => {
  await browser?.close();
});

/** `to` is an address, or the clicks that lead to the screen (for pages reached by a link). */
async function shoot(
  name: string,
  to: string | ((page: Page) => Promise<unknown>),
  ready: (page: Page) => Promise<unknown>,
  signedIn = false,
) {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    if (signedIn) {
      await page.goto('/dang-nhap');
      await page.getByLabel('Email').fill(delegate.email);
      await page.getByLabel('Mật khẩu').fill(delegate.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hội nghị tỉnh được mời' }).waitFor();
    }
    if (typeof to === 'string') await page.goto(to);
    else await to(page);
    await ready(page);
    await page.screenshot({ path: path.join(OUT, `${name}-${size}.png`), fullPage: size === 'desktop' });
    await context.close();
  }
}

it('writes a screenshot of every screen', async () => {
  await shoot('catalogue', '/?q=tap+huan', (page) =>
    visibleText(page.getByRole('status').filter({ hasText: 'Tìm thấy' })),
  );
  await shoot('session', `/phien/${daNangId}`, (page) =>
    visibleText(page.getByRole('region', { name: 'Số liệu được báo cáo' })),
  );
  await shoot('person', '/nguoi/6', (page) => visibleText(page.getByRole('region', { name: 'Đã trình bày tại' })));
  await shoot('sign-in', '/dang-nhap', (page) => visibleText(page.getByRole('heading', { name: 'Đăng nhập' })));
  await shoot('not-found', '/khong-co-trang-nay', (page) =>
    visibleText(page.getByRole('heading', { name: 'Không tìm thấy trang' })),
  );
  await shoot(
    'account',
    '/tai-khoan',
    (page) => visibleText(page.getByRole('heading', { name: 'Đổi mật khẩu' })),
    true,
  );
  await shoot('delegate-sessions', '/dai-bieu', (page) => visibleText(page.getByLabel('Chỉ tiêu của tỉnh')), true);
  await shoot(
    'delegate-register',
    `/dai-bieu/phien/${sessionId}`,
    (page) => visibleText(page.getByRole('list', { name: 'Đại biểu đã đăng ký' })),
    true,
  );
  await shoot(
    'organisation',
    async (page) => {
      await page.goto(`/phien/${daNangId}`);
      await page
        .getByRole('region', { name: 'Đơn vị tổ chức' })
        .getByRole('link', { name: 'Ban Tuyên giáo Trung ương' })
        .click();
    },
    (page) => visibleText(page.getByRole('region', { name: 'Tên gọi theo thời gian' })),
  );
  await shoot(
    'document',
    async (page) => {
      await page.goto(`/phien/${daNangId}`);
      await page
        .getByRole('region', { name: 'Văn bản được quán triệt' })
        .getByRole('link', { name: 'Kết luận số 57-KL/TW' })
        .click();
    },
    (page) => visibleText(page.getByRole('region', { name: 'Được quán triệt tại' })),
  );
  await shoot('calendar', '/lich?nam=2024', (page) => visibleText(page.getByRole('region', { name: 'Tháng 8/2024' })));
  await shoot(
    'delegate-edit',
    `/dai-bieu/phien/${sessionId}`,
    async (page) => {
      await page.getByRole('button', { name: 'Sửa thông tin của Lê Văn Cường' }).click();
      await visibleText(page.getByRole('dialog', { name: 'Sửa thông tin: Lê Văn Cường' }));
      // The dialog's opening animation has ended.
      await page.waitForFunction(() => !document.querySelector('.ant-zoom-enter, .ant-zoom-appear'));
    },
    true,
  );
  await shoot(
    'qr-cards',
    `/dai-bieu/phien/${sessionId}/the-qr`,
    async (page) => {
      const cards = page.getByRole('list', { name: 'Thẻ QR' });
      await visibleText(cards.getByRole('img', { name: 'Mã QR điểm danh của Nguyễn Văn An' }));
      await visibleText(cards.getByRole('img', { name: 'Mã QR điểm danh của Trần Thị Bình' }));
    },
    true,
  );
});
