import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  apiAs,
  expectAccessible,
  expectNoHorizontalScroll,
  launchBrowser,
  newContext,
  visibleText,
} from './support/browser';
import {
  adminToken,
  checkInCode,
  createUser,
  currentProvinces,
  deskSession,
  vnDay,
  type DeskScenario,
  type Person,
} from './support/scenario';

const TITLE = 'Hội nghị tập huấn công tác nhân quyền năm nay';
const PEOPLE: [string, string][] = [
  ['Nguyễn Thị Ánh Tuyết', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['Trần Văn Đông', 'Ban Tuyên giáo và Dân vận Tỉnh ủy'],
  ['Lê Thị Hồng Nhung', 'Công an tỉnh'],
  ['Phạm Quốc Việt', 'Sở Ngoại vụ'],
];

interface Statistics {
  byProvince: { key: string; provinceId: number | null; confirmed: number; attended: number }[];
}

async function signIn(context: BrowserContext, person: Person): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/dang-nhap');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Mật khẩu').fill(person.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
  return page;
}

async function downloadFrom(page: Page, group: Locator, button: string): Promise<{ name: string; body: Buffer }> {
  const [download] = (await Promise.all([
    page.waitForEvent('download'),
    group.getByRole('button', { name: button }).click(),
  ])) as [Download, unknown];
  return { name: download.suggestedFilename(), body: readFileSync((await download.path())!) };
}

async function pdfFirstPage(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  return content.items
    .map((item) => ('str' in item ? item.str : ''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('attendance list, exports and statistics of a session', () => {
  let browser: Browser;
  let scenario: DeskScenario;
  let otherProvince: { id: number; name: string };
  let zeroProvince: { id: number; name: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    const provinces = await currentProvinces();
    // Provinces no other browser journey invites: their lists and counts are this file's alone.
    otherProvince = provinces[12];
    zeroProvince = provinces[13];
    scenario = await deskSession(TITLE, PEOPLE, { provinceIndex: 11, extraInvited: [12, 13] });
    const { coordinator, sessionId, partId } = scenario;
    // Another province's person, whom our delegate's export must not show.
    const admin = await adminToken();
    const otherDelegate = await createUser(
      admin,
      [{ role: 'province_delegate', provinceId: otherProvince.id }],
      'Tỉnh Khác',
    );
    const other = await apiAs(otherDelegate.token, 'POST', `/api/v1/sessions/${sessionId}/registrations`, {
      fullName: 'Hoàng Văn Khác Tỉnh',
      agency: 'Sở Nội vụ',
      phone: '0977 000 111',
    });
    const otherId = ((await other.json()) as { id: number }).id;
    const scan = (body: object) =>
      apiAs(coordinator.token, 'POST', `/api/v1/sessions/${sessionId}/parts/${partId}/check-ins`, body);
    for (const id of [scenario.people[0].id, scenario.people[1].id, otherId]) {
      expect((await scan({ code: await checkInCode(coordinator.token, id) })).status).toBe(201);
    }
    expect((await scan({ code: 'khongcomanaynaodau' })).status).toBe(422);
    const absence = await apiAs(coordinator.token, 'POST', `/api/v1/sessions/${sessionId}/parts/${partId}/absences`, {
      registrationId: scenario.people[2].id,
      kind: 'excused',
      reason: 'Ốm, có giấy xin phép',
    });
    expect(absence.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the attendance table of a part with filters, and the refused scans in a second tab, on a phone', async () => {
    const context = await newContext(browser, PHONE);
    const page = await signIn(context, scenario.coordinator);
    await page.goto(`/dieu-phoi/phien/${scenario.sessionId}/danh-sach`);
    const table = page.getByRole('table', { name: 'Danh sách điểm danh của buổi' });
    expect(await visibleText(table)).toContain('Nguyễn Thị Ánh Tuyết');
    expect(await table.innerText()).toContain('Vắng có phép');
    const statusFilter = page.getByRole('combobox', { name: 'Lọc theo trạng thái' });
    await statusFilter.click();
    await page.getByRole('option', { name: 'Có mặt', exact: true }).waitFor({ state: 'attached' });
    await statusFilter.press('Enter');
    await page.locator('.ant-select-dropdown').first().waitFor({ state: 'hidden' });
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'người' }))).toBe('3 / 5 người');
    await page.getByRole('textbox', { name: 'Tìm trong danh sách theo tên hoặc cơ quan' }).fill('tran van dong');
    expect(await visibleText(page.getByRole('status').filter({ hasText: 'người' }))).toBe('1 / 5 người');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    await page.getByRole('tab', { name: 'Lượt quét bị từ chối (1)' }).click();
    const refused = page.getByRole('table', { name: 'Lượt quét bị từ chối' });
    expect(await visibleText(refused)).toContain('Mã không hợp lệ');
    expect(await refused.innerText()).toContain('khongc…');
    await expectAccessible(page);
    await context.close();
  });

  it('(d) downloads CSV, XLSX and the PDF sign-in sheet with the server file names, diacritics intact', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await signIn(context, scenario.coordinator);
    await page.goto(`/dieu-phoi/phien/${scenario.sessionId}/danh-sach`);
    const whole = page.getByRole('group', { name: 'Xuất cả hội nghị' });
    await visibleText(whole);

    const csv = await downloadFrom(page, whole, 'Tải CSV');
    expect(csv.name).toBe(`Danh sách điểm danh - ${TITLE}.csv`);
    const csvText = csv.body.toString('utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    for (const [name] of PEOPLE) expect(csvText).toContain(name.normalize('NFC'));
    expect(csvText).toContain('Hoàng Văn Khác Tỉnh');

    const xlsx = await downloadFrom(page, whole, 'Tải Excel (XLSX)');
    expect(xlsx.name).toBe(`Danh sách điểm danh - ${TITLE}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    for (const [name] of PEOPLE) expect(cells).toContain(name);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain(otherProvince.name);

    const pdf = await downloadFrom(page, whole, 'Tải danh sách ký (PDF)');
    expect(pdf.name).toBe(`Danh sách điểm danh - ${TITLE}.pdf`);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const firstPage = await pdfFirstPage(pdf.body);
    expect(firstPage).toContain(TITLE);
    expect(firstPage).toContain('Nguyễn Thị Ánh Tuyết');

    // One part only: the same file for that part's records.
    const part = page.getByRole('group', { name: 'Xuất buổi đang chọn' });
    const partCsv = await downloadFrom(page, part, 'Tải CSV');
    expect(partCsv.body.toString('utf8')).toContain('Trần Văn Đông');
    await expectAccessible(page);
    await context.close();
  });

  it("(d) a province delegate downloads their province's list only", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await signIn(context, scenario.delegate);
    await page.goto(`/dai-bieu/phien/${scenario.sessionId}`);
    const group = page.getByRole('group', { name: 'Xuất danh sách điểm danh' });
    await visibleText(group);
    const csv = await downloadFrom(page, group, 'Tải CSV');
    const text = csv.body.toString('utf8');
    expect(text).toContain('Nguyễn Thị Ánh Tuyết');
    expect(text).not.toContain('Hoàng Văn Khác Tỉnh');
    await context.close();
  });

  it('(e) the statistics page shows province bars matching the API, invited provinces with nobody included', async () => {
    const stats = (await (
      await apiAs(scenario.coordinator.token, 'GET', `/api/v1/sessions/${scenario.sessionId}/statistics`)
    ).json()) as Statistics;
    const context = await newContext(browser, DESKTOP);
    const page = await signIn(context, scenario.coordinator);
    await page.goto(`/dieu-phoi/phien/${scenario.sessionId}/thong-ke`);
    const chart = page.locator('[data-chart="theo-tinh"]');
    await chart.locator('.recharts-bar-rectangle').first().waitFor({ state: 'visible', timeout: 15_000 });
    // The bars' own value labels and the axis names, in chart order, against the API's numbers.
    const names = await chart.locator('text.chart-name').allTextContents();
    const attended = await chart.locator('text.value-attended').allTextContents();
    const confirmed = await chart.locator('text.value-confirmed').allTextContents();
    expect(names).toEqual(stats.byProvince.map((p) => p.key));
    // A zero draws no bar (and no number on it): the province stays on the axis and in the table.
    const drawn = (values: number[]) => values.filter((n) => n > 0);
    expect(attended.map(Number)).toEqual(drawn(stats.byProvince.map((p) => p.attended)));
    expect(confirmed.map(Number)).toEqual(drawn(stats.byProvince.map((p) => p.confirmed)));
    expect(names).toContain(zeroProvince.name);
    expect(stats.byProvince.find((p) => p.key === zeroProvince.name)?.confirmed).toBe(0);

    const table = page.getByRole('table', { name: /Theo tỉnh, thành phố/ });
    const row = table.getByRole('row', { name: new RegExp(`^${otherProvince.name}`) });
    expect(await visibleText(row)).toBe(`${otherProvince.name} 1 1`);
    await expectAccessible(page);

    // Figures across sessions are for staff with an unscoped grant: the session's coordinator has no link.
    expect(await page.getByRole('link', { name: 'Theo tỉnh qua các năm' }).count()).toBe(0);
    await context.close();
  });

  it('(e) an organiser reads provinces × years as a heat table, with the 2025 roll-up switch', async () => {
    const year = Number(vnDay(-1).slice(0, 4));
    const rows = (await (
      await apiAs(scenario.organiser.token, 'GET', '/api/v1/statistics/provinces?rollUp=true')
    ).json()) as { provinceName: string; year: number; peopleAttended: number }[];
    const years = [...new Set(rows.map((r) => r.year))].sort();
    const expected = rows.find((r) => r.provinceName === otherProvince.name && r.year === year)!;
    expect(expected.peopleAttended).toBeGreaterThanOrEqual(1);

    const context = await newContext(browser, DESKTOP);
    const page = await signIn(context, scenario.organiser);
    await page.getByRole('link', { name: 'Điều phối' }).click();
    await page.getByRole('link', { name: 'Thống kê theo tỉnh, thành phố qua các năm' }).click();
    const heat = page.getByRole('table', {
      name: 'Số người có mặt theo tỉnh, thành phố và năm (gộp theo đơn vị 2025)',
    });
    const row = heat.getByRole('row', { name: new RegExp(`^${otherProvince.name}`) });
    const cells = (await visibleText(row)).replace(otherProvince.name, '').trim().split(' ');
    expect(Number(cells[years.indexOf(year)])).toBe(expected.peopleAttended);
    await expectAccessible(page);

    await page.getByLabel('Gộp các đơn vị cũ vào đơn vị hành chính 2025').click();
    await visibleText(page.getByRole('table', { name: 'Số người có mặt theo tỉnh, thành phố và năm' }));
    await context.close();
  });
});
