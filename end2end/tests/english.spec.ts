import { expect, gotoHydrated, mainHeading, markDocument, expectSameDocument, test } from './fixtures';

test('a foreign visitor switches to English and back, in the browser', async ({ page }) => {
  await gotoHydrated(page, '/trang/gioi-thieu');
  await markDocument(page);
  const switchLink = page.locator('header.site-header a.language-switch');
  await expect(switchLink).toHaveText('English');
  await expect(switchLink).toHaveAttribute('hreflang', 'en');
  await switchLink.click();
  await expect(page).toHaveURL('/en/introduction');
  await expect(mainHeading(page)).toHaveText("The People's Council of Binh Duong Province");
  await expect(page.locator('article.content-page')).toHaveAttribute('lang', 'en');
  await expect(page.locator('link[rel="alternate"][hreflang="vi"]')).toHaveAttribute('href', /\/trang\/gioi-thieu$/);
  await expectSameDocument(page);

  const section = page.getByRole('navigation', { name: "About the People's Council" });
  await expect(section.getByRole('link')).toHaveCount(5);
  await section.getByRole('link', { name: 'Contact' }).click();
  await expect(page).toHaveURL('/en/contact');
  await expect(page.locator('article.content-page')).toContainText('+84 274 3848936');
  await expect(section.getByRole('link', { name: 'Contact' })).toHaveAttribute('aria-current', 'page');

  await expect(switchLink).toHaveText('Tiếng Việt');
  await switchLink.click();
  await expect(page).toHaveURL('/trang/lien-he');
  await expect(mainHeading(page)).toHaveText('Liên hệ');
  await expect(switchLink).toHaveText('English');
  await expectSameDocument(page);
});
