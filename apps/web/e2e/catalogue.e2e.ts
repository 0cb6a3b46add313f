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

const DA_NANG_2024 = 'Hội nghị tập huấn công tác thông tin đối ngoại và nhân quyền năm 2024';

describe('a visitor browsing the catalogue', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('(a) finds the Đà Nẵng 2024 training by typing "da nang", sees "năm 2024", the conflicting counts and a citation', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('Danh mục hội nghị');
    await page.getByLabel('Tìm hội nghị').pressSequentially('da nang', { delay: 30 });
    // Every word must match somewhere, so sessions with "đã" and "nâng cao" come too; the one
    // held in Đà Nẵng ranks first (the Hòa Bình training has the same title).
    const results = page.getByRole('list', { name: 'Kết quả tìm kiếm' });
    const first = results.getByRole('listitem').first().filter({ hasText: 'Đà Nẵng' });
    expect(await visibleText(first)).toContain('năm 2024');
    await expectAccessible(page);
    await first.getByRole('link', { name: DA_NANG_2024 }).click();

    expect(await visibleText(page.getByRole('heading', { level: 1, name: DA_NANG_2024 }))).toBe(DA_NANG_2024);
    expect(await visibleText(page.getByRole('article'))).toContain('Thời gian: năm 2024');
    const counts = page.getByRole('region', { name: 'Số liệu được báo cáo' });
    const countsText = await visibleText(counts);
    expect(countsText).toMatch(/15 tỉnh \(004 ¶10\) · 14 tỉnh \(004 ¶13\)/);
    expect(countsText).toContain('Các nguồn không thống nhất');
    // Organisers carry the name in force at the date, and today's name beside it.
    expect(await visibleText(page.getByRole('region', { name: 'Đơn vị tổ chức' }))).toContain(
      'Ban Tuyên giáo Trung ương (nay là Ban Tuyên giáo và Dân vận Trung ương)',
    );

    await counts.getByRole('button', { name: 'Trích dẫn: nguồn 004, đoạn 10' }).click();
    expect(await visibleText(page.getByRole('tooltip'))).toContain(
      'cho lãnh đạo, cán bộ tại 15 tỉnh, thành phố thuộc khu vực Bắc Trung Bộ',
    );
    await expectAccessible(page);
    await context.close();
  });

  it('filters by guiding document, presenter and organisation, kept in the address', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto('/');
    const status = page.getByRole('status').filter({ hasText: /Tìm thấy|Không tìm thấy/ });
    // As with the keyboard alone: type to narrow the choices, Enter takes the first one.
    const choose = async (label: string, typed: string, option: string) => {
      const box = page.getByRole('combobox', { name: label });
      await box.click();
      await box.pressSequentially(typed, { delay: 20 });
      await page.getByRole('option', { name: option, exact: true }).waitFor({ state: 'attached' });
      await box.press('Enter');
    };

    await choose('Văn bản được quán triệt', '57', 'Kết luận số 57-KL/TW');
    await expect.poll(() => status.first().innerText(), { timeout: 15_000 }).toBe('Tìm thấy 4 hội nghị');
    expect(new URL(page.url()).searchParams.get('van-ban')).toMatch(/^\d+$/);

    await choose('Người trình bày', 'Lại Xuân', 'Lại Xuân Môn');
    await expect.poll(() => status.first().innerText(), { timeout: 15_000 }).toBe('Tìm thấy 1 hội nghị');
    const results = page.getByRole('list', { name: 'Kết quả tìm kiếm' });
    expect(await visibleText(results)).toContain(DA_NANG_2024);
    expect(await visibleText(results)).toContain('năm 2024');

    // The filters combine: the Steering Committee ran the 2023 national conference, where Lại Xuân Môn did not present.
    await choose('Đơn vị tổ chức, trình bày', 'Ban Chỉ đạo Công tác', 'Ban Chỉ đạo Công tác thông tin đối ngoại');
    await expect
      .poll(() => status.first().innerText(), { timeout: 15_000 })
      .toBe('Không tìm thấy hội nghị nào phù hợp.');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    // A shared address carries the filters.
    const fresh = await context.newPage();
    await fresh.goto(page.url());
    await expect
      .poll(
        () =>
          fresh
            .getByRole('status')
            .filter({ hasText: /Tìm thấy|Không tìm thấy/ })
            .first()
            .innerText(),
        {
          timeout: 15_000,
        },
      )
      .toBe('Không tìm thấy hội nghị nào phù hợp.');
    await context.close();
  });

  it('filters by region: sessions that invited it, or were held in or invited one of its provinces', async () => {
    const regions = (await (await apiAs(null, 'GET', '/api/v1/regions')).json()) as { id: number; name: string }[];
    const highlands = regions.find((r) => r.name === 'Tây Nguyên')!;
    const expected = (await (await apiAs(null, 'GET', `/api/v1/sessions?region=${highlands.id}`)).json()) as {
      page: { total: number };
    };
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto('/');
    const status = page.getByRole('status').filter({ hasText: /Tìm thấy|Không tìm thấy/ });
    await visibleText(status);
    const box = page.getByRole('combobox', { name: 'Vùng' });
    await box.click();
    await box.pressSequentially('tay nguyen', { delay: 20 });
    await page.getByRole('option', { name: 'Tây Nguyên', exact: true }).waitFor({ state: 'attached' });
    await box.press('Enter');
    await expect
      .poll(() => status.first().innerText(), { timeout: 15_000 })
      .toBe(`Tìm thấy ${expected.page.total} hội nghị`);
    // The Đà Nẵng training invited the Central Highlands as a region.
    expect(await visibleText(page.getByRole('list', { name: 'Kết quả tìm kiếm' }))).toContain(DA_NANG_2024);
    expect(new URL(page.url()).searchParams.get('vung')).toBe(String(highlands.id));
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });

  it('(b) opens a session page and a person page from a deep link in a fresh tab, on a phone', async () => {
    const found = (await (await apiAs(null, 'GET', '/api/v1/sessions?q=da%20nang')).json()) as {
      items: { id: number }[];
    };
    const sessionId = found.items[0].id;
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`/phien/${sessionId}`);
    expect(await visibleText(page.getByRole('heading', { level: 1, name: DA_NANG_2024 }))).toBe(DA_NANG_2024);
    const agenda = page.getByRole('region', { name: 'Chương trình' });
    expect(await visibleText(agenda)).toContain('Lại Xuân Môn');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    const personHref = await agenda.getByRole('link', { name: 'Lại Xuân Môn' }).getAttribute('href');
    const fresh = await context.newPage();
    await fresh.goto(personHref!);
    expect(await visibleText(fresh.getByRole('heading', { level: 1 }))).toContain('Lại Xuân Môn');
    expect(await visibleText(fresh.getByRole('region', { name: 'Đã trình bày tại' }))).toContain(DA_NANG_2024);
    expect(await visibleText(fresh.getByRole('region', { name: 'Chức vụ theo thời gian' }))).not.toBe('');
    await expectNoHorizontalScroll(fresh);
    await expectAccessible(fresh);

    await fresh.goto('/');
    await visibleText(fresh.getByRole('status').filter({ hasText: 'Tìm thấy' }));
    await expectNoHorizontalScroll(fresh);
    await expectAccessible(fresh);
    await context.close();
  });

  it('shows a Vietnamese 404 page for an unknown address and for a session that does not exist', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    for (const url of ['/trang-khong-ton-tai', '/phien/999999']) {
      await page.goto(url);
      expect(await visibleText(page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }))).toBe(
        'Không tìm thấy trang',
      );
      await expect(page.getByRole('link', { name: 'Về danh mục hội nghị' }).count()).resolves.toBe(1);
    }
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('offers a retry when the network fails, and the retry loads the list', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.route('**/api/v1/sessions?**', (route) => route.abort('internetdisconnected'));
    await page.goto('/');
    const alert = page.getByRole('alert');
    expect(await visibleText(alert)).toContain('Không kết nối được với máy chủ');
    await page.unroute('**/api/v1/sessions?**');
    await alert.getByRole('button', { name: 'Thử lại' }).click();
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'Tìm thấy' }))).toMatch(
      /Tìm thấy \d+ hội nghị/,
    );
    await context.close();
  });
});
