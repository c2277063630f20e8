/**
 * JavaScript disabled: every page is complete as served, links are plain
 * links (full page loads), and forms work through a server round trip.
 */
import {
  CONTENT_PAGE,
  NEWS_CATEGORY,
  NOT_FOUND_PATHS,
  PAGE_TYPES,
  SEED_ARTICLE,
  absoluteUrl,
  articleListItems,
  breadcrumbItems,
  expect,
  expectNotFoundAt,
  expectPageChrome,
  expectPageContent,
  mainHeading,
  mainNav,
  normalizeText,
  pagination,
  test,
  visibleCategoryLink,
  type Locator,
  type Page,
} from './fixtures';

/** Clicks a plain link and checks the browser loaded its href. */
async function follow(page: Page, link: Locator): Promise<void> {
  const href = await link.getAttribute('href');
  expect(href, 'link href: a path on this site').toMatch(/^\/(?!\/)/);
  const response = page.waitForResponse((r) => r.request().isNavigationRequest());
  await link.click();
  expect((await response).status()).toBe(200);
  await expect(page).toHaveURL(absoluteUrl(page, href!));
  await expect(mainHeading(page)).toHaveText(/\S/);
}

test.describe('every page type renders without JavaScript', () => {
  for (const { kind, path } of PAGE_TYPES) {
    test(`${kind} (${path})`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expectPageChrome(page);
      await expectPageContent(page, kind);
      await expect(page.locator('footer.site-footer')).toBeVisible();
    });
  }

  for (const path of NOT_FOUND_PATHS) {
    test(`unknown ${path} is a 404`, async ({ page }) => {
      await expectNotFoundAt(page, path, { hydrate: false });
      await expectPageChrome(page);
    });
  }
});

test('links navigate: menu → category → article → breadcrumb → home', async ({ page }) => {
  await page.goto('/');

  await follow(page, visibleCategoryLink(page));
  await expect(page).toHaveURL(/\/chuyen-muc\/[^/?#]+$/);

  await follow(page, page.locator('header.site-header a.site-title'));
  const card = page.locator('section.latest-articles article.article-card h3 a').first();
  const cardTitle = normalizeText(await card.textContent());
  await follow(page, card);
  await expect(page.locator('h1.article-title')).toHaveText(cardTitle);

  const categoryCrumb = breadcrumbItems(page).locator('a[href^="/chuyen-muc/"]').last();
  const categoryName = normalizeText(await categoryCrumb.textContent());
  await follow(page, categoryCrumb);
  await expect(mainHeading(page)).toHaveText(categoryName);

  const listed = articleListItems(page).locator('a[href^="/bai-viet/"]').first();
  const listedTitle = normalizeText(await listed.textContent());
  await follow(page, listed);
  await expect(page.locator('h1.article-title')).toHaveText(listedTitle);

  await follow(page, breadcrumbItems(page).first().locator('a'));
  await expect(page).toHaveURL(absoluteUrl(page, '/'));
});

test('the menu opens on hover and its deep links work', async ({ page }) => {
  await page.goto('/');
  const item = mainNav(page).locator('li:not(li li)').filter({ hasText: 'Giới thiệu' }).first();
  await item.hover();
  await item.getByRole('link', { name: 'Các Tổ đại biểu HĐND tỉnh' }).hover();
  await follow(page, item.getByRole('link', { name: CONTENT_PAGE.title }));
  await expect(mainHeading(page)).toHaveText(CONTENT_PAGE.title);
});

test('pagination links work', async ({ page }) => {
  await page.goto(NEWS_CATEGORY.path);
  const nav = pagination(page);
  await expect(nav.locator('[aria-current="page"]')).toHaveText('1');

  await follow(page, nav.getByRole('link', { name: 'Trang sau' }));
  await expect(page).toHaveURL(absoluteUrl(page, `${NEWS_CATEGORY.path}?trang=2`));
  await expect(nav.locator('[aria-current="page"]')).toHaveText('2');
  await expect(articleListItems(page)).toHaveCount(10);

  await follow(page, nav.locator('a').filter({ hasText: /^\s*3\s*$/ }));
  await expect(nav.locator('[aria-current="page"]')).toHaveText('3');
  await expect(articleListItems(page)).toHaveCount(NEWS_CATEGORY.articleCount - 20);

  await follow(page, nav.getByRole('link', { name: 'Trang trước' }));
  await expect(nav.locator('[aria-current="page"]')).toHaveText('2');
});

test.describe('share by email without JavaScript', () => {
  const form = (page: Page): Locator => page.locator('form.share-email');

  async function submitShare(page: Page, from: string, to: string): Promise<void> {
    await page.goto(SEED_ARTICLE.path);
    await form(page).getByLabel('Email của bạn').fill(from);
    await form(page).getByLabel('Email người nhận').fill(to);
    const post = page.waitForRequest((r) => r.method() === 'POST');
    await form(page).getByRole('button', { name: 'Gửi email' }).click();
    await post;
    await page.waitForLoadState('load');
  }

  test('an invalid address comes back with "Email không hợp lệ"', async ({ page }) => {
    await submitShare(page, 'khong-phai-email', 'nguoinhan@example.com');
    await expect(form(page).locator('.field-error').filter({ visible: true })).toHaveText([
      /Email không hợp lệ/,
    ]);
    await expect(page.getByText('chưa được gửi')).toHaveCount(0);
  });
});
