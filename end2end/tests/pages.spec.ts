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
    // the guard fails on): inline scripts by hash only, and no framing.
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    // A reader's page may be kept by caches: its inline scripts are allowed by hash, not by a
    // nonce every reader would share.
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]{44}')+ 'wasm-unsafe-eval'/);
    expect(csp).not.toContain('nonce-');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
    expect(inline, 'inline scripts, each allowed by its hash').toBeGreaterThan(0);
  });
}

for (const path of NOT_FOUND_PATHS) {
  test(`unknown ${path} is a 404 page that hydrates cleanly`, async ({ page }) => {
    await expectNotFoundAt(page, path, { hydrate: true });
    await expectPageChrome(page);
  });
}
