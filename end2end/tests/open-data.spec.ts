import fs from 'node:fs';
import { expect, gotoHydrated, mainHeading, test } from './fixtures';

test('a data user downloads resolutions as CSV from the open data page, Vietnamese intact', async ({ page }) => {
  await gotoHydrated(page, '/du-lieu-mo');
  await expect(mainHeading(page)).toHaveText('Dữ liệu mở');
  await expect(page.getByRole('link', { name: /CC BY 4\.0/ })).toBeVisible();
  const fields = page.getByRole('table', { name: 'Các trường của “Nghị quyết”' });
  await expect(fields.getByRole('cell', { name: 'number', exact: true })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải CSV: Nghị quyết' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('nghi-quyet.csv');
  const bytes = fs.readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)], 'a byte order mark for Excel').toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const [header, ...rows] = text.trim().split('\n');
  expect(header.split(',').slice(0, 4)).toEqual(['id', 'slug', 'url', 'number']);
  expect(rows.length).toBeGreaterThan(10);
  expect(text).toContain('/NQ-HĐND');
  expect(text.normalize('NFC')).toBe(text);
});

test('the JSON of a dataset pages on through "next"', async ({ request }) => {
  const first = await request.get('/du-lieu-mo/kien-nghi.json');
  expect(first.status()).toBe(200);
  expect(first.headers()['etag']).toBeTruthy();
  const page = await first.json();
  expect(page.items.length).toBeGreaterThan(0);
  expect(page.licence.url).toContain('creativecommons.org');
  if (page.next) {
    const second = await (await request.get(page.next)).json();
    expect(second.items[0].id).toBeGreaterThan(page.items[page.items.length - 1].id);
  }
});
