import {
  NEWS_CATEGORY,
  SEED_ARTICLE,
  SITE_SUFFIX,
  breadcrumbItems,
  escapeRegExp,
  expect,
  expectPageChrome,
  gotoHydrated,
  parseCount,
  test,
  type Locator,
  type Page,
} from './fixtures';

test.describe('seed article', () => {
  test.beforeEach(async ({ page }) => {
    await gotoHydrated(page, SEED_ARTICLE.path);
  });

  test('title, date, breadcrumb and metadata', async ({ page }) => {
    await expectPageChrome(page);
    await expect(page).toHaveTitle(
      new RegExp(`^${escapeRegExp(SEED_ARTICLE.title)}.*${escapeRegExp(SITE_SUFFIX)}$`),
    );

    const article = page.locator('article.article');
    await expect(article.locator('h1.article-title')).toHaveText(SEED_ARTICLE.title);

    const date = article.locator('time.article-date');
    await expect(date).toHaveText('Thứ 2, 20/06/2022');
    const datetime = await date.getAttribute('datetime');
    expect(datetime, 'ISO-8601 datetime attribute').toMatch(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/);
    expect(dayInVietnam(datetime!)).toBe('2022-06-20');

    await expect(breadcrumbItems(page)).toHaveText(['Trang chủ', 'Hoạt động', NEWS_CATEGORY.name]);
  });

  test('lead, figure, body, source and share count', async ({ page }) => {
    const article = page.locator('article.article');
    await expect(article.locator('p.article-lead')).toHaveText(
      /^Từ năm 2016, Bình Dương đã mạnh dạn đổi mới mô hình phát triển/,
    );

    const figure = article.locator('figure.article-figure');
    await expect(figure.locator('img')).toHaveAttribute('alt', /\S/);
    await expect(figure.locator('figcaption')).toHaveText(
      'Vùng thông minh Bình Dương là 1 trong những cộng đồng có chiến lược phát triển thành phố thông minh tiêu biểu trên thế giới năm 2021',
    );

    const subheadings = await article.locator('div.article-body h2').allTextContents();
    expect(subheadings.map((h) => h.trim())).toEqual(
      expect.arrayContaining(['Liên tiếp 4 lần được ICF vinh danh', 'Khẳng định sự phát triển']),
    );

    await expect(article.locator('p.article-source')).toHaveText('Theo Báo Bình Dương Online');
    // The seed's 2 shares, plus those the mail tests of this run have sent.
    await expect(page.locator('.share-count')).toHaveText(/^Chia sẻ: \d+$/);
    expect(parseCount(await page.locator('.share-count strong').textContent())).toBeGreaterThanOrEqual(2);
  });

  test('related articles ("Bài đã đăng")', async ({ page }) => {
    const related = page.locator('section.related-articles');
    await expect(related.getByRole('heading', { name: /Bài đã đăng/ })).toBeVisible();
    const items = related.locator('li');
    await expect(items).toHaveCount(10);
    for (const item of await items.all()) {
      await expect(item.locator('a[href^="/bai-viet/"]')).toHaveCount(1);
      await expect(item.locator('time')).toHaveCount(1);
    }
    await expect(items.first().locator('a')).toHaveText(
      'Chủ động tiên phong phát triển khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số',
    );
    await expect(items.first().locator('time')).toHaveText('16/05/2025 09:41');
  });
});

test.describe('share by email', () => {
  const form = (page: Page): Locator => page.locator('form.share-email');
  const fromField = (page: Page): Locator => form(page).getByLabel('Email của bạn');
  const toField = (page: Page): Locator => form(page).getByLabel('Email người nhận');
  const submit = (page: Page): Locator => form(page).getByRole('button', { name: 'Gửi email' });

  /**
   * Names of the inputs that have a visible, non-empty `.field-error` next to
   * them: the error's nearest ancestor holding exactly one input, or, in a flat
   * layout, the input just before the error.
   */
  function fieldsWithError(page: Page): Promise<string[]> {
    return form(page).evaluate((formEl) => {
      const inputs = [...formEl.querySelectorAll<HTMLInputElement>('input[name]')];
      const errors = [...formEl.querySelectorAll<HTMLElement>('.field-error')].filter(
        (el) => el.getClientRects().length > 0 && (el.textContent ?? '').trim() !== '',
      );
      return errors.map((error) => {
        for (let node = error.parentElement; node && node !== formEl; node = node.parentElement) {
          const inside = inputs.filter((input) => node!.contains(input));
          if (inside.length === 1) return inside[0].name;
          if (inside.length > 1) break;
        }
        const before = inputs.filter(
          (input) => (input.compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
        );
        return before.at(-1)?.name ?? '?';
      });
    });
  }

  test.beforeEach(async ({ page }) => {
    await gotoHydrated(page, SEED_ARTICLE.path);
    await expect(form(page)).toHaveAttribute('novalidate');
    await expect(fromField(page)).toHaveAttribute('name', 'from');
    await expect(toField(page)).toHaveAttribute('name', 'to');
  });

  test('a reader\'s form posts as it does without JavaScript; an invalid address comes back marked', async ({ page }) => {
    // Readers' pages hydrate no form: the server checks the addresses, and the article comes
    // back with the field that is wrong marked and nothing sent.
    await fromField(page).fill('khong-phai-email');
    await toField(page).fill('nguoinhan@example.com');
    const post = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/share_article'));
    await submit(page).click();
    await post;
    await expect(form(page).locator('.field-error').filter({ visible: true })).toHaveText([/Email không hợp lệ/]);
    expect(await fieldsWithError(page)).toEqual(['from']);
    await expect(page.getByText('chưa được gửi')).toHaveCount(0);
  });
});

/** The calendar day (yyyy-mm-dd) of an ISO timestamp in Asia/Ho_Chi_Minh. */
function dayInVietnam(iso: string): string {
  const date = new Date(iso);
  expect(Number.isNaN(date.getTime()), `parsable datetime ${iso}`).toBe(false);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
