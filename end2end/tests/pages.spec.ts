/**
 * One page of every type, hydrated with JS on. The automatic console guard of
 * the fixture fails a test on any console error/warning (hydration mismatches
 * included) or uncaught exception.
 */
import {
  NOT_FOUND_PATHS,
  PAGE_TYPES,
  expect,
  expectNotFoundAt,
  expectPageChrome,
  expectPageContent,
  gotoHydrated,
  test,
} from './fixtures';

for (const { kind, path } of PAGE_TYPES) {
  test(`${kind} (${path}) renders and hydrates cleanly`, async ({ page }) => {
    const response = await gotoHydrated(page, path);
    expect(response?.status()).toBe(200);
    await expectPageChrome(page);
    await expectPageContent(page, kind);
  });
}

for (const path of NOT_FOUND_PATHS) {
  test(`unknown ${path} is a 404 page that hydrates cleanly`, async ({ page }) => {
    await expectNotFoundAt(page, path, { hydrate: true });
    await expectPageChrome(page);
  });
}
