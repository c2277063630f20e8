import {
  SITE_MAP_PATH,
  expect,
  gotoHydrated,
  isInternalHref,
  linkInfos,
  mainHeading,
  mainNav,
  quickLinks,
  test,
  type LinkInfo,
  type Page,
} from './fixtures';

const key = ({ label, href }: LinkInfo): string => `${label} → ${href}`;

test('the site map lists every menu item and every category', async ({ page }) => {
  await gotoHydrated(page, SITE_MAP_PATH);
  await expect(mainHeading(page)).toHaveText('Sơ đồ trang');

  const menu = await linkInfos(mainNav(page).locator('a[href]'));
  expect(menu.length, 'menu links').toBeGreaterThanOrEqual(30);
  for (const label of [
    'Giới thiệu',
    'Đơn vị huyện Dầu Tiếng và huyện Bàu Bàng',
    'Nhiệm vụ, Quyền hạn và Thành viên Ban Pháp chế',
    'Ban Pháp chế',
    'Nghị quyết HĐND khóa IX',
  ]) {
    expect(menu.map((l) => l.label), `menu contains "${label}"`).toContain(label);
  }

  const siteMap = await linkInfos(page.locator('main#noi-dung a[href]'));
  const siteMapKeys = new Set(siteMap.map(key));
  const missing = menu.filter((link) => !siteMapKeys.has(key(link))).map(key);
  expect(missing, 'menu items missing from the site map').toEqual([]);

  // Every category linked from anywhere in the chrome is on the site map.
  const chromeCategories = await page
    .locator(
      'nav.main-nav a[href^="/chuyen-muc/"], nav.quick-links a[href^="/chuyen-muc/"], footer.site-footer a[href^="/chuyen-muc/"]',
    )
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const categoryHrefs = new Set([...chromeCategories, '/chuyen-muc/hoat-dong', '/chuyen-muc/thong-tin-trong-tinh']);
  const siteMapHrefs = new Set(siteMap.map((l) => l.href));
  const missingCategories = [...categoryHrefs].filter((href) => !siteMapHrefs.has(href));
  expect(missingCategories, 'categories missing from the site map').toEqual([]);
});

/** Requests every distinct internal href and lists those not answering 200. */
async function brokenLinks(page: Page, links: LinkInfo[]): Promise<string[]> {
  const hrefs = [...new Set(links.map((l) => l.href).filter(isInternalHref))];
  expect(hrefs.length, 'internal links to check').toBeGreaterThan(0);
  const broken: string[] = [];
  for (const href of hrefs) {
    const response = await page.request.get(href);
    if (response.status() !== 200) broken.push(`${href} → ${response.status()}`);
  }
  return broken;
}

test('every link of the menu, quick links and site map answers 200', async ({ page }) => {
  test.setTimeout(90_000);
  await gotoHydrated(page, SITE_MAP_PATH);
  const links = [
    ...(await linkInfos(mainNav(page).locator('a[href]'))),
    ...(await linkInfos(quickLinks(page).locator('a[href]'))),
    ...(await linkInfos(page.locator('main#noi-dung a[href]'))),
  ];
  expect(await brokenLinks(page, links)).toEqual([]);
});

test('every internal link of the footer and the sidebar answers 200', async ({ page }) => {
  test.setTimeout(90_000);
  await gotoHydrated(page, '/');
  const links = [
    ...(await linkInfos(page.locator('footer.site-footer a[href]'))),
    ...(await linkInfos(page.locator('aside.sidebar a[href]'))),
  ];
  expect(await brokenLinks(page, links)).toEqual([]);
});
