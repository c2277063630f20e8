/**
 * WCAG 2.1 AA checks with axe-core on every page type, for visitors and for a
 * signed-in editor in edit mode.
 */
import AxeBuilder from '@axe-core/playwright';
import { EDITOR, PAGE_TYPES, SEED_ARTICLE, ensureEditor, expect, gotoHydrated, loginAs, test, type Page } from './fixtures';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
  );
}

for (const { kind, path } of PAGE_TYPES) {
  test(`${kind} (${path}) has no WCAG 2.1 AA violations`, async ({ page }) => {
    await gotoHydrated(page, path);
    expect(await violations(page)).toEqual([]);
  });
}

test('the phone layout with the menu open has no WCAG 2.1 AA violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await gotoHydrated(page, '/');
  await page.locator('summary.menu-button').click();
  await expect(page.locator('details.menu-fold')).toHaveAttribute('open');
  expect(await violations(page)).toEqual([]);
});

test('the article in edit mode has no WCAG 2.1 AA violations', async ({ page }) => {
  await ensureEditor(EDITOR.email, EDITOR.password);
  await loginAs(page, EDITOR.email, EDITOR.password, SEED_ARTICLE.path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.locator('button.edit-toggle').click();
  await page.getByRole('button', { name: 'Lịch sử' }).click();
  await expect(page.locator('li.revision').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
