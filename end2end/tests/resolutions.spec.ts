/**
 * Nghị quyết: the filtered list (filters in the URL, so it can be shared), a
 * resolution's page and its file, with JavaScript on.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, gotoHydrated, test } from './fixtures';

test('filter by term and validity, then share the URL', async ({ page, newVisitor }) => {
  await gotoHydrated(page, '/');
  await page.getByRole('button', { name: 'Mở menu con: Nghị quyết', exact: true }).click();
  await page.locator('nav.main-nav').getByRole('link', { name: 'Nghị quyết HĐND khóa IX' }).click();
  await expect(page).toHaveURL(/\/nghi-quyet\?khoa=IX$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nghị quyết HĐND khóa IX');
  await expect(page.getByLabel('Khóa')).toHaveValue('IX');

  await page.getByLabel('Hiệu lực').selectOption('het-hieu-luc');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/\/nghi-quyet\?khoa=IX&cap=&nam=&hieu_luc=het-hieu-luc&loai=&sap_xep=moi-nhat$/);
  const rows = page.locator('table.resolutions tbody tr');
  // The old list stays while the new one loads: wait until every row is the filtered kind.
  await expect(rows.filter({ hasNotText: 'Hết hiệu lực' })).toHaveCount(0);
  expect(await rows.count()).toBeGreaterThan(0);

  const shared = page.url();
  const firstNumber = await rows.first().locator('a.resolution-number').textContent();
  const visitor = await newVisitor();
  await gotoHydrated(visitor, shared);
  await expect(visitor.getByLabel('Hiệu lực')).toHaveValue('het-hieu-luc');
  await expect(visitor.locator('table.resolutions tbody tr').first().locator('a.resolution-number')).toHaveText(firstNumber ?? '');
});

test('open a resolution and download its file', async ({ page }) => {
  await gotoHydrated(page, '/nghi-quyet?khoa=X');
  const first = page.locator('table.resolutions tbody tr a.resolution-number').first();
  const number = (await first.textContent()) ?? '';
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Nghị quyết số ${number}`);
  for (const fact of ['Số, ký hiệu', 'Loại văn bản', 'Cơ quan ban hành', 'Người ký', 'Ngày ban hành', 'Ngày hiệu lực', 'Tình trạng hiệu lực']) {
    await expect(page.locator('.resolution-facts')).toContainText(fact);
  }
  const file = page.locator('.resolution-files a').first();
  await expect(page.locator('.resolution-files li').first()).toContainText(/\(\d+(,\d)? (B|KB|MB)\)/);
  const download = page.waitForEvent('download');
  await file.click();
  const saved = await download;
  // Named after the resolution, and the bytes are a PDF of it.
  const slug = new URL(page.url()).pathname.split('/').pop();
  expect(saved.suggestedFilename()).toBe(`${slug}.pdf`);
  const bytes = fs.readFileSync((await saved.path()) ?? '');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(200);
});

test('the resolutions list has no WCAG 2.1 AA violations', async ({ page }) => {
  await gotoHydrated(page, '/nghi-quyet');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
