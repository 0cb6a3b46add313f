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

async function daNangSessionId(): Promise<number> {
  const found = (await (await apiAs(null, 'GET', '/api/v1/sessions?q=da%20nang')).json()) as {
    items: { id: number }[];
  };
  return found.items[0].id;
}

describe('organisation, document and calendar pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the organiser from the session page and sees its names over time and the sessions it organised, on a phone', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`/phien/${await daNangSessionId()}`);
    const organisers = page.getByRole('region', { name: 'Đơn vị tổ chức' });
    await organisers.getByRole('link', { name: 'Ban Tuyên giáo Trung ương' }).click();

    expect(
      await visibleText(
        page.getByRole('heading', { level: 1, name: 'Ban Tuyên giáo và Dân vận Trung ương', exact: true }),
      ),
    ).toBe('Ban Tuyên giáo và Dân vận Trung ương');
    const names = await visibleText(page.getByRole('region', { name: 'Tên gọi theo thời gian' }));
    expect(names).toContain('Ban Tuyên giáo Trung ương đến 07/03/2025');
    expect(names).toContain('Ban Tuyên giáo và Dân vận Trung ương từ 08/03/2025 (tên hiện nay)');
    const sessions = page.getByRole('region', { name: 'Hội nghị đã tổ chức hoặc tham gia' });
    expect(await visibleText(sessions)).toContain(
      `${DA_NANG_2024} (năm 2024): Chủ trì, khi đó mang tên Ban Tuyên giáo Trung ương`,
    );
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });

  it('opens a guiding document from the session page: number, kind, date and every session that covered it', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`/phien/${await daNangSessionId()}`);
    await page
      .getByRole('region', { name: 'Văn bản được quán triệt' })
      .getByRole('link', { name: 'Kết luận số 57-KL/TW' })
      .click();

    expect(await visibleText(page.getByRole('heading', { level: 1, name: 'Kết luận số 57-KL/TW', exact: true }))).toBe(
      'Kết luận số 57-KL/TW',
    );
    const facts = await visibleText(page.getByRole('article'));
    expect(facts).toContain('Loại văn bản: Kết luận');
    expect(facts).toContain('Ngày ban hành: 15/06/2023');
    const covered = page.getByRole('region', { name: 'Được quán triệt tại' });
    expect(await visibleText(covered)).toContain(DA_NANG_2024);
    expect(
      await covered.getByRole('link', { name: /Hội nghị toàn quốc nghiên cứu, triển khai nội dung Kết luận/ }).count(),
    ).toBeGreaterThan(0);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    // A deep link in a fresh tab works too.
    const fresh = await context.newPage();
    await fresh.goto(page.url());
    expect(await visibleText(fresh.getByRole('heading', { level: 1, name: 'Kết luận số 57-KL/TW', exact: true }))).toBe(
      'Kết luận số 57-KL/TW',
    );
    await context.close();
  });

  it('shows the 2024 calendar by month, the year-only session apart as "năm 2024", and the iCal subscription link', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Lịch' }).click();
    expect(
      await visibleText(
        page.getByRole('heading', { level: 1, name: `Lịch hội nghị năm ${new Date().getFullYear()}`, exact: true }),
      ),
    ).toBe(`Lịch hội nghị năm ${new Date().getFullYear()}`);
    await page.goto('/lich?nam=2025');
    await page.getByRole('navigation', { name: 'Chọn năm' }).getByRole('button', { name: '← Năm 2024' }).click();
    expect(
      await visibleText(page.getByRole('heading', { level: 1, name: 'Lịch hội nghị năm 2024', exact: true })),
    ).toBe('Lịch hội nghị năm 2024');
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'Năm 2024 có' }))).toBe(
      'Năm 2024 có 2 hội nghị',
    );
    // Hòa Bình is known to the day (7/8/2024), Đà Nẵng only to the year: not put in any month.
    expect(await visibleText(page.getByRole('region', { name: 'Tháng 8/2024' }))).toContain(
      `07/08/2024: ${DA_NANG_2024}`,
    );
    const unknown = page.getByRole('region', { name: 'Năm 2024, chưa rõ tháng' });
    expect(await visibleText(unknown)).toContain(`năm 2024: ${DA_NANG_2024}`);

    const subscribe = page.getByRole('region', { name: 'Theo dõi lịch trên điện thoại, máy tính' });
    const href = await subscribe.getByRole('link', { name: /\/api\/v1\/sessions\.ics$/ }).getAttribute('href');
    expect(href).toBe('/api/v1/sessions.ics');
    const feed = await apiAs(null, 'GET', href!);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });
});
