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
import { signIn } from './support/people';
import { adminToken, createUser, vnDay, type Person } from './support/scenario';

/**
 * A report of the genre, in sentences written for this test: a provincial training three days
 * ago, its day written without a year ("Sáng 9/11") and resolved against the published date.
 */
function report(eventDay: string): { text: string; dayMonth: string; year: string } {
  const [year, month, day] = eventDay.split('-');
  const dayMonth = `${Number(day)}/${Number(month)}`;
  const text = [
    'Tập huấn kỹ năng thông tin đối ngoại cho cán bộ cơ sở',
    `Sáng ${dayMonth}, tại Hội trường Trung tâm Hội nghị tỉnh, Ban Tuyên giáo Tỉnh ủy Phú Thọ phối hợp với Sở Ngoại vụ tỉnh tổ chức Hội nghị tập huấn công tác thông tin đối ngoại năm ${year}.`,
    'Chủ trì hội nghị có đồng chí Nguyễn Văn Minh, Phó Trưởng Ban Tuyên giáo Tỉnh ủy.',
    'Tham dự lớp tập huấn có hơn 150 đại biểu là cán bộ làm công tác tuyên giáo, báo chí của các xã, phường trong tỉnh.',
    'Tại hội nghị, đồng chí Trần Thị Hoa, Phó Cục trưởng Cục Thông tin đối ngoại truyền đạt chuyên đề "Kỹ năng cung cấp thông tin cho báo chí nước ngoài".',
    'Các đại biểu cũng được quán triệt Kết luận số 57-KL/TW của Bộ Chính trị về công tác thông tin đối ngoại trong tình hình mới.',
  ].join('\n');
  return { text, dayMonth, year };
}

const EDITED_TITLE = 'Tập huấn kỹ năng thông tin đối ngoại cho cán bộ cơ sở tỉnh Phú Thọ';
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

async function openReview(page: Page, id: number): Promise<void> {
  await page.goto(`/quan-ly/nhap-bai-bao/${id}`);
  await visibleText(page.getByRole('heading', { level: 1, name: 'Xem lại đề xuất từ bài báo' }));
}

describe('an organiser importing a news report of a training', () => {
  let browser: Browser;
  let organiser: Person;
  const published = vnDay(0);
  const article = report(vnDay(-3));

  beforeAll(async () => {
    browser = await launchBrowser();
    organiser = await createUser(await adminToken(), [{ role: 'organiser' }], 'Phạm Thị Nhập Bài');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('(a) pastes a report, sees each field beside its highlighted quote, leaves a fact out and edits the title', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, organiser);
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Quản lý hội nghị' })
      .click();
    await page.getByRole('link', { name: 'Nhập từ bài báo' }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: 'Nhập hội nghị từ bài báo' }));

    // Nothing pasted: stopped at the field, nothing sent.
    await page.getByRole('button', { name: 'Đọc bài' }).click();
    expect(await visibleText(page.getByText('Vui lòng dán nội dung bài báo'))).toContain('Vui lòng dán');

    await page.getByLabel('Nội dung bài báo').fill(article.text);
    // An address that is no URL is refused by the API (400), and the page names the field.
    await page.getByLabel('Địa chỉ bài báo (URL)').fill('bao tinh, muc thoi su');
    await page.getByLabel('Ngày đăng').fill(ddmmyyyy(published));
    await page.getByLabel('Ngày đăng').press('Enter');
    await page.getByRole('button', { name: 'Đọc bài' }).click();
    expect(await visibleText(page.getByText('Địa chỉ bài báo không hợp lệ'))).toContain('http');
    expect(await page.getByLabel('Địa chỉ bài báo (URL)').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await page.getByLabel('Địa chỉ bài báo (URL)').fill('https://baotinh.example.vn/tap-huan-thong-tin-doi-ngoai.html');
    await page.getByLabel('Cơ quan báo chí').fill('Báo tỉnh');
    await page.getByRole('button', { name: 'Đọc bài' }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: 'Xem lại đề xuất từ bài báo' }));

    // The proposed title, and the article with its quotes marked.
    const title = page.getByLabel('Tên hội nghị');
    await expect
      .poll(() => title.inputValue())
      .toBe(`Hội nghị tập huấn công tác thông tin đối ngoại năm ${article.year}`);
    const text = page.getByRole('region', { name: 'Bài báo' });
    expect(await visibleText(text.locator('mark', { hasText: `Sáng ${article.dayMonth}` }))).toBe(
      `Sáng ${article.dayMonth}`,
    );
    expect(await visibleText(text.locator('mark', { hasText: 'hơn 150 đại biểu' }))).toBe('hơn 150 đại biểu');
    // Its day resolved against the published date, and said to be inferred where the year came from the title.
    expect(await page.getByLabel('Ngày bắt đầu').inputValue()).toBe(vnDay(-3));
    // The field the organiser points at lights its quote in the article.
    await page.getByLabel('Địa điểm').hover();
    expect(await visibleText(text.locator('mark.active'))).toContain('Hội trường Trung tâm Hội nghị tỉnh');
    // What the report does not say is left empty, never guessed.
    expect(await visibleText(page.getByRole('region', { name: 'Điểm cầu' }))).toContain('Không có trong bài');

    // The participant count is left out; the title is edited.
    const keepCount = page.getByRole('checkbox', { name: /^Giữ: Số đại biểu: hơn 150 đại biểu/ });
    await keepCount.uncheck();
    expect(await keepCount.isChecked()).toBe(false);
    expect(await visibleText(page.getByRole('region', { name: 'Số liệu' }))).toContain('sẽ bỏ ra');
    await title.fill(EDITED_TITLE);
    expect(await page.getByRole('button', { name: 'Chấp nhận' }).isVisible()).toBe(true);
    await expectAccessible(page);

    // On a phone the article comes below the fields, and nothing scrolls sideways.
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('(b) reads a report from a file, and a file over 512 KiB is refused (413) with the reason', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, organiser);
    await page.goto('/quan-ly/nhap-bai-bao');
    const chooser = page.getByLabel('Hoặc chọn tệp bài báo (.txt, .html)');
    const html = `<html><body><h1>Tin tập huấn</h1>${article.text
      .split('\n')
      .map((line) => `<p>${line}</p>`)
      .join('')}<script>var x = 1;</script></body></html>`;
    await chooser.setInputFiles({ name: 'bai-bao.html', mimeType: 'text/html', buffer: Buffer.from(html) });
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'bai-bao.html' }))).toContain('Đã đọc tệp');
    expect(await page.getByLabel('Nội dung bài báo').inputValue()).toBe(html);

    // A page of navigation padding far over the limit: the API refuses it, the page says why.
    const padding = `${article.text}\n${'Tin liên quan: xem thêm các bài khác của chuyên mục.\n'.repeat(12_000)}`;
    await chooser.setInputFiles({ name: 'qua-dai.txt', mimeType: 'text/plain', buffer: Buffer.from(padding) });
    await page.getByRole('status').filter({ hasText: 'qua-dai.txt' }).waitFor();
    await page.getByRole('button', { name: 'Đọc bài' }).click();
    expect(await visibleText(page.getByRole('alert').filter({ hasText: 'Bài quá dài' }))).toContain('512 KiB');
    await context.close();
  });

  it('(c) accepts the reviewed proposal as a draft with the edited title; a second accept shows what it became', async () => {
    const proposed = await apiAs(organiser.token, 'POST', '/api/v1/imports/articles', {
      text: article.text,
      publishedOn: published,
    });
    expect(proposed.status).toBe(200);
    const { id } = (await proposed.json()) as { id: number };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, organiser);
    // A second tab on the same proposal, left open while the first accepts it.
    const other = await context.newPage();
    await openReview(other, id);
    await openReview(page, id);

    await page.getByRole('checkbox', { name: /^Giữ: Số đại biểu/ }).uncheck();
    await page.getByLabel('Tên hội nghị').fill(EDITED_TITLE);
    await page.getByRole('button', { name: 'Chấp nhận' }).click();
    const sessionLink = page.getByRole('link', { name: 'Mở phiên trong trang quản lý' });
    await visibleText(sessionLink);
    expect(await page.getByRole('button', { name: 'Chấp nhận' }).count()).toBe(0);
    await sessionLink.click();
    await visibleText(page.getByRole('heading', { level: 1, name: EDITED_TITLE }));
    expect(await visibleText(page.getByText('Trạng thái:'))).toContain('Bản nháp');

    // The other tab accepts again: refused (409), it reads the import again and shows the session.
    await other.getByRole('button', { name: 'Chấp nhận' }).click();
    expect(await visibleText(other.getByRole('alert').filter({ hasText: 'đã được chấp nhận' }))).toContain('trước đó');
    await visibleText(other.getByRole('link', { name: 'Mở phiên trong trang quản lý' }));
    await context.close();
  });
});
