/**
 * A phone-first portal: an anonymous first visit to every public page type, on a 412 × 823
 * phone with an empty cache, downloads no editor code, stays within its JavaScript + WASM
 * budget, does not move while it loads and hydrates, and shows the page's title on the first
 * screen. Its HTML names, as preload hints, exactly the WASM modules it then fetches, each
 * fetched once. A signed-in editor gets the editors' module (and not the readers'), and "Sửa"
 * works.
 */
import type { APIRequestContext } from '@playwright/test';
import {
  expect,
  gotoHydrated,
  mainHeading,
  SEED_ARTICLE,
  test,
  type Page,
} from './fixtures';
import {
  editorOnlyModules,
  firstDetailHref,
  islandModules,
  layoutShiftScore,
  PHONE,
  PUBLIC_PAGE_TYPES,
  scriptBytes,
  type PageType,
} from './phone-helpers';

test.use({ viewport: PHONE });

/** Fills in the detail pages (their slugs come from the lists). */
async function pageTypes(request: APIRequestContext): Promise<PageType[]> {
  const types: PageType[] = [];
  for (const type of PUBLIC_PAGE_TYPES) {
    if (type.detailOf) {
      types.push({ ...type, path: await firstDetailHref(request, type.detailOf, type.path) });
    } else {
      types.push(type);
    }
  }
  return types;
}

test('an anonymous visit to each page type loads no editor code, and its bytes do not grow', async ({
  newVisitor,
  request,
}) => {
  test.setTimeout(120_000);
  const editorModules = editorOnlyModules();
  expect(editorModules.length, "the build has an editors' module of its own").toBeGreaterThan(1);
  const report: string[] = [];
  for (const type of await pageTypes(request)) {
    const page = await newVisitor();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const bytes = scriptBytes(page);
    await gotoHydrated(page, type.path);
    await page.waitForLoadState('networkidle');

    const editorRequests = requested.filter((p) => editorModules.includes(p));
    expect(editorRequests, `editor code requested by a visitor on ${type.path}`).toEqual([]);
    await expectModulesHinted(page, type.path, requested);
    const total = await bytes.total();
    const verdict = total <= type.budget ? 'within' : 'over';
    report.push(`${type.kind}: ${(total / 1024).toFixed(1)} KiB (${verdict} the ${type.budget / 1024} KiB budget)`);
    expect(total, `JS + WASM on the wire for ${type.path}`).toBeGreaterThan(10_000);
    expect(total, `JS + WASM on the wire for ${type.path}`).toBeLessThanOrEqual(type.ceiling);
    expect(total, `JS + WASM on the wire for ${type.path}, against the budget`).toBeLessThanOrEqual(type.budget);
    await page.context().close();
  }
  console.log(report.join('\n'));
});

test('no page type moves while it loads and hydrates, and its title is on the first screen', async ({
  newVisitor,
  request,
}) => {
  test.setTimeout(120_000);
  for (const type of await pageTypes(request)) {
    const page = await newVisitor();
    await gotoHydrated(page, type.path);
    await page.waitForLoadState('networkidle');
    const cls = await layoutShiftScore(page);
    expect(cls, `cumulative layout shift on ${type.path}`).toBeLessThanOrEqual(0.02);
    await expectTitleOnFirstScreen(page, type.path);
    await page.context().close();
  }
});

/**
 * The server's HTML hints the main WASM module, once, and the page fetches it once (the
 * browser uses the preloaded bytes); any other module it fetches is a lazy island's.
 */
async function expectModulesHinted(page: Page, path: string, requested: string[]): Promise<void> {
  const hinted = await page
    .locator('head link[rel="preload"][as="fetch"]')
    .evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
  const fetched = requested.filter((p) => p.endsWith('.wasm'));
  const islands = islandModules();
  expect(hinted.length, `preload hints on ${path}`).toBe(1);
  expect(new Set(fetched).size, `each module fetched once on ${path}`).toBe(fetched.length);
  expect(fetched, `the hinted module is fetched on ${path}`).toContain(hinted[0]);
  const others = fetched.filter((p) => p !== hinted[0] && !islands.has(p.split('/').pop()!));
  expect(others, `modules ${path} fetched that are neither hinted nor a lazy island's`).toEqual([]);
}

async function expectTitleOnFirstScreen(page: Page, path: string): Promise<void> {
  const box = await mainHeading(page).boundingBox();
  expect(box, `h1 of ${path}`).not.toBeNull();
  expect(box!.y + box!.height, `bottom of the h1 of ${path}`).toBeLessThanOrEqual(PHONE.height);
}

test('a signed-in editor loads the editor module, and "Sửa bài viết" opens the editor', async ({
  newEditor,
}) => {
  const editorModules = editorOnlyModules();
  const page = await newEditor(undefined, '/');
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await gotoHydrated(page, SEED_ARTICLE.path);
  const toggle = page.getByRole('button', { name: 'Sửa bài viết' });
  await expect(toggle).toBeVisible();
  expect(requested.filter((p) => p.endsWith('.wasm') && editorModules.includes(p)).length).toBeGreaterThan(0);
  expect(requested.filter((p) => /^\/pkg\/[^/]+\.wasm$/.test(p)), "the readers' module, on an editor's page").toEqual([]);
  await toggle.click();
  await expect(page.locator('[contenteditable="true"]').first()).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Định dạng' })).toBeVisible();
});
