import { expect, mainHeading, test } from './fixtures';

test('without JavaScript the language switch and the English pages work too', async ({ page }) => {
  await page.goto('/trang/cac-ban-hdnd');
  await page.locator('header.site-header a.language-switch').click();
  await expect(page).toHaveURL('/en/bodies');
  await expect(mainHeading(page)).toHaveText('Committees and delegate groups');
  await expect(page.locator('article.content-page')).toHaveAttribute('lang', 'en');
  await page.goto('/en');
  await expect(page).toHaveURL('/en/introduction');
  await page.getByRole('link', { name: 'Functions and powers' }).click();
  await expect(mainHeading(page)).toHaveText('Functions and powers');
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await expect(page).toHaveURL('/');
});
