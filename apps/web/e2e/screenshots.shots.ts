import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { DESKTOP, PHONE, apiAs, launchBrowser, newContext, visibleText } from './support/browser';
import {
  adminToken,
  checkInCode,
  createUser,
  currentProvinces,
  deskSession,
  openSession,
  type DeskScenario,
  type Person,
} from './support/scenario';

/** `npm run screenshots`: each screen of the app, desktop and phone, into docs/screenshots/. */
const OUT = path.resolve(import.meta.dirname, '../../../docs/screenshots');

let browser: Browser;
let delegate: Person;
let sessionId: number;
let daNangId: number;
let desk: DeskScenario;

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
  desk = await deskSession(
    'Hội nghị tập huấn công tác thông tin đối ngoại năm nay',
    [
      ['Nguyễn Văn An', 'Sở Văn hóa, Thể thao và Du lịch'],
      ['Trần Thị Bích', 'Ban Tuyên giáo và Dân vận Tỉnh ủy'],
      ['Lê Hoàng Cường', 'Công an tỉnh'],
      ['Phạm Thu Dung', 'Sở Ngoại vụ'],
      ['Đặng Văn Đức', 'Báo tỉnh'],
    ],
    { provinceIndex: 14, extraInvited: [15, 16, 17] },
  );
  for (const person of desk.people.slice(0, 3)) {
    await apiAs(desk.coordinator.token, 'POST', `/api/v1/sessions/${desk.sessionId}/parts/${desk.partId}/check-ins`, {
      code: await checkInCode(desk.coordinator.token, person.id),
    });
  }
});
afterAll(async () => {
  await browser?.close();
});

async function shoot(
  name: string,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  signedIn: boolean | Person = false,
) {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    if (signedIn) {
      const who = signedIn === true ? delegate : signedIn;
      await page.goto('/dang-nhap');
      await page.getByLabel('Email').fill(who.email);
      await page.getByLabel('Mật khẩu').fill(who.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
    }
    await page.goto(url);
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
    'desk',
    `/dieu-phoi/phien/${desk.sessionId}/diem-danh`,
    async (page) => {
      await page
        .getByLabel('Mã điểm danh (máy quét cầm tay hoặc gõ tay)')
        .fill(await checkInCode(desk.coordinator.token, desk.people[3].id));
      await page.keyboard.press('Enter');
      // The phone shot scans the same code again (amber): either card will do.
      await visibleText(page.locator('.result-card'));
      await page.getByRole('searchbox', { name: 'Tìm người theo tên hoặc cơ quan' }).fill('dang duc');
      await visibleText(page.getByRole('listitem', { name: 'Đặng Văn Đức' }));
    },
    desk.coordinator,
  );
  await shoot(
    'attendance',
    `/dieu-phoi/phien/${desk.sessionId}/danh-sach`,
    (page) => visibleText(page.getByRole('table', { name: 'Danh sách điểm danh của buổi' })),
    desk.coordinator,
  );
  await shoot(
    'statistics',
    `/dieu-phoi/phien/${desk.sessionId}/thong-ke`,
    (page) => page.locator('[data-chart="theo-tinh"] .recharts-bar-rectangle').first().waitFor(),
    desk.coordinator,
  );
});
