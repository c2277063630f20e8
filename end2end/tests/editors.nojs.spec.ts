/**
 * What editors and administrators do through plain HTML forms, with JavaScript off: add, lock,
 * unlock and reset an account; "Bài viết mới"; restoring from the trash.
 */
import { ADMIN, EDITOR, NEWS_CATEGORY, allowNotFoundLog, ensureEditor, expect, loginAs, submitLoginForm, test } from './fixtures';

test('an administrator adds, locks, unlocks and resets an account without JavaScript', async ({ page, newVisitor }) => {
  await ensureEditor(ADMIN.email, ADMIN.password, 'admin');
  await loginAs(page, ADMIN.email, ADMIN.password, '/quan-tri/tai-khoan');
  const email = `khong-js-${Date.now()}@hdnd.vn`;
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Vai trò').selectOption('editor');
  await page.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('mat-khau-ban-dau-1');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/tai-khoan\?kq=da-tao$/);
  await expect(page.locator('.account-result')).toHaveText('Đã tạo tài khoản.');
  const row = page.locator('table.accounts tr', { hasText: email });
  await expect(row).toContainText('Đang hoạt động');

  await row.getByRole('button', { name: 'Khóa' }).click();
  await expect(page).toHaveURL(/kq=da-khoa$/);
  await expect(page.locator('table.accounts tr', { hasText: email })).toContainText('Đã khóa');
  await page.locator('table.accounts tr', { hasText: email }).getByRole('button', { name: 'Mở khóa' }).click();
  await expect(page).toHaveURL(/kq=da-mo$/);
  await expect(page.locator('table.accounts tr', { hasText: email })).toContainText('Đang hoạt động');

  const again = page.locator('table.accounts tr', { hasText: email });
  await again.getByLabel('Mật khẩu mới').fill('mat-khau-dat-lai-2');
  await again.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await expect(page).toHaveURL(/kq=da-dat-lai$/);

  // The new password works; the first one no longer does.
  const other = await newVisitor();
  await other.goto('/dang-nhap');
  await submitLoginForm(other, email, 'mat-khau-ban-dau-1');
  await expect(other.locator('.form-error')).toHaveText('Email hoặc mật khẩu không đúng.');
  await loginAs(other, email, 'mat-khau-dat-lai-2', '/');
});

test('"Bài viết mới" and restoring from the trash work without JavaScript', async ({ page, baseURL, newVisitor }) => {
  await ensureEditor();
  await loginAs(page, EDITOR.email, EDITOR.password, NEWS_CATEGORY.path);
  await page.getByRole('button', { name: 'Bài viết mới' }).click();
  // The server creates a draft and opens it (in edit mode once JavaScript runs).
  await expect(page).toHaveURL(/\/bai-viet\/bai-viet-moi-\d+\?sua=1$/);
  const slug = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expect(page.locator('article.article h1')).toHaveText('Bài viết mới');
  // A draft: visitors get "not found".
  const visitor = await newVisitor();
  allowNotFoundLog(`/bai-viet/${slug}`);
  expect((await visitor.goto(`/bai-viet/${slug}`))?.status()).toBe(404);

  // Trash it (the button needs JavaScript; the server function is the same), then restore it
  // from the trash page's plain form.
  const trashed = await page.request.post('/api/set_trashed', {
    headers: { origin: baseURL! },
    form: { kind: 'article', slug, trashed: 'true' },
  });
  expect(trashed.status()).toBe(200);
  await page.goto('/thung-rac');
  const entry = page.locator('li.trash-item', { has: page.locator(`input[name="slug"][value="${slug}"]`) });
  await expect(entry).toContainText('Bài viết: Bài viết mới');
  await entry.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(page).toHaveURL(/\/thung-rac\??$/);
  await expect(page.locator(`li.trash-item input[name="slug"][value="${slug}"]`)).toHaveCount(0);
  const back = await page.goto(`/bai-viet/${slug}`);
  expect(back?.status()).toBe(200);
  await expect(page.locator('article.article h1')).toHaveText('Bài viết mới');
});
