/**
 * Phones with JavaScript off: the menu is folded in the server's HTML and opens without
 * JavaScript, and every public page type shows its title on the first screen.
 */
import { expect, mainHeading, mainNav, test } from './fixtures';
import { firstDetailHref, PHONE, PUBLIC_PAGE_TYPES } from './phone-helpers';

test.use({ viewport: PHONE });

test('the folded menu opens and closes without JavaScript', async ({ page }) => {
  await page.goto('/');
  const fold = mainNav(page).locator('details.menu-fold');
  await expect(fold).not.toHaveAttribute('open');
  await expect(mainNav(page).locator('a').filter({ visible: true })).toHaveCount(0);
  await fold.locator('summary').click();
  await expect(fold).toHaveAttribute('open');
  await expect(mainNav(page).getByRole('link', { name: 'Trang chủ', exact: true })).toBeVisible();
  // Without JavaScript every sub-menu is laid out open inside the fold.
  await expect(mainNav(page).getByRole('link', { name: 'Đơn vị thành phố Dĩ An' })).toBeVisible();
  await fold.locator('summary').click();
  await expect(fold).not.toHaveAttribute('open');
});

test('every page type shows its title on the first screen', async ({ page, request }) => {
  for (const type of PUBLIC_PAGE_TYPES) {
    const path = type.detailOf ? await firstDetailHref(request, type.detailOf, type.path) : type.path;
    await page.goto(path);
    const box = await mainHeading(page).boundingBox();
    expect(box, `h1 of ${path}`).not.toBeNull();
    expect(box!.y + box!.height, `bottom of the h1 of ${path}`).toBeLessThanOrEqual(PHONE.height);
  }
});
