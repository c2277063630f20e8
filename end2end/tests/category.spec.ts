import {
  NEWS_CATEGORY,
  absoluteUrl,
  articleListItems,
  breadcrumbItems,
  expect,
  expectNotFoundAt,
  expectSameDocument,
  gotoHydrated,
  itemHrefs,
  mainHeading,
  markDocument,
  pagination,
  test,
  type Page,
} from './fixtures';

const PAGE_SIZE = 10;

/** Checks the list of the page currently shown and returns its article hrefs. */
async function expectListPage(page: Page, pageNumber: number, expectedItems: number): Promise<string[]> {
  await expect(mainHeading(page)).toHaveText(NEWS_CATEGORY.name);
  const items = articleListItems(page);
  await expect(items).toHaveCount(expectedItems);
  for (const item of await items.all()) {
    await expect(item.locator('a[href^="/bai-viet/"]').first()).toBeVisible();
    await expect(item.locator('time')).toHaveCount(1);
  }
  await expect(pagination(page).locator('[aria-current="page"]')).toHaveText(String(pageNumber));
  return itemHrefs(items);
}

/** The pagination link whose text is the page number `n`. */
const pageLink = (page: Page, n: number) =>
  pagination(page).locator('a').filter({ hasText: new RegExp(`^\\s*${n}\\s*$`) });

/** datetime attributes of the list items, in display order. */
function itemDates(page: Page): Promise<string[]> {
  return articleListItems(page)
    .locator('time')
    .evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
}

test('pagination of "Thông tin trong tỉnh": 10 + 10 + 3, newest first', async ({ page }) => {
  await gotoHydrated(page, NEWS_CATEGORY.path);
  await markDocument(page);
  const firstPage = await expectListPage(page, 1, PAGE_SIZE);
  const dates = await itemDates(page);

  const nav = pagination(page);
  await expect(pageLink(page, 2)).toHaveAttribute('href', /[?&]trang=2\b/);
  await expect(pageLink(page, 3)).toHaveAttribute('href', /[?&]trang=3\b/);
  await expect(nav.getByRole('link', { name: 'Trang trước' })).toHaveCount(0);

  // "Trang sau" leads to page 2, client-side.
  await nav.getByRole('link', { name: 'Trang sau' }).click();
  await expect(page).toHaveURL(absoluteUrl(page, `${NEWS_CATEGORY.path}?trang=2`));
  await expect(nav.locator('[aria-current="page"]')).toHaveText('2');
  const secondPage = await expectListPage(page, 2, PAGE_SIZE);
  dates.push(...(await itemDates(page)));
  await expectSameDocument(page);

  await pageLink(page, 3).click();
  await expect(page).toHaveURL(absoluteUrl(page, `${NEWS_CATEGORY.path}?trang=3`));
  const thirdPage = await expectListPage(page, 3, NEWS_CATEGORY.articleCount - 2 * PAGE_SIZE);
  dates.push(...(await itemDates(page)));
  await expect(nav.getByRole('link', { name: 'Trang sau' })).toHaveCount(0);

  const all = [...firstPage, ...secondPage, ...thirdPage];
  expect(new Set(all).size, 'no article appears on two pages').toBe(NEWS_CATEGORY.articleCount);

  const times = dates.map((d) => new Date(d).getTime());
  expect(times.every((t) => !Number.isNaN(t)), 'every item has a datetime').toBe(true);
  expect(times, 'newest first').toEqual([...times].sort((a, b) => b - a));

  // "Trang trước" from page 3 goes back to page 2.
  await nav.getByRole('link', { name: 'Trang trước' }).click();
  await expect(page).toHaveURL(absoluteUrl(page, `${NEWS_CATEGORY.path}?trang=2`));
  expect(await expectListPage(page, 2, PAGE_SIZE)).toEqual(secondPage);
});

test('page 2 loaded directly matches page 2 reached by a click', async ({ page }) => {
  await gotoHydrated(page, NEWS_CATEGORY.path);
  await pagination(page).getByRole('link', { name: 'Trang sau' }).click();
  await expect(page).toHaveURL(absoluteUrl(page, `${NEWS_CATEGORY.path}?trang=2`));
  const clicked = await expectListPage(page, 2, PAGE_SIZE);

  await gotoHydrated(page, `${NEWS_CATEGORY.path}?trang=2`);
  expect(await expectListPage(page, 2, PAGE_SIZE)).toEqual(clicked);
  await expect(pagination(page).getByRole('link', { name: 'Trang trước' })).toBeVisible();
});

for (const bad of ['99', 'abc']) {
  test(`?trang=${bad} is a 404`, async ({ page }) => {
    await expectNotFoundAt(page, `${NEWS_CATEGORY.path}?trang=${bad}`, { hydrate: true });
  });
}

test('a parent category lists its whole subtree and links its children', async ({ page }) => {
  await gotoHydrated(page, NEWS_CATEGORY.parentPath);
  await expect(mainHeading(page)).toHaveText(NEWS_CATEGORY.parentName);
  await expect(breadcrumbItems(page).first()).toHaveText('Trang chủ');
  await expect(breadcrumbItems(page).last()).toHaveText(NEWS_CATEGORY.parentName);

  const children = page.locator('nav.subcategories');
  await expect(children.getByRole('link', { name: NEWS_CATEGORY.name, exact: true })).toHaveAttribute(
    'href',
    NEWS_CATEGORY.path,
  );

  // The subtree holds at least the 23 articles of "Thông tin trong tỉnh".
  await expect(articleListItems(page)).toHaveCount(PAGE_SIZE);
  await expect(pageLink(page, 3)).toBeVisible();
});
