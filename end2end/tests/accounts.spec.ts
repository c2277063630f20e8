/**
 * Account management: administrators create, lock and reset accounts on
 * /quan-tri/tai-khoan; editors are refused.
 */
import { ADMIN, EDITOR, allowConsole, ensureEditor, expect, gotoHydrated, loginAs, test } from './fixtures';

test('an administrator creates and locks an editor account', async ({ page, newVisitor }) => {
  await ensureEditor(ADMIN.email, ADMIN.password, 'admin');
  await loginAs(page, ADMIN.email, ADMIN.password, '/quan-tri/tai-khoan');
  await expect(page.locator('.editor-bar').getByRole('link', { name: 'Tài khoản' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quản lý tài khoản');

  const email = `moi-${Date.now()}@hdnd.vn`;
  const password = 'mat-khau-moi-123';
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Vai trò').selectOption('editor');
  await page.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill(password);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.locator('.account-result')).toHaveText('Đã tạo tài khoản.');
  const row = page.locator('table.accounts tr', { hasText: email });
  await expect(row).toContainText('Biên tập viên');
  await expect(row).toContainText('Đang hoạt động');

  // The new account can sign in…
  const other = await newVisitor();
  await loginAs(other, email, password, '/');

  // …until it is locked, which also ends its session.
  await row.getByRole('button', { name: 'Khóa' }).click();
  await expect(page.locator('.account-result')).toContainText('Đã khóa tài khoản');
  await expect(page.locator('table.accounts tr', { hasText: email })).toContainText('Đã khóa');
  await gotoHydrated(other, '/');
  await expect(other.locator('.editor-bar')).toHaveCount(0);
});

test('editors cannot manage accounts', async ({ page }) => {
  await ensureEditor(EDITOR.email, EDITOR.password);
  await loginAs(page, EDITOR.email, EDITOR.password, '/');
  await expect(page.locator('.editor-bar').getByRole('link', { name: 'Tài khoản' })).toHaveCount(0);
  allowConsole(/status of 403/);
  const response = await page.goto('/quan-tri/tai-khoan');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không có quyền truy cập');
  await expect(page.locator('table.accounts')).toHaveCount(0);
});
