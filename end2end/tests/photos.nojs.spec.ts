/**
 * Thư viện ảnh without JavaScript: the library lists its albums, a thumbnail leads to the
 * photo's own page, and that page leads on through the album and back.
 */
import { expect, test } from './fixtures';

const ALBUM = '/thu-vien-anh/ky-hop-thu-hai-muoi-hdnd-tinh-khoa-x';

test('without JavaScript each photo has its own page, linked from its thumbnail', async ({ page }) => {
  await page.goto('/');
  await page.locator('footer').getByRole('link', { name: 'Thư viện ảnh' }).click();
  await expect(page).toHaveURL('/thu-vien-anh');
  await page.getByRole('link', { name: /Kỳ họp thứ Hai mươi/ }).click();
  await expect(page).toHaveURL(ALBUM);
  await page.locator('.photo-grid a.photo-link').nth(2).click();
  await expect(page).toHaveURL(new RegExp(`^.*${ALBUM}/\\d+$`));
  await expect(page.locator('h1')).toHaveText('Phiên chất vấn và trả lời chất vấn (ảnh minh họa)');
  await expect(page.locator('.photo-page .album-meta')).toContainText('Ảnh 3 / 4');
  await expect(page.locator('.photo-figure img')).toHaveAttribute('sizes', /100vw/);
  await page.getByRole('link', { name: 'Ảnh sau ›' }).click();
  await expect(page.locator('h1')).toHaveText('Bế mạc kỳ họp (ảnh minh họa)');
  await expect(page.getByRole('link', { name: 'Ảnh sau ›' })).toHaveCount(0);
  await page.getByRole('link', { name: '‹ Ảnh trước' }).click();
  await expect(page.locator('.photo-page .album-meta')).toContainText('Ảnh 3 / 4');
  await page.getByRole('link', { name: /Cả album/ }).click();
  await expect(page).toHaveURL(ALBUM);
  // The viewer is the browser's business: without JavaScript it never shows.
  await expect(page.locator('dialog.photo-viewer')).toBeHidden();
});
