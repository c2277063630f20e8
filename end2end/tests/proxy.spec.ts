/**
 * The portal behind a real HTTP cache: Varnish from Debian with proxy/varnish.vcl, started by
 * Playwright in front of the test server. Readers share the proxy's copy; an editor's save
 * reaches them within seconds without any purge (the pages' s-maxage); an editor's pages are
 * never kept; visits keep counting although the pages come from the cache.
 */
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { EDITOR, SEED_ARTICLE, ensureEditor, expect, loginAs, test } from './fixtures';

const PROXY = 'http://127.0.0.1:3180';

async function reader(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }) {
  return playwright.request.newContext({ baseURL: PROXY });
}

/** An editor signed in through the proxy, in a browser. */
async function editorThroughProxy(browser: Browser): Promise<Page> {
  await ensureEditor();
  const context = await browser.newContext({ baseURL: PROXY, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await loginAs(page, EDITOR.email, EDITOR.password, '/');
  return page;
}

test("a reader's page comes from the proxy's cache on the second request", async ({ playwright }) => {
  const readers = await reader(playwright);
  const first = await readers.get(SEED_ARTICLE.path);
  expect(first.status()).toBe(200);
  expect(first.headers()['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+/);
  const second = await readers.get(SEED_ARTICLE.path);
  expect(second.status()).toBe(200);
  expect(second.headers()['x-cache'], 'the second request is answered by Varnish').toBe('HIT');
  expect(await second.text()).toContain(SEED_ARTICLE.title);
  expect(second.headers()['set-cookie'], 'a shared copy sets no cookie').toBeUndefined();
  await readers.dispose();
});

test("an editor's pages always reach the portal and are never kept for readers", async ({ browser, playwright }) => {
  const editor = await editorThroughProxy(browser);
  for (let i = 0; i < 2; i++) {
    const page = await editor.request.get('/');
    expect(page.headers()['x-cache'], 'an editor is never answered from the cache').toBe('MISS');
    expect(page.headers()['cache-control']).toBe('private, no-store');
    expect(await page.text()).toContain('Thanh biên tập');
  }
  const readers = await reader(playwright);
  const home = await readers.get('/');
  expect(await home.text(), "a reader never gets the editor's page").not.toContain('Thanh biên tập');
  await readers.dispose();
  await editor.context().close();
});

test("an editor's save reaches readers through the proxy within seconds", async ({ browser, playwright }) => {
  const readers = await reader(playwright);
  const home = await (await readers.get('/')).text();
  const slug = [...home.matchAll(/href="\/bai-viet\/([a-z0-9-]+)"/g)]
    .map((m) => m[1])
    .find((s) => `/bai-viet/${s}` !== SEED_ARTICLE.path);
  expect(slug, 'an article other than the seed').toBeTruthy();
  const path = `/bai-viet/${slug}`;
  await readers.get(path);
  expect((await readers.get(path)).headers()['x-cache'], 'readers have it cached').toBe('HIT');

  const editor = await editorThroughProxy(browser);
  const write = { headers: { Origin: PROXY } };
  const load = async () => {
    const answer = await editor.request.post('/api/article', { ...write, form: { slug: slug ?? '' } });
    expect(answer.status()).toBe(200);
    return (await answer.json()).article as { fields: { title: string }; version: number };
  };
  const save = async (fields: object, version: number) => {
    const answer = await editor.request.post('/api/save_article', {
      ...write,
      data: { slug, base_version: version, fields },
    });
    expect(answer.status(), await answer.text()).toBe(200);
  };
  const original = await load();
  const title = `Bản tin vừa sửa qua bộ đệm ${Date.now()}`;
  await save({ ...original.fields, title }, original.version);
  const saved = Date.now();
  try {
    await expect
      .poll(async () => (await (await readers.get(path)).text()).includes(title), {
        message: 'the new title reaches readers through the proxy',
        intervals: [250],
        timeout: 20_000,
      })
      .toBe(true);
    const seconds = (Date.now() - saved) / 1000;
    test.info().annotations.push({ type: 'save reached readers after', description: `${seconds.toFixed(1)} s` });
    console.log(`proxy: the save reached readers after ${seconds.toFixed(1)} s`);
  } finally {
    const current = await load();
    await save(original.fields, current.version);
  }
  await readers.dispose();
  await editor.context().close();
});

test("visits keep counting when the pages come from the proxy's cache", async ({ browser }) => {
  const totals: number[] = [];
  for (let i = 0; i < 2; i++) {
    const context = await browser.newContext({ baseURL: PROXY, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const response = await page.goto('/so-do-trang');
    if (i === 1) expect(response?.headers()['x-cache'], 'the second reader gets the cached page').toBe('HIT');
    const total = page.locator('aside.sidebar .visit-total');
    await expect(total).toHaveText(/^\d{1,3}(\.\d{3})*$/);
    totals.push(Number((await total.textContent())?.replace(/\./g, '')));
    await context.close();
  }
  expect(totals[1], 'each new reader counts once, cache or not').toBe(totals[0] + 1);
});
