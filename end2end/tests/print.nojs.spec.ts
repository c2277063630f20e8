import { SEED_ARTICLE, expect, mainHeading, test } from './fixtures';

test('without JavaScript "In bài viết" opens a print view without the chrome, kept out of the index', async ({ page }) => {
  await page.goto(SEED_ARTICLE.path);
  await page.getByRole('link', { name: 'In bài viết' }).click();
  await expect(page).toHaveURL(`${SEED_ARTICLE.path}?in=1`);

  const bar = page.getByRole('note').filter({ hasText: 'Bản để in' });
  await expect(bar).toContainText('Ctrl+P');
  for (const chrome of ['header.site-header', 'footer.site-footer', 'aside.sidebar', 'nav.breadcrumb', '.share-email-box']) {
    await expect(page.locator(chrome).first(), `${chrome} is not in the print view`).toBeHidden();
  }
  await expect(mainHeading(page)).toHaveText(SEED_ARTICLE.title);
  await expect(page.locator('.print-source')).toBeVisible();
  await expect(page.locator('.print-source')).toContainText(`Nguồn: ${new URL(SEED_ARTICLE.path, page.url()).href}`);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new URL(SEED_ARTICLE.path, page.url()).href);

  await page.emulateMedia({ media: 'print' });
  await expect(bar, 'the note itself is not printed').toBeHidden();
  await expect(page.locator('.print-source')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await bar.getByRole('link', { name: 'Trở lại trang' }).click();
  await expect(page).toHaveURL(SEED_ARTICLE.path);
  await expect(page.locator('header.site-header')).toBeVisible();
});
