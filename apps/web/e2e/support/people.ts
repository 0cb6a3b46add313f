import type { Locator, Page } from 'playwright-core';
import type { Person } from './scenario';

/**
 * Signs in on the sign-in page as a person does; with `next`, arriving there as a link to a
 * page behind sign-in does (`/dang-nhap?tiep=…`).
 */
export async function signIn(page: Page, who: { email: string; password: string }, next?: string): Promise<void> {
  await page.goto(next === undefined ? '/dang-nhap' : `/dang-nhap?tiep=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor({ timeout: 15_000 });
}

/**
 * Picks an option in an antd select: opens it, types (for searchable ones) and clicks the option
 * by its text, as a person does with a mouse.
 */
export async function choose(page: Page, field: Locator, option: string, typed?: string): Promise<void> {
  await field.click();
  if (typed !== undefined) await field.pressSequentially(typed, { delay: 20 });
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
  // Until its closing animation ends the list is still in the page (and unnamed, which axe flags).
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}

export type { Person };
