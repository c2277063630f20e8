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
    // It ran under the Content-Security-Policy (a violation would be a console error, which
    // the guard fails on): scripts by nonce only, and no framing.
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    const inline = await page.evaluate(() =>
      [...document.scripts].filter((s) => !s.src).map((s) => (s.nonce ?? '').length),
    );
    expect(inline.length).toBeGreaterThan(0);
    expect(inline.every((n) => n > 0)).toBe(true);
  });
}

for (const path of NOT_FOUND_PATHS) {
  test(`unknown ${path} is a 404 page that hydrates cleanly`, async ({ page }) => {
    await expectNotFoundAt(page, path, { hydrate: true });
    await expectPageChrome(page);
  });
}
