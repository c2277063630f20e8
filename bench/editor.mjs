// An editor's first "Sửa" (issue 8: ready within a second on loopback). A signed-in editor
// opens the seed article with an empty HTTP cache; printed, as the page measures them
// (`performance.now()`, from the start of the navigation): when the page is hydrated with its
// "Sửa bài viết" button, and how long a click on it takes to show the editor (its chunk is
// fetched then). Chromium at full speed, no throttling: loopback, as the issue says.
// Usage: node editor.mjs BASE_URL EMAIL PASSWORD (the account must exist).
import { createRequire } from 'node:module';

// Playwright comes from end2end's lockfile (`make setup-node`).
const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('@playwright/test');

const [base = 'http://127.0.0.1:3200', email, password] = process.argv.slice(2);
const article = '/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong';
const RUNS = 5;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const rows = [];
try {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto(`/dang-nhap?next=${encodeURIComponent(article)}`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.locator('.editor-bar').filter({ hasText: email }).waitFor();
  const cdp = await context.newCDPSession(page);
  for (let run = 0; run < RUNS; run++) {
    await cdp.send('Network.clearBrowserCache');
    await page.goto(article, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
    const toggle = page.getByRole('button', { name: 'Sửa bài viết' });
    await toggle.waitFor();
    const ready = await page.evaluate(() => performance.now());
    const modules = await page.evaluate(
      () => performance.getEntriesByType('resource').filter((r) => /\.wasm$/.test(r.name)).length,
    );
    await toggle.click();
    await page.locator('[contenteditable="true"]').first().waitFor();
    const open = (await page.evaluate(() => performance.now())) - ready;
    rows.push({ ready, open, modules });
  }
} finally {
  await browser.close();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`An editor's first "Sửa" on ${base}${article}, empty cache, ${RUNS} runs (ms)`);
console.log('run | hydrated, "Sửa" shown | click → editor shown | total | WASM files');
rows.forEach((r, i) =>
  console.log(`${i + 1}   | ${Math.round(r.ready)} | ${Math.round(r.open)} | ${Math.round(r.ready + r.open)} | ${r.modules}`),
);
console.log(
  `median: hydrated ${Math.round(median(rows.map((r) => r.ready)))}, editor ${Math.round(median(rows.map((r) => r.open)))}, ` +
    `total ${Math.round(median(rows.map((r) => r.ready + r.open)))}`,
);
