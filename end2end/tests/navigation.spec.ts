import {
  absoluteUrl,
  breadcrumbItems,
  expect,
  expectSameDocument,
  gotoHydrated,
  mainHeading,
  markDocument,
  normalizeText,
  test,
  visibleCategoryLink,
  type Locator,
  type Page,
} from './fixtures';

/**
 * Clicks `link` and checks the app navigated client-side to its href: the URL
 * changed, the heading is no longer `previousHeading`, and the document was
 * not reloaded. Returns the new heading text.
 */
async function followClientSide(page: Page, link: Locator, previousHeading: string): Promise<string> {
  const href = await link.getAttribute('href');
  expect(href, 'link href: a path on this site').toMatch(/^\/(?!\/)/);
  await link.click();
  await expect(page).toHaveURL(absoluteUrl(page, href!));
  await expect(mainHeading(page)).not.toHaveText(previousHeading);
  await expect(mainHeading(page)).toHaveText(/\S/);
  await expectSameDocument(page);
  return normalizeText(await mainHeading(page).textContent());
}

test('menu, article card and breadcrumb navigate client-side', async ({ page }) => {
  await gotoHydrated(page, '/');
  await markDocument(page);
  let heading = normalizeText(await mainHeading(page).textContent());

  // Home → a category from the quick links / top-level menu.
  heading = await followClientSide(page, visibleCategoryLink(page), heading);
  await expect(page).toHaveURL(/\/chuyen-muc\/[^/?#]+$/);

  // Back home through the site title.
  heading = await followClientSide(page, page.locator('header.site-header a.site-title'), heading);
  await expect(page).toHaveURL(absoluteUrl(page, '/'));

  // Home → an article card.
  const card = page.locator('section.latest-articles article.article-card h3 a').first();
  const cardTitle = normalizeText(await card.textContent());
  heading = await followClientSide(page, card, heading);
  await expect(page).toHaveURL(/\/bai-viet\/[^/?#]+$/);
  await expect(page.locator('h1.article-title')).toHaveText(cardTitle);

  // Article → its category through the breadcrumb.
  const categoryCrumb = breadcrumbItems(page).locator('a[href^="/chuyen-muc/"]').last();
  const categoryName = normalizeText(await categoryCrumb.textContent());
  heading = await followClientSide(page, categoryCrumb, heading);
  await expect(mainHeading(page)).toHaveText(categoryName);

  // Category → an article of its list.
  const listed = page.locator('ul.article-list > li a[href^="/bai-viet/"]').first();
  const listedTitle = normalizeText(await listed.textContent());
  heading = await followClientSide(page, listed, heading);
  await expect(page.locator('h1.article-title')).toHaveText(listedTitle);

  // Article → home through the first breadcrumb item.
  await followClientSide(page, breadcrumbItems(page).first().locator('a'), heading);
  await expect(page).toHaveURL(absoluteUrl(page, '/'));
  await expect(page.locator('section.featured-articles')).toBeVisible();
});

test('browser back and forward stay client-side', async ({ page }) => {
  await gotoHydrated(page, '/');
  await markDocument(page);
  const homeHeading = normalizeText(await mainHeading(page).textContent());
  const categoryHeading = await followClientSide(page, visibleCategoryLink(page), homeHeading);
  const categoryUrl = page.url();

  await page.goBack();
  await expect(page).toHaveURL(absoluteUrl(page, '/'));
  await expect(mainHeading(page)).toHaveText(homeHeading);
  await page.goForward();
  await expect(page).toHaveURL(categoryUrl);
  await expect(mainHeading(page)).toHaveText(categoryHeading);
  await expectSameDocument(page);
});

test('a loading indicator shows while a navigation is slow', async ({ page }) => {
  await gotoHydrated(page, '/');
  await markDocument(page);
  const loading = page.locator('.route-loading');
  await expect(loading).toBeHidden();

  const link = visibleCategoryLink(page);
  const href = (await link.getAttribute('href'))!;
  // The next page's HTML takes 1.5 s to arrive.
  await page.route(absoluteUrl(page, href), async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });

  const homeHeading = normalizeText(await mainHeading(page).textContent());
  await link.click();
  await expect(loading).toBeVisible();
  await expect(page).toHaveURL(absoluteUrl(page, href));
  await expect(mainHeading(page)).not.toHaveText(homeHeading);
  await expect(loading).toBeHidden();
  await expectSameDocument(page);
});

test('each page shown client-side is counted once, by the browser, and a search form stays client-side', async ({
  page,
}) => {
  const counts: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/thong-ke/')) counts.push(`${r.method()} ${pathname}`);
  });
  await gotoHydrated(page, '/');
  await markDocument(page);
  const heading = normalizeText(await mainHeading(page).textContent());
  await followClientSide(page, page.locator('section.latest-articles article.article-card h3 a').first(), heading);
  await expect(page.locator('.view-count .view-number')).toHaveText(/^\d{1,3}(\.\d{3})*$/);
  await expect(page.locator('aside .visit-total')).toHaveText(/\d/);

  // The header's search box is a GET form: its answer is swapped in too.
  await page.locator('#header-q').fill('nghị quyết');
  await page.locator('#header-q').press('Enter');
  await expect(page).toHaveURL(/\/tim-kiem\?q=ngh/);
  await expect(mainHeading(page)).toHaveText(/Tìm kiếm/);
  await expectSameDocument(page);
  await expect(page.locator('aside .visit-total')).toHaveText(/\d/);
  // The counting image is for readers without JavaScript: never loaded here.
  await expect.poll(() => counts.length).toBe(3);
  expect(counts).toEqual(['POST /thong-ke/dem', 'POST /thong-ke/dem', 'POST /thong-ke/dem']);
});
