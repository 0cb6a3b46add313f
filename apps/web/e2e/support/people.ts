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
  const open = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';
  // A searchable select's list is redrawn as the answers to what was typed arrive: a click that
  // lands while it is redrawn picks nothing and the list stays open, so a person clicks again.
  for (let attempt = 1; ; attempt++) {
    await page.locator(`${open} .ant-select-item-option`).filter({ hasText: option }).first().click();
    try {
      // Until its closing animation ends the list is still in the page (and unnamed, which axe flags).
      await page.waitForFunction((selector) => !document.querySelector(selector), open, { timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

export type { Person };
