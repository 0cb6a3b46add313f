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
import { choose, signIn } from './support/people';
import { adminToken, createUser, type Person } from './support/scenario';

describe('an organiser keeping people, organisations and documents', () => {
  let browser: Browser;
  let organiser: Person;

  beforeAll(async () => {
    browser = await launchBrowser();
    organiser = await createUser(await adminToken(), [{ role: 'organiser' }], 'Hà Thị Danh Mục');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a person found without accents; deleting one still presenting lists where, as links', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, organiser);
    await page.goto('/quan-ly');
    await page.getByRole('link', { name: 'Người, tổ chức, văn bản' }).click();
    await visibleText(page.getByRole('heading', { level: 1, name: 'Người, tổ chức, văn bản' }));

    await page.getByLabel('Họ và tên').fill('Đặng Thị Thuyết Trình');
    await page.getByLabel('Học hàm, học vị').fill('TS');
    await page.getByRole('button', { name: 'Thêm người' }).click();
    await page.getByLabel('Tìm người (không cần dấu)').fill('dang thi thuyet');
    const list = page.getByRole('list', { name: 'Danh sách người' });
    await list.getByRole('link', { name: 'TS Đặng Thị Thuyết Trình' }).waitFor();
    await expectAccessible(page);

    // Make them a presenter in a session, then try to delete them.
    const people = (await (await apiAs(null, 'GET', '/api/v1/people?q=dang%20thi%20thuyet')).json()) as {
      items: { id: number }[];
    };
    const personId = people.items[0].id;
    const session = (await (
      await apiAs(organiser.token, 'POST', '/api/v1/sessions', {
        title: 'Hội nghị có người trình bày',
        kind: 'workshop',
        startsOn: `${new Date().getFullYear() + 1}-05-05`,
      })
    ).json()) as { id: number };
    const item = await apiAs(organiser.token, 'POST', `/api/v1/sessions/${session.id}/agenda`, {
      kind: 'topic',
      title: 'Chuyên đề có người trình bày',
      presenters: [{ personId }],
    });
    expect(item.status).toBe(201);

    // A post recorded by mistake can be removed from the person's posts.
    const post = await apiAs(organiser.token, 'POST', `/api/v1/people/${personId}/positions`, {
      title: 'Phó Vụ trưởng ghi nhầm',
      validFrom: `${new Date().getFullYear() - 2}-03-01`,
    });
    expect(post.status).toBe(201);
    await list.getByRole('button', { name: 'Chức vụ của Đặng Thị Thuyết Trình' }).click();
    const postsDialog = page.getByRole('dialog', { name: 'Chức vụ của Đặng Thị Thuyết Trình' });
    const recorded = postsDialog.getByRole('list', { name: 'Chức vụ đã ghi nhận' });
    expect(await visibleText(recorded)).toContain(`Phó Vụ trưởng ghi nhầm (từ 01/03/${new Date().getFullYear() - 2})`);
    await expectAccessible(page);
    await recorded.getByRole('button', { name: 'Bỏ chức vụ Phó Vụ trưởng ghi nhầm' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Bỏ' }).click();
    await visibleText(postsDialog.getByText('Chưa ghi nhận chức vụ nào.'));
    const after = (await (await apiAs(null, 'GET', `/api/v1/people/${personId}`)).json()) as { positions: unknown[] };
    expect(after.positions).toEqual([]);
    await page.keyboard.press('Escape');
    await postsDialog.waitFor({ state: 'hidden' });

    await list.getByRole('button', { name: 'Xóa Đặng Thị Thuyết Trình' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Xóa' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Chưa xóa được vì còn được dùng ở:' });
    const where = refused.getByRole('list', { name: 'Còn được dùng ở' });
    const link = where.getByRole('link', { name: '1 lần trình bày trong chương trình hội nghị' });
    expect(await link.getAttribute('href')).toBe(`/?nguoi=${personId}`);
    await expectAccessible(page);

    // Organisations and documents: listed and searchable too.
    await page.getByRole('navigation', { name: 'Loại danh mục' }).getByRole('link', { name: 'Văn bản' }).click();
    await page.getByLabel('Loại văn bản').fill('Kết luận');
    await page.getByLabel('Số hiệu', { exact: true }).fill('99-KL/TW');
    await page
      .getByLabel('Trích yếu', { exact: true })
      .fill('Về tăng cường công tác thông tin đối ngoại trong tình hình mới');
    await page.getByRole('button', { name: 'Thêm văn bản' }).click();
    await page.getByLabel('Tìm theo số hiệu hoặc trích yếu').fill('99-KL');
    // The list follows the search as one types (debounced): wait for it rather than read it at once.
    const documents = page.getByRole('list', { name: 'Danh sách văn bản' });
    await documents.getByRole('link', { name: 'Kết luận 99-KL/TW' }).waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes('Nghị quyết 47/NQ-CP'));
    expect(await documents.getByRole('listitem').count()).toBe(1);
    // Its fields can be corrected afterwards: the dialog opens with what was saved.
    await documents.getByRole('button', { name: 'Sửa Kết luận 99-KL/TW' }).click();
    const editDocument = page.getByRole('dialog', { name: 'Sửa Kết luận 99-KL/TW' });
    expect(await editDocument.getByLabel('Trích yếu').inputValue()).toBe(
      'Về tăng cường công tác thông tin đối ngoại trong tình hình mới',
    );
    await editDocument.getByLabel('Số hiệu').fill('99A-KL/TW');
    await editDocument.getByLabel('Ngày ban hành').fill(`${new Date().getFullYear() - 1}-03-08`);
    await expectAccessible(page);
    await editDocument.getByRole('button', { name: 'Lưu' }).click();
    await page.getByLabel('Tìm theo số hiệu hoặc trích yếu').fill('99A-KL');
    await documents.getByRole('link', { name: 'Kết luận 99A-KL/TW' }).waitFor();
    expect(await visibleText(documents)).toContain(`(08/03/${new Date().getFullYear() - 1})`);
    await page
      .getByRole('navigation', { name: 'Loại danh mục' })
      .getByRole('link', { name: 'Cơ quan, tổ chức' })
      .click();
    await page.getByLabel('Tìm theo tên hiện nay hoặc tên cũ').fill('tuyen giao');
    expect(await visibleText(page.getByRole('list', { name: 'Danh sách cơ quan, tổ chức' }))).toContain('Tuyên giáo');
    // An organisation's kind and parent can be corrected: a unit filed as "other" goes under Tuyên giáo.
    const created = await apiAs(organiser.token, 'POST', '/api/v1/organisations', {
      name: 'Phòng Thông tin đối ngoại thử nghiệm',
      kind: 'other',
    });
    const unit = (await created.json()) as { id: number };
    await page.getByLabel('Tìm theo tên hiện nay hoặc tên cũ').fill('thong tin doi ngoai thu nghiem');
    const organisations = page.getByRole('list', { name: 'Danh sách cơ quan, tổ chức' });
    await organisations.getByRole('button', { name: 'Sửa Phòng Thông tin đối ngoại thử nghiệm' }).click();
    const editUnit = page.getByRole('dialog', { name: 'Sửa Phòng Thông tin đối ngoại thử nghiệm' });
    await choose(page, editUnit.getByLabel('Loại'), 'Cơ quan Đảng');
    await choose(page, editUnit.getByLabel('Trực thuộc'), 'Tuyên giáo', 'tuyen giao');
    await expectAccessible(page);
    await editUnit.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForFunction(() =>
      document.body.innerText.includes('Phòng Thông tin đối ngoại thử nghiệm – Cơ quan Đảng'),
    );
    const saved = (await (await apiAs(null, 'GET', `/api/v1/organisations/${unit.id}`)).json()) as {
      kind: string;
      parentId: number | null;
    };
    expect(saved.kind).toBe('party_body');
    const parent = (await (await apiAs(null, 'GET', `/api/v1/organisations/${saved.parentId}`)).json()) as {
      name: string;
    };
    expect(parent.name).toContain('Tuyên giáo');
    await expectAccessible(page);
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
