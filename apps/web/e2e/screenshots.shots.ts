import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject, it } from 'vitest';
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
let organiser: Person;
let sessionId: number;
let daNangId: number;
let desk: DeskScenario;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
  const admin = await adminToken();
  const [province] = await currentProvinces();
  organiser = await createUser(admin, [{ role: 'organiser' }], 'Trần Thị Tổ Chức');
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
  for (const [kind, title, startsAt] of [
    ['opening_speech', 'Phát biểu khai mạc hội nghị', '08:00'],
    ['topic', 'Công tác thông tin đối ngoại trong tình hình mới', '08:30'],
    ['discussion', 'Thảo luận, trao đổi', '10:30'],
  ]) {
    await apiAs(organiser.token, 'POST', `/api/v1/sessions/${sessionId}/agenda`, { kind, title, startsAt });
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

type Account = { email: string; password: string };

/** `to` is an address, or the clicks that lead to the screen (for pages reached by a link). */
async function shoot(
  name: string,
  to: string | ((page: Page) => Promise<unknown>),
  ready: (page: Page) => Promise<unknown>,
  signedIn: boolean | Account = false,
) {
  const who = signedIn === true ? delegate : signedIn || null;
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    if (who) {
      await page.goto('/dang-nhap');
      await page.getByLabel('Email').fill(who.email);
      await page.getByLabel('Mật khẩu').fill(who.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
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

it('writes a screenshot of every organiser screen', async () => {
  const editor = `/quan-ly/phien/${sessionId}`;
  await shoot(
    'organiser-sessions',
    '/quan-ly',
    (page) => visibleText(page.getByRole('list', { name: 'Hội nghị có thể sửa' })),
    organiser,
  );
  await shoot(
    'organiser-new-session',
    '/quan-ly/phien/moi',
    (page) => visibleText(page.getByLabel('Tên hội nghị')),
    organiser,
  );
  await shoot(
    'organiser-session-editor',
    `${editor}?muc=thong-tin`,
    (page) => page.getByLabel('Tên hội nghị').waitFor(),
    organiser,
  );
  await shoot(
    'organiser-agenda',
    `${editor}?muc=chuong-trinh`,
    (page) => visibleText(page.getByRole('list', { name: 'Nội dung chương trình' })),
    organiser,
  );
  await shoot(
    'organiser-invitations',
    `${editor}?muc=moi`,
    (page) => visibleText(page.getByText('Đang chọn:')),
    organiser,
  );
  await shoot(
    'organiser-quotas',
    `${editor}?muc=dang-ky`,
    (page) => visibleText(page.getByRole('table', { name: 'Chỉ tiêu theo tỉnh' })),
    organiser,
  );
  await shoot(
    'organiser-moderation',
    `${editor}?muc=duyet`,
    (page) => visibleText(page.getByRole('table', { name: 'Đăng ký của các tỉnh' })),
    organiser,
  );
  await shoot(
    'organiser-reference-data',
    '/quan-ly/danh-muc?loai=nguoi',
    (page) => visibleText(page.getByRole('list', { name: 'Danh sách người' })),
    organiser,
  );
});

it('writes a screenshot of every administrator screen', async () => {
  await shoot(
    'admin-users',
    '/quan-tri/nguoi-dung',
    (page) => visibleText(page.getByRole('list', { name: 'Danh sách người dùng' })),
    inject('admin'),
  );
  await shoot(
    'admin-audit-log',
    '/quan-tri/nhat-ky',
    (page) => visibleText(page.getByRole('table', { name: 'Nhật ký thao tác' })),
    inject('admin'),
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
