import { SEED_ARTICLE, expect, gotoHydrated, mainHeading, test, type Page } from './fixtures';

/** The chrome that paper leaves out. */
const CHROME = ['header.site-header', 'footer.site-footer', 'aside.sidebar', 'nav.breadcrumb', '.print-button'];

/** The first detail page linked from the list at `list` (its links start with `prefix`). */
async function firstFrom(page: Page, list: string, prefix: string): Promise<string> {
  await page.goto(list);
  const href = await page
    .locator(`main#noi-dung :is(.record-list, table.resolutions) a[href^="${prefix}"]`)
    .first()
    .getAttribute('href');
  expect(href, `a link to ${prefix}… on ${list}`).toBeTruthy();
  return href!;
}

async function expectPrintedCleanly(page: Page, path: string, dateLabel: string): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  for (const chrome of CHROME) {
    await expect(page.locator(chrome).first(), `${chrome} is left off paper`).toBeHidden();
  }
  await expect(mainHeading(page)).toBeVisible();
  const source = page.locator('.print-source');
  await expect(source).toBeVisible();
  await expect(source).toContainText(`Nguồn: ${new URL(path, page.url()).href}`);
  await expect(source).toContainText(`${dateLabel}: `);
  await page.emulateMedia({ media: 'screen' });
  await expect(source, 'the source line is for paper only').toBeHidden();
  await expect(page.locator('header.site-header')).toBeVisible();
}

test('an article prints without the chrome, with its source and date, and "In bài viết" opens the print dialog', async ({ page }) => {
  await gotoHydrated(page, SEED_ARTICLE.path);
  await expectPrintedCleanly(page, SEED_ARTICLE.path, 'Ngày đăng');
  await expect(page.locator('.print-source')).toContainText(/Ngày đăng: Thứ \d|Ngày đăng: Chủ nhật/);

  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByRole('link', { name: 'In bài viết' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  expect(new URL(page.url()).search, 'with JavaScript the page stays where it is').toBe('');
});

test('a resolution, a petition with its answer and a question print cleanly', async ({ page }) => {
  const pages: [string, string, string][] = [
    ['/nghi-quyet', '/nghi-quyet/', 'Ngày ban hành'],
    ['/kien-nghi?trang_thai=da-tra-loi', '/kien-nghi/', 'Ngày tiếp nhận'],
    ['/hoi-dap', '/hoi-dap/', 'Ngày gửi'],
  ];
  for (const [list, prefix, dateLabel] of pages) {
    const path = await firstFrom(page, list, prefix);
    await gotoHydrated(page, path);
    await expect(page.getByRole('link', { name: 'In', exact: true })).toBeVisible();
    await expectPrintedCleanly(page, path, dateLabel);
    if (prefix === '/kien-nghi/') {
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.petition-answer'), 'the answer is printed').toBeVisible();
      await page.emulateMedia({ media: 'screen' });
    }
  }
});
