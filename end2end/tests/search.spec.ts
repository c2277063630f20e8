/**
 * The search with JavaScript on: the header box suggests titles as the visitor types (an
 * ARIA 1.2 combobox: arrow keys, Enter, Escape, a status line for screen readers), and the
 * search page sorts by date, narrows to a date range and offers a corrected query.
 */
import AxeBuilder from '@axe-core/playwright';
import { SEED_ARTICLE, expect, expectSameDocument, gotoHydrated, markDocument, test } from './fixtures';

const BOX = 'Tìm kiếm trên cổng thông tin';

test('the header box suggests titles; arrows, Enter and Escape work from the keyboard', async ({ page }) => {
  await gotoHydrated(page, '/');
  await markDocument(page);
  const box = page.getByRole('combobox', { name: BOX });
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  const answered = page.waitForResponse((r) => r.url().includes('/api/goi-y?q=hoi+nghi'));
  await box.pressSequentially('hoi nghi', { delay: 20 });
  await answered;
  const list = page.getByRole('listbox', { name: 'Gợi ý tìm kiếm' });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(box).toHaveAttribute('aria-controls', 'header-q-list');
  const options = list.getByRole('option');
  await expect(options.first()).toBeVisible();
  const n = await options.count();
  expect(n).toBeGreaterThan(1);
  expect(n).toBeLessThanOrEqual(8);
  await expect(page.locator('.header-search [role="status"]')).toHaveText(`Có ${n} gợi ý; dùng phím mũi tên lên, xuống để chọn.`);
  for (const text of await options.allTextContents()) {
    const folded = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    expect(folded).toMatch(/(^|[^a-z0-9])hoi([^a-z0-9]|$)/);
    expect(folded).toMatch(/(^|[^a-z0-9])nghi/);
  }

  // Down moves to the first option; Up from the first wraps to the last.
  await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'header-q-option-0');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowUp');
  await expect(box).toHaveAttribute('aria-activedescendant', `header-q-option-${n - 1}`);
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false');

  // Escape closes the list, a second Escape clears the box.
  await box.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).not.toHaveAttribute('aria-activedescendant', /.+/);
  await box.press('Escape');
  await expect(box).toHaveValue('');

  // Typing again, choosing the seed article with the arrows and Enter opens it, client-side.
  await box.pressSequentially('trien khai de an thanh ph', { delay: 20 });
  await expect(list).toBeVisible();
  const seed = options.filter({ hasText: SEED_ARTICLE.title });
  await expect(seed).toHaveCount(1);
  await expect(seed).toContainText('Tin bài');
  const index = await options.evaluateAll(
    (els, title) => els.findIndex((el) => (el.textContent ?? '').includes(title)),
    SEED_ARTICLE.title,
  );
  for (let i = 0; i <= index; i++) await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', `header-q-option-${index}`);
  await box.press('Enter');
  await expect(page).toHaveURL(SEED_ARTICLE.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_ARTICLE.title);
  await expectSameDocument(page);
  await expect(list).toBeHidden();
});

test('Enter without a chosen suggestion searches; a click on one opens it', async ({ page }) => {
  await gotoHydrated(page, '/');
  const box = page.getByRole('combobox', { name: BOX });
  await box.pressSequentially('dau tieng', { delay: 20 });
  const list = page.getByRole('listbox', { name: 'Gợi ý tìm kiếm' });
  await expect(list).toBeVisible();
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await box.press('Enter');
  await expect(page).toHaveURL(/\/tim-kiem\?q=dau\+tieng$/);
  await expect(page.locator('li.search-hit').first()).toBeVisible();

  await gotoHydrated(page, '/');
  await page.getByRole('combobox', { name: BOX }).pressSequentially('trien khai de an thanh ph', { delay: 20 });
  await page.getByRole('option').filter({ hasText: SEED_ARTICLE.title }).click();
  await expect(page).toHaveURL(SEED_ARTICLE.path);
  // Fewer than two letters asks for nothing; two do.
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/goi-y')) asked.push(r.url());
  });
  const quiet = page.getByRole('combobox', { name: BOX });
  await quiet.fill('');
  await quiet.pressSequentially('n');
  // Longer than the pause before asking.
  await page.waitForTimeout(400);
  expect(asked).toEqual([]);
  const answered = page.waitForResponse((r) => r.url().includes('/api/goi-y?q=ng'));
  await quiet.pressSequentially('g');
  await answered;
  expect(asked.length).toBe(1);
});

test('the search page sorts by date, narrows to dates and offers a corrected query', async ({ page }) => {
  await gotoHydrated(page, '/tim-kiem?q=nghi+quyet');
  const sort = page.getByRole('navigation', { name: 'Sắp xếp kết quả' });
  await expect(sort.getByRole('link', { name: 'Phù hợp nhất' })).toHaveAttribute('aria-current', 'page');
  await sort.getByRole('link', { name: 'Mới nhất' }).click();
  await expect(page).toHaveURL(/sap-xep=moi-nhat/);
  await expect(sort.getByRole('link', { name: 'Mới nhất' })).toHaveAttribute('aria-current', 'page');
  const days = await page.locator('li.search-hit .hit-kind').allTextContents();
  const numbers = days
    .map((t) => /(\d{2})\/(\d{2})\/(\d{4})/.exec(t))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[3] + m[2] + m[1]));
  expect(numbers.length).toBeGreaterThan(1);
  expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);

  await page.getByLabel('Từ ngày').fill('2022-01-01');
  await page.getByLabel('Đến ngày').fill('2022-12-31');
  await page.getByRole('button', { name: 'Tìm', exact: true }).last().click();
  await expect(page).toHaveURL(/sap-xep=moi-nhat&tu=2022-01-01&den=2022-12-31/);
  await expect(page.locator('p.list-count')).toContainText('từ 01/01/2022 đến 31/12/2022');
  expect(await page.locator('li.search-hit .hit-kind').count()).toBeGreaterThan(0);
  for (const text of await page.locator('li.search-hit .hit-kind').allTextContents()) {
    expect(text).toMatch(/\/2022$/);
  }

  await gotoHydrated(page, '/tim-kiem?q=nghi+quyiet');
  await expect(page.locator('p.list-count')).toContainText('0 kết quả');
  const offer = page.locator('p.did-you-mean');
  await expect(offer).toContainText('Có phải bạn muốn tìm: nghi quyet?');
  await offer.getByRole('link', { name: 'nghi quyet' }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?q=nghi\+quyet$/);
  await expect(page.locator('li.search-hit').first()).toBeVisible();
});
