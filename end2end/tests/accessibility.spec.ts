/**
 * WCAG 2.1 AA checks with axe-core on every page type: every public page (lists and detail
 * pages of every record), the 404 page, and the pages and forms of signed-in editors and
 * administrators (the article and record editors, the trash, the accounts page).
 */
import AxeBuilder from '@axe-core/playwright';
import {
  ADMIN,
  EDITOR,
  NOT_FOUND_PATHS,
  SEED_ARTICLE,
  allowNotFoundLog,
  ensureEditor,
  expect,
  gotoHydrated,
  loginAs,
  test,
  type Page,
} from './fixtures';
import { PUBLIC_PAGE_TYPES, firstDetailHref } from './phone-helpers';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
  );
}

for (const type of [...PUBLIC_PAGE_TYPES, { kind: 'category page 2', path: '/chuyen-muc/thong-tin-trong-tinh?trang=2' }]) {
  test(`${type.kind} has no WCAG 2.1 AA violations`, async ({ page, request }) => {
    const path = 'detailOf' in type && type.detailOf ? await firstDetailHref(request, type.detailOf, type.path) : type.path;
    const response = await gotoHydrated(page, path);
    expect(response?.status(), path).toBe(200);
    expect(await violations(page), path).toEqual([]);
  });
}

test('the password reset request page has no WCAG 2.1 AA violations', async ({ page }) => {
  await gotoHydrated(page, '/quen-mat-khau');
  expect(await violations(page)).toEqual([]);
});

test('the outbox of administrators has no WCAG 2.1 AA violations', async ({ page }) => {
  await ensureEditor(ADMIN.email, ADMIN.password, 'admin');
  await loginAs(page, ADMIN.email, ADMIN.password, '/quan-tri/thu-di');
  await expect(page.locator('.outbox-table')).toBeVisible();
  // After the client-side move from the login form, the title follows the page's content.
  await expect(page).toHaveTitle(/^Thư đi/);
  expect(await violations(page)).toEqual([]);
});

test('the 404 page has no WCAG 2.1 AA violations', async ({ page }) => {
  allowNotFoundLog(NOT_FOUND_PATHS[0]);
  const response = await gotoHydrated(page, NOT_FOUND_PATHS[0]);
  expect(response?.status()).toBe(404);
  expect(await violations(page)).toEqual([]);
});

test('the phone layout with the menu open has no WCAG 2.1 AA violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await gotoHydrated(page, '/');
  await page.locator('summary.menu-button').click();
  await expect(page.locator('details.menu-fold')).toHaveAttribute('open');
  expect(await violations(page)).toEqual([]);
});

test('the article in edit mode, with its history, has no WCAG 2.1 AA violations', async ({ page }) => {
  await ensureEditor(EDITOR.email, EDITOR.password);
  await loginAs(page, EDITOR.email, EDITOR.password, SEED_ARTICLE.path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.locator('button.edit-toggle').click();
  await page.getByRole('button', { name: 'Lịch sử' }).click();
  await expect(page.locator('li.revision').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the record forms (with files, and with members) have no WCAG 2.1 AA violations', async ({ page }) => {
  await ensureEditor(EDITOR.email, EDITOR.password);
  await loginAs(page, EDITOR.email, EDITOR.password, '/nghi-quyet/12-2022-nq-hdnd');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('button', { name: 'Sửa nghị quyết' }).click();
  await expect(page.getByRole('form', { name: 'Sửa nghị quyết' })).toBeVisible();
  await expect(page.locator('fieldset.record-files li').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await gotoHydrated(page, '/lich/hdnd');
  await page.getByRole('button', { name: 'Thêm lịch' }).click();
  await expect(page.getByRole('form', { name: 'Thêm lịch' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await gotoHydrated(page, '/co-quan/ban-van-hoa-xa-hoi');
  await expect(page.locator('section.members-editor')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the trash, the accounts page and the audit log have no WCAG 2.1 AA violations', async ({ page }) => {
  await ensureEditor(ADMIN.email, ADMIN.password, 'admin');
  await loginAs(page, ADMIN.email, ADMIN.password, '/thung-rac');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thùng rác');
  // After the client-side move from the login form, the title follows the page's content.
  await expect(page).toHaveTitle(/^Thùng rác/);
  expect(await violations(page)).toEqual([]);
  await gotoHydrated(page, '/quan-tri/tai-khoan');
  await expect(page.locator('table.accounts')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  // The audit log lists this administrator's own login, newest first.
  await page.locator('.editor-bar').getByRole('link', { name: 'Nhật ký' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhật ký thao tác');
  await expect(page.locator('table.audit-table tbody tr').first()).toContainText(ADMIN.email);
  expect(await violations(page)).toEqual([]);
});
