/** Nghị quyết with JavaScript off: the filter form and the pages still work. */
import { allowNotFoundLog, expect, test } from './fixtures';

test('filtering and opening a resolution work without JavaScript', async ({ page }) => {
  await page.goto('/nghi-quyet');
  await page.getByLabel('Khóa', { exact: true }).selectOption('VIII');
  await page.getByLabel('Cấp', { exact: true }).selectOption('tinh');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/khoa=VIII&cap=tinh/);
  const rows = page.locator('table.resolutions tbody tr');
  await expect(rows.first()).toContainText('HĐND tỉnh Bình Dương');
  await rows.first().locator('a.resolution-number').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nghị quyết số');
  await expect(page.locator('.resolution-files a')).toHaveAttribute('href', /^\/tai-lieu\/[0-9a-f]{64}\.pdf$/);
  allowNotFoundLog('/nghi-quyet?hieu_luc=khong-co');
  const response = await page.goto('/nghi-quyet?hieu_luc=khong-co');
  expect(response?.status()).toBe(404);
});
