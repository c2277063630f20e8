import {
  CONTENT_PAGE,
  breadcrumbItems,
  expect,
  gotoHydrated,
  linkInfos,
  mainHeading,
  mainNav,
  test,
} from './fixtures';

test('a content page shows its title and its place under "Giới thiệu"', async ({ page }) => {
  await gotoHydrated(page, CONTENT_PAGE.path);
  await expect(mainHeading(page)).toHaveText(CONTENT_PAGE.title);

  const crumbs = (await breadcrumbItems(page).allTextContents()).map((t) => t.trim());
  expect(crumbs[0]).toBe('Trang chủ');
  expect(crumbs.at(-1)).toBe(CONTENT_PAGE.title);
  expect(crumbs.slice(1, -1), '"Giới thiệu" precedes the page').toContain('Giới thiệu');
  await expect(breadcrumbItems(page).getByRole('link', { name: 'Giới thiệu', exact: true })).toHaveAttribute(
    'href',
    /^\/trang\//,
  );
});

test('"Giới thiệu" lists its child pages, as the menu does', async ({ page }) => {
  await gotoHydrated(page, '/trang/gioi-thieu');
  await expect(mainHeading(page)).toHaveText('Giới thiệu');

  // Direct children of "Giới thiệu" in the menu: the links of the submenu's own items.
  const toggle = mainNav(page)
    .locator('li:not(li li)')
    .filter({ hasText: 'Giới thiệu' })
    .locator('button.submenu-toggle')
    .first();
  const submenuId = await toggle.getAttribute('aria-controls');
  expect(submenuId).toBeTruthy();
  const menuChildren = await page.locator(`[id="${submenuId}"]`).evaluate((ul) =>
    [...ul.children]
      .map((li) => (li.querySelector('a')?.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((label) => label !== ''),
  );
  expect(menuChildren).toContain('Các Tổ đại biểu HĐND tỉnh');
  expect(menuChildren.length).toBeGreaterThanOrEqual(5);

  const childPages = await linkInfos(page.locator('main#noi-dung nav.child-pages a[href]'));
  expect(childPages.map((l) => l.label)).toEqual(expect.arrayContaining(menuChildren));
  for (const child of childPages) expect(child.href).toMatch(/^\//);
});
