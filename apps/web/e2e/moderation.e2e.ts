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

const TITLE = 'Hội nghị tập huấn có duyệt đăng ký';

describe('an organiser moderating registrations', () => {
  let browser: Browser;
  let organiser: Person;
  let delegate: Person;
  let sessionId: number;
  const people = ['Nguyễn Văn Duyệt', 'Trần Thị Từ Chối', 'Lê Văn Cùng Duyệt', 'Phạm Thị Cùng Duyệt'];

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await adminToken();
    const [province] = await currentProvinces();
    organiser = await createUser(admin, [{ role: 'organiser' }], 'Bùi Thị Kiểm Duyệt');
    delegate = await createUser(admin, [{ role: 'province_delegate', provinceId: province.id }], 'Đinh Văn Tỉnh');
    const nextYear = new Date().getFullYear() + 1;
    const created = await apiAs(organiser.token, 'POST', '/api/v1/sessions', {
      title: TITLE,
      kind: 'training_conference',
      startsOn: `${nextYear}-04-20`,
    });
    sessionId = ((await created.json()) as { id: number }).id;
    const at = (path: string) => `/api/v1/sessions/${sessionId}${path}`;
    await apiAs(organiser.token, 'PUT', at('/invitations'), { provinceIds: [province.id] });
    for (const status of ['scheduled', 'registration_open']) {
      await apiAs(organiser.token, 'POST', at('/status'), { status });
    }
    const settings = await apiAs(organiser.token, 'PUT', at('/registration-settings'), {
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      moderated: true,
      quotas: [{ provinceId: province.id, quota: 10 }],
    });
    expect(settings.status).toBe(200);
    for (const fullName of people) {
      const res = await apiAs(delegate.token, 'POST', at('/registrations'), {
        fullName,
        agency: 'Sở Ngoại vụ',
        phone: `09${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('(c) approves one, rejects one with a reason, approves the rest at once; the delegate sees each outcome', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, organiser);
    await page.goto(`/quan-ly/phien/${sessionId}?muc=duyet`);
    const queue = page.getByRole('list', { name: 'Đăng ký chờ duyệt' });
    expect(await visibleText(page.getByRole('heading', { name: /^Chờ duyệt/ }))).toBe('Chờ duyệt (4)');
    expect(await visibleText(queue)).toContain(people[0]);
    await expectAccessible(page);

    await queue.getByRole('button', { name: `Duyệt ${people[0]}` }).click();
    await visibleText(page.getByRole('status').filter({ hasText: `Đã duyệt ${people[0]}.` }));

    await queue.getByRole('button', { name: `Từ chối ${people[1]}` }).click();
    const dialog = page.getByRole('dialog', { name: `Từ chối đăng ký của ${people[1]}` });
    // A rejection needs its reason.
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    expect(await visibleText(dialog.getByText('Vui lòng nhập lý do từ chối.'))).toBe('Vui lòng nhập lý do từ chối.');
    await dialog.getByLabel('Lý do từ chối (tỉnh sẽ thấy)').fill('Không đúng đối tượng tham dự');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: `Đã từ chối ${people[1]}.` }));

    await page.getByRole('heading', { name: 'Chờ duyệt (2)' }).waitFor();
    await page.getByRole('checkbox', { name: 'Chọn tất cả' }).check();
    await page.getByRole('button', { name: 'Duyệt 2 đăng ký đã chọn' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã duyệt 2 đăng ký.' }));
    await page.getByRole('heading', { name: 'Chờ duyệt (0)' }).waitFor();

    // All provinces' registrations, with the reason and each one's trail.
    const all = page.getByRole('table', { name: 'Đăng ký của các tỉnh' });
    const rejectedRow = all.getByRole('row').filter({ hasText: people[1] });
    expect(await visibleText(rejectedRow)).toContain('Bị từ chối');
    expect(await visibleText(rejectedRow)).toContain('Không đúng đối tượng tham dự');
    await rejectedRow.getByRole('button', { name: `Lịch sử đăng ký của ${people[1]}` }).click();
    const trail = page.getByRole('list', { name: 'Các bước của đăng ký' });
    expect(await visibleText(trail)).toContain('Đăng ký');
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    // Searched by the API over every page, accents ignored.
    await page.getByRole('searchbox', { name: 'Tìm theo tên hoặc cơ quan' }).fill('tran tu choi');
    await all.getByRole('row').filter({ hasText: people[0] }).waitFor({ state: 'detached' });
    expect(await all.getByRole('rowheader').allInnerTexts()).toEqual([people[1]]);
    await page.getByRole('searchbox', { name: 'Tìm theo tên hoặc cơ quan' }).fill('so ngoai');
    await all.getByRole('row').filter({ hasText: people[0] }).waitFor();
    expect(await all.getByRole('rowheader').count()).toBe(people.length);
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await context.close();

    // The delegate sees the outcome on part 1's screen.
    const delegatePage = await (await newContext(browser)).newPage();
    await signIn(delegatePage, delegate);
    await delegatePage.goto(`/dai-bieu/phien/${sessionId}`);
    const mine = delegatePage.getByRole('list', { name: 'Đại biểu đã đăng ký' });
    expect(await visibleText(mine.getByRole('listitem').filter({ hasText: people[0] }))).toContain('Đã xác nhận');
    expect(await visibleText(mine.getByRole('listitem').filter({ hasText: people[1] }))).toContain('Bị từ chối');
    expect(await visibleText(mine.getByRole('listitem').filter({ hasText: people[3] }))).toContain('Đã xác nhận');
    await delegatePage.context().close();
  });
});
