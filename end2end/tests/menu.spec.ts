import { expect, gotoHydrated, mainNav, test, type Locator, type Page } from './fixtures';

/** The top-level menu item whose subtree mentions `label` (only "Giới thiệu" contains that text). */
function topLevelItem(page: Page, label: string): Locator {
  return mainNav(page).locator('li:not(li li)').filter({ hasText: label }).first();
}

/** A submenu toggle and the list it controls (through aria-controls). */
async function toggleAndSubmenu(page: Page, label: string): Promise<{ toggle: Locator; submenu: Locator }> {
  const toggle = topLevelItem(page, label).locator('button.submenu-toggle').first();
  const controls = await toggle.getAttribute('aria-controls');
  expect(controls, 'aria-controls of the submenu toggle').toBeTruthy();
  const submenu = page.locator(`[id="${controls}"]`);
  await expect(submenu).toHaveCount(1);
  expect(await submenu.evaluate((el) => el.tagName)).toBe('UL');
  return { toggle, submenu };
}

/** Keeps the pointer away from the menu so hover styles do not open submenus. */
async function parkPointer(page: Page): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.mouse.move(viewport.width - 5, viewport.height - 5);
}

test.describe('desktop menu', () => {
  test('every top-level item with children has a labelled toggle', async ({ page }) => {
    await gotoHydrated(page, '/');
    await expect(page.locator('.menu-button')).toBeHidden();
    await expect(mainNav(page).getByRole('link', { name: 'Trang chủ', exact: true })).toBeVisible();
    const items = mainNav(page).locator('li:not(li li)');
    expect(await items.count()).toBeGreaterThanOrEqual(6);
    for (const item of await items.all()) {
      const hasChildren = (await item.locator('ul').count()) > 0;
      const toggle = item.locator('button.submenu-toggle').first();
      if (!hasChildren) {
        await expect(item.locator('button.submenu-toggle')).toHaveCount(0);
        continue;
      }
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(toggle).toHaveAttribute('aria-controls', /\S/);
      await expect(toggle).toHaveAccessibleName(/\S/);
    }
  });

  test('keyboard: Enter opens a submenu, Escape closes it and returns focus', async ({ page }) => {
    await gotoHydrated(page, '/');
    await parkPointer(page);
    const { toggle, submenu } = await toggleAndSubmenu(page, 'Giới thiệu');
    const firstLink = submenu.locator('a').first();

    await toggle.focus();
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(submenu).toBeVisible();
    await expect(firstLink).toBeVisible();
    await expect(submenu.getByRole('link', { name: 'Các Tổ đại biểu HĐND tỉnh' })).toBeVisible();

    // Escape from the toggle itself.
    await page.keyboard.press('Escape');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(submenu).toBeHidden();
    await expect(toggle).toBeFocused();

    // Escape from inside the submenu returns focus to the toggle.
    await page.keyboard.press('Enter');
    await expect(submenu).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(submenu.locator(':focus')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(submenu).toBeHidden();
  });

  test('hover opens a submenu', async ({ page }) => {
    await gotoHydrated(page, '/');
    await parkPointer(page);
    const { submenu } = await toggleAndSubmenu(page, 'Giới thiệu');
    await expect(submenu).toBeHidden();
    await topLevelItem(page, 'Giới thiệu').hover();
    await expect(submenu).toBeVisible();
  });

  test('a deep menu item is reachable and navigates', async ({ page }) => {
    await gotoHydrated(page, '/');
    const item = topLevelItem(page, 'Giới thiệu');
    await item.hover();
    await item.getByRole('link', { name: 'Các Tổ đại biểu HĐND tỉnh' }).hover();
    const deep = item.getByRole('link', { name: 'Đơn vị huyện Dầu Tiếng và huyện Bàu Bàng' });
    await deep.click();
    await expect(page).toHaveURL(/\/trang\/[^/?#]+$/);
    await expect(page.locator('main#noi-dung h1')).toHaveText('Đơn vị huyện Dầu Tiếng và huyện Bàu Bàng');
  });
});

test.describe('narrow screen menu', () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test('the Menu summary reveals the navigation, Escape folds it again', async ({ page }) => {
    await gotoHydrated(page, '/');
    const fold = mainNav(page).locator('details.menu-fold');
    const summary = fold.locator('summary.menu-button');
    await expect(summary).toBeVisible();
    await expect(summary).toHaveText('Menu');
    await expect(fold).not.toHaveAttribute('open');
    await expect(mainNav(page).locator('a').filter({ visible: true })).toHaveCount(0);

    await summary.click();
    await expect(fold).toHaveAttribute('open');
    await expect(mainNav(page).getByRole('link', { name: 'Trang chủ', exact: true })).toBeVisible();
    await expect(topLevelItem(page, 'Giới thiệu').locator('a').first()).toBeVisible();

    await summary.click();
    await expect(fold).not.toHaveAttribute('open');
    await expect(mainNav(page).locator('a').filter({ visible: true })).toHaveCount(0);

    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(fold).toHaveAttribute('open');
    await page.keyboard.press('Escape');
    await expect(fold).not.toHaveAttribute('open');
    await expect(summary).toBeFocused();
  });

  test('following a menu link folds the menu again', async ({ page }) => {
    await gotoHydrated(page, '/');
    const fold = mainNav(page).locator('details.menu-fold');
    await fold.locator('summary').click();
    await mainNav(page).getByRole('link', { name: 'Giới thiệu', exact: true }).click();
    await expect(page).toHaveURL(/\/trang\/gioi-thieu$/);
    await expect(fold).not.toHaveAttribute('open');
  });
});
