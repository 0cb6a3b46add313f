import type { Browser, Page } from 'playwright-core';
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
import { choose, signIn } from './support/people';
import { adminToken, createUser, type Person } from './support/scenario';
import { formatInstant } from '../src/shared/format';

const REGION = 'Trung du và miền núi phía Bắc';
const TITLE = 'Hội nghị tập huấn công tác thông tin đối ngoại vùng Trung du và miền núi phía Bắc';

/** A day `days` from today as YYYY-MM-DD (Việt Nam time). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
}

async function openTab(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Các mục của hội nghị' });
  await nav.getByRole('link', { name }).click();
  await nav.locator('[aria-current="page"]', { hasText: name }).waitFor();
}

async function agendaTitles(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Nội dung chương trình' });
  await list.waitFor();
  return (await list.locator(':scope > li strong').allInnerTexts()).map((t) => t.replace(/^\d+\.\s*/, ''));
}

describe('an organiser planning a training', () => {
  let browser: Browser;
  let admin: string;
  let organiser: Person;
  let delegate: Person;
  let regionUnits: { id: number; name: string }[];
  const startsOn = dayFromNow(40);

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await adminToken();
    organiser = await createUser(admin, [{ role: 'organiser' }], 'Trần Thị Tổ Chức');
    // The units of the region in force on the session's day, as the API resolves them.
    const res = await apiAs(null, 'GET', `/api/v1/provinces?at=${startsOn}&limit=100`);
    const all = ((await res.json()) as { items: { id: number; name: string; regionName: string }[] }).items;
    regionUnits = all.filter((p) => p.regionName === REGION);
    expect(regionUnits.length).toBeGreaterThan(3);
    delegate = await createUser(
      admin,
      [{ role: 'province_delegate', provinceId: regionUnits[0].id }],
      'Hoàng Văn Đầu Mối',
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('(a) creates a draft with three agenda items (a presenter created inline), invites a region, sets quotas, publishes, opens registration; an invited delegate sees it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, organiser);
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Quản lý hội nghị' })
      .click();
    await visibleText(page.getByRole('heading', { level: 1, name: 'Quản lý hội nghị' }));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tạo hội nghị mới' }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: 'Tạo hội nghị mới' }));

    // A save without a title is stopped at the field.
    await page.getByRole('button', { name: 'Tạo bản nháp' }).click();
    expect(await visibleText(page.getByText('Vui lòng nhập tên hội nghị'))).toContain('Vui lòng nhập tên hội nghị');
    await page.getByLabel('Tên hội nghị').fill(TITLE);
    await page.getByLabel('Ngày bắt đầu').fill(startsOn);
    await choose(page, page.getByLabel('Buổi'), 'Buổi sáng');
    await page.getByLabel('Địa điểm').fill('Hội trường Tỉnh ủy');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tạo bản nháp' }).click();

    // The editor opens on the agenda; the draft is listed nowhere public.
    await visibleText(page.getByRole('heading', { level: 1, name: TITLE }));
    const sessionId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(sessionId).toBeGreaterThan(0);
    expect(await visibleText(page.getByText('Trạng thái:'))).toContain('Bản nháp');
    const publicList = await apiAs(null, 'GET', `/api/v1/sessions?q=${encodeURIComponent('Trung du va mien nui')}`);
    expect(JSON.stringify(await publicList.json())).not.toContain(TITLE);

    const adding = page.getByRole('region', { name: 'Thêm nội dung' });
    const addItem = async (title: string, kind?: string) => {
      if (kind) await choose(page, page.getByLabel('Loại nội dung'), kind);
      await page.getByLabel('Tên nội dung').fill(title);
      await page.getByRole('button', { name: 'Thêm vào chương trình' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Đã thêm «${title}».` })
        .waitFor({ state: 'attached' });
    };
    await addItem('Khai mạc hội nghị', 'Phát biểu khai mạc');
    // The second item's presenter does not exist yet: created without leaving the agenda.
    await page.getByLabel('Tên nội dung').fill('Chuyên đề về công tác thông tin đối ngoại');
    await page.getByLabel('Bắt đầu lúc').fill('08:30');
    await page.getByLabel('Kết thúc lúc').fill('10:00');
    await page.getByRole('button', { name: 'Thêm người trình bày mới…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm người trình bày mới' });
    await dialog.getByLabel('Họ và tên').fill('Lê Thị Trình Bày');
    await dialog.getByLabel('Học hàm, học vị').fill('PGS.TS');
    await dialog.getByLabel('Chức vụ').fill('Phó Vụ trưởng');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Thêm người' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Thêm vào chương trình' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Đã thêm «Chuyên đề về công tác thông tin đối ngoại».' })
      .waitFor({ state: 'attached' });
    await addItem('Thảo luận và kết luận', 'Thảo luận');
    void adding;

    expect(await agendaTitles(page)).toEqual([
      'Phát biểu khai mạc: Khai mạc hội nghị',
      'Chuyên đề: Chuyên đề về công tác thông tin đối ngoại',
      'Thảo luận: Thảo luận và kết luận',
    ]);
    const agenda = page.getByRole('list', { name: 'Nội dung chương trình' });
    expect(await visibleText(agenda.getByRole('listitem').nth(1))).toContain(
      'Trình bày: PGS.TS Lê Thị Trình Bày (Phó Vụ trưởng)',
    );
    await expectAccessible(page);

    // Reorder with the keyboard: the focus stays on the moved item's button.
    const down = page.getByRole('button', { name: 'Đưa «Khai mạc hội nghị» xuống' });
    await down.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'đến vị trí 2' }).waitFor({ state: 'attached' });
    expect((await agendaTitles(page))[1]).toBe('Phát biểu khai mạc: Khai mạc hội nghị');
    await page.waitForFunction(() => document.activeElement?.textContent === 'Xuống');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await page
      .getByRole('status')
      .filter({ hasText: '«Khai mạc hội nghị» đến vị trí 1' })
      .waitFor({ state: 'attached' });
    expect((await agendaTitles(page))[0]).toBe('Phát biểu khai mạc: Khai mạc hội nghị');
    // ... and by dragging the last item onto the first.
    const rows = agenda.locator(':scope > li');
    await rows.nth(2).dragTo(rows.nth(0));
    await page
      .getByRole('status')
      .filter({ hasText: '«Thảo luận và kết luận» đến vị trí 1' })
      .waitFor({ state: 'attached' });
    expect((await agendaTitles(page))[0]).toBe('Thảo luận: Thảo luận và kết luận');

    // Invite the region: its count is of the units in force on the session's day.
    await openTab(page, 'Mời dự và điểm cầu');
    const regionBox = page.getByRole('checkbox', { name: `Cả vùng ${REGION} (${regionUnits.length} tỉnh)` });
    await regionBox.check();
    expect(await visibleText(page.getByText('Đang chọn:'))).toContain(`${regionUnits.length} tỉnh`);
    await page.getByRole('button', { name: 'Lưu danh sách mời' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: `Đã lưu: mời ${regionUnits.length} tỉnh` }));
    await page.getByLabel('Tên điểm cầu').fill(`Điểm cầu ${regionUnits[1].name}`);
    await page.getByRole('button', { name: 'Thêm điểm cầu' }).click();
    await visibleText(page.getByRole('list', { name: 'Danh sách điểm cầu' }));
    await expectAccessible(page);

    // Quotas: one for every province, then one changed; the totals row adds them up.
    await openTab(page, 'Đăng ký và chỉ tiêu');
    await page.getByLabel('Chỉ tiêu chung').fill('5');
    await page.getByRole('button', { name: 'Áp dụng cho mọi tỉnh' }).click();
    await page.getByLabel(`Chỉ tiêu ${regionUnits[0].name}`).fill('3');
    const table = page.getByRole('table', { name: 'Chỉ tiêu theo tỉnh' });
    const totals = table.locator('tfoot tr');
    const expected = 3 + 5 * (regionUnits.length - 1);
    expect(await visibleText(totals)).toBe(`Tổng cộng ${expected} 0 0 0 ${expected}`);
    await page.getByRole('button', { name: 'Lưu thiết lập đăng ký' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã lưu thiết lập đăng ký.' }));
    await expectAccessible(page);

    // Publish, then open registration: only the moves allowed from each state are offered.
    expect(await page.getByRole('button', { name: 'Mở đăng ký' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Công bố (lên lịch)' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã thực hiện: Công bố (lên lịch).' }));
    expect(await visibleText(page.getByText('Trạng thái:'))).toContain('Đã lên lịch');
    await page.getByRole('button', { name: 'Mở đăng ký' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã thực hiện: Mở đăng ký.' }));
    expect(await visibleText(page.getByText('Trạng thái:'))).toContain('Đang mở đăng ký');
    expect(await page.getByRole('button', { name: 'Xóa hội nghị' }).count()).toBe(0);
    await expectAccessible(page);

    // Readable on a phone.
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await openTab(page, 'Chương trình');
    await expectNoHorizontalScroll(page);
    await context.close();

    // A delegate of an invited province sees it with the province's quota (part 1's screen).
    const delegateContext = await newContext(browser);
    const delegatePage = await delegateContext.newPage();
    await signIn(delegatePage, delegate);
    await delegatePage.goto('/dai-bieu');
    const list = delegatePage.getByRole('list', { name: 'Hội nghị đang mở đăng ký' });
    expect(await visibleText(list)).toContain(TITLE);
    await list.getByRole('link', { name: TITLE }).click();
    await visibleText(delegatePage.getByRole('heading', { level: 1, name: TITLE }));
    expect(await visibleText(delegatePage.getByRole('region', { name: 'Chỉ tiêu của tỉnh' }))).toContain('3');
    await delegateContext.close();
  });

  it('(b) two organisers edit the same session: the second save is told what changed and reloads', async () => {
    const other = await createUser(admin, [{ role: 'organiser' }], 'Phạm Văn Phối Hợp');
    const created = await apiAs(organiser.token, 'POST', '/api/v1/sessions', {
      title: 'Hội nghị sửa cùng lúc',
      kind: 'workshop',
      startsOn: dayFromNow(60),
    });
    const { id } = (await created.json()) as { id: number };

    const first = await (await newContext(browser)).newPage();
    const second = await (await newContext(browser)).newPage();
    await signIn(first, organiser);
    await signIn(second, other);
    for (const page of [first, second]) {
      await page.goto(`/quan-ly/phien/${id}`);
      await page.getByLabel('Tên hội nghị').waitFor();
    }
    await first.getByLabel('Tên hội nghị').fill('Hội nghị sửa cùng lúc (bản của người thứ nhất)');
    await first.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await visibleText(first.getByRole('status').filter({ hasText: 'Đã lưu thông tin hội nghị.' }));

    await second.getByLabel('Địa điểm').fill('Nhà khách Trung ương');
    await second.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const stale = second.getByRole('alert').filter({ hasText: 'thay đổi của bạn chưa được lưu' });
    // It names who saved in between and when (Vietnam time), as the session's audit trail has it.
    const audit = (await (
      await apiAs(admin, 'GET', `/api/v1/audit-log?sessionId=${id}&action=session.updated&limit=1`)
    ).json()) as { items: { at: string }[] };
    expect(await visibleText(stale)).toContain(
      `Trần Thị Tổ Chức đã sửa lúc ${formatInstant(audit.items[0].at)}, sau khi bạn mở hội nghị này`,
    );
    expect(await visibleText(stale.getByRole('list', { name: 'Thay đổi của người khác' }))).toBe(
      'Tên hội nghị: «Hội nghị sửa cùng lúc» → «Hội nghị sửa cùng lúc (bản của người thứ nhất)»',
    );
    await expectAccessible(second);
    // Nothing of the stale save was written.
    const now = (await (await apiAs(organiser.token, 'GET', `/api/v1/sessions/${id}`)).json()) as {
      venueName: string | null;
    };
    expect(now.venueName ?? null).toBeNull();

    await stale.getByRole('button', { name: 'Tải lại bản mới nhất' }).click();
    expect(await second.getByLabel('Tên hội nghị').inputValue()).toBe('Hội nghị sửa cùng lúc (bản của người thứ nhất)');
    await second.getByLabel('Địa điểm').fill('Nhà khách Trung ương');
    await second.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await visibleText(second.getByRole('status').filter({ hasText: 'Đã lưu thông tin hội nghị.' }));
    const saved = (await (await apiAs(organiser.token, 'GET', `/api/v1/sessions/${id}`)).json()) as {
      title: string;
      venueName: string;
    };
    expect(saved).toEqual(
      expect.objectContaining({
        title: 'Hội nghị sửa cùng lúc (bản của người thứ nhất)',
        venueName: 'Nhà khách Trung ương',
      }),
    );
    // Emptying the venue and saving clears it (it is not kept because the field was left empty).
    // The saved notice is already on screen from the save before: wait for this save's answer.
    await second.getByLabel('Địa điểm').fill('');
    const cleared = second.waitForResponse(
      (res) => res.url().endsWith(`/api/v1/sessions/${id}`) && res.request().method() === 'PATCH',
    );
    await second.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect((await cleared).status()).toBe(200);
    await visibleText(second.getByRole('status').filter({ hasText: 'Đã lưu thông tin hội nghị.' }));
    const emptied = (await (await apiAs(organiser.token, 'GET', `/api/v1/sessions/${id}`)).json()) as {
      venueName: string | null;
      title: string;
    };
    expect(emptied).toEqual(
      expect.objectContaining({ venueName: null, title: 'Hội nghị sửa cùng lúc (bản của người thứ nhất)' }),
    );
    await second.reload();
    expect(await second.getByLabel('Địa điểm').inputValue()).toBe('');
    await first.context().close();
    await second.context().close();
  });

  it('adds, edits and removes a part (buổi) of a session, and cancels a session only with a reason', async () => {
    const created = await apiAs(organiser.token, 'POST', '/api/v1/sessions', {
      title: 'Hội nghị có hai buổi',
      kind: 'training_conference',
      startsOn: dayFromNow(50),
    });
    const { id } = (await created.json()) as { id: number };
    const page = await (await newContext(browser)).newPage();
    await signIn(page, organiser);
    await page.goto(`/quan-ly/phien/${id}?muc=buoi`);
    await page.getByLabel('Tên buổi').fill('Sáng');
    await page.getByLabel('Bắt đầu', { exact: true }).fill(`${dayFromNow(50)}T08:00`);
    await page.getByLabel('Kết thúc', { exact: true }).fill(`${dayFromNow(50)}T11:30`);
    await page.getByRole('button', { name: 'Thêm buổi' }).click();
    const parts = page.getByRole('list', { name: 'Các buổi' });
    expect(await visibleText(parts)).toContain('Sáng: 08:00');
    await parts.getByRole('button', { name: 'Sửa buổi Sáng' }).click();
    await page.getByLabel('Tên buổi').fill('Buổi sáng');
    await page.getByRole('button', { name: 'Lưu buổi' }).click();
    await parts.getByText('Buổi sáng:').waitFor();
    await expectAccessible(page);
    await parts.getByRole('button', { name: 'Xóa buổi Buổi sáng' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Xóa' }).click();
    await visibleText(page.getByText('Chưa có buổi nào.'));

    await page.getByRole('button', { name: 'Hủy hội nghị' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hủy hội nghị' });
    await dialog.getByRole('button', { name: 'Hủy hội nghị' }).click();
    expect(await visibleText(dialog.getByText('Vui lòng nhập lý do hủy.'))).toBe('Vui lòng nhập lý do hủy.');
    await dialog.getByLabel('Lý do hủy (bắt buộc, các tỉnh được mời sẽ thấy)').fill('Trùng lịch hội nghị toàn quốc');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Hủy hội nghị' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã thực hiện: Hủy hội nghị.' }));
    expect(await visibleText(page.getByText('Trạng thái:'))).toContain('Đã hủy');
    await page.getByRole('button', { name: 'Xóa hội nghị' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Xóa' }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: 'Quản lý hội nghị' }));
    expect((await apiAs(organiser.token, 'GET', `/api/v1/sessions/${id}`)).status).toBe(404);
    await page.context().close();
  });

  it('names the organisers (chủ trì, phối hợp), found by a name typed without accents', async () => {
    const created = await apiAs(organiser.token, 'POST', '/api/v1/sessions', {
      title: 'Hội nghị có đơn vị tổ chức',
      kind: 'training_conference',
      startsOn: dayFromNow(45),
    });
    const { id } = (await created.json()) as { id: number };
    const page = await (await newContext(browser)).newPage();
    await signIn(page, organiser);
    await page.goto(`/quan-ly/phien/${id}?muc=don-vi`);
    await choose(page, page.getByLabel('Tìm cơ quan, tổ chức'), 'Ban Tuyên giáo', 'tuyen giao');
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    const list = page.getByRole('list', { name: 'Đơn vị tổ chức' });
    const lead = await visibleText(list.getByRole('listitem').first());
    expect(lead).toContain('Tuyên giáo');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Lưu đơn vị tổ chức' }).click();
    await visibleText(page.getByRole('status').filter({ hasText: 'Đã lưu đơn vị tổ chức.' }));
    const saved = (await (await apiAs(organiser.token, 'GET', `/api/v1/sessions/${id}`)).json()) as {
      organisers: { role: string; currentName: string }[];
    };
    expect(saved.organisers).toEqual([expect.objectContaining({ role: 'lead' })]);
    expect(saved.organisers[0].currentName).toContain('Tuyên giáo');
    await page.context().close();
  });
});
