/**
 * Without JavaScript a page is counted, and the numbers shown, by the image in the sidebar's
 * `<noscript>`: the page itself may come from a cache and counts nothing.
 */
import type { Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';

/** Loads `path` and answers the counting image's drawing. */
async function countedLoad(page: Page, path: string): Promise<string> {
  const image = page.waitForResponse((r: Response) => new URL(r.url()).pathname === '/thong-ke/dem.svg');
  await page.goto(path);
  const response = await image;
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  return response.text();
}

function total(svg: string): number {
  const match = /Tổng truy cập: ([\d.]+)/.exec(svg);
  expect(match, svg).not.toBeNull();
  return Number((match?.[1] ?? '').replace(/\./g, ''));
}

test('without JavaScript the counting image counts each new visitor once', async ({ newVisitor }) => {
  const first = await newVisitor();
  const before = total(await countedLoad(first, '/'));
  await expect(first.locator('aside.sidebar img.visit-image')).toBeVisible();
  await expect(first.locator('aside.sidebar .visit-numbers')).toBeHidden();

  const second = await newVisitor();
  const after = total(await countedLoad(second, '/so-do-trang'));
  expect(after, 'a new visitor counts once').toBe(before + 1);
  expect(total(await countedLoad(second, '/')), 'the same visitor, the same visit').toBe(after);
});
