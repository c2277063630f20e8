// Lighthouse (default mobile mode: Moto G Power viewport, simulated slow 4G and 4× CPU
// slowdown) on the page types the budgets name, in Debian's Chromium, plus the JavaScript and
// WASM each anonymous first visit downloads. Prints one table. Usage: node web.mjs BASE_URL
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const base = process.argv[2] ?? 'http://127.0.0.1:3200';
const pages = [
  ['home', '/'],
  ['seed article', '/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong'],
  ['resolutions', '/nghi-quyet'],
  ['calendar week', '/lich/hdnd'],
  ['search', '/tim-kiem?q=nghi+quyet'],
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
  ],
});

const rows = [];
try {
  for (const [name, path] of pages) {
    // A run that failed (a trace not recorded, a protocol timeout) has no scores: say why, and
    // run again (at most three times; the first page of a fresh browser fails now and then).
    let lhr;
    for (let attempt = 1; attempt <= 3; attempt++) {
      lhr = (await lighthouse(`${base}${path}`, { port: chrome.port, output: 'json', logLevel: 'error' })).lhr;
      if (!lhr.runtimeError) break;
      console.error(`${name}, run ${attempt}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    }
    for (const warning of lhr.runWarnings ?? []) console.error(`${name}: ${warning}`);
    const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
    const requests = lhr.audits['network-requests']?.details?.items ?? [];
    const code = requests
      .filter((r) => /\.(js|wasm)(\?|$)/.test(r.url))
      .reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
    rows.push({
      page: name,
      perf: score('performance'),
      a11y: score('accessibility'),
      bp: score('best-practices'),
      seo: score('seo'),
      'CLS': audit('cumulative-layout-shift').toFixed(3),
      'TBT ms': Math.round(audit('total-blocking-time')),
      'LCP ms': Math.round(audit('largest-contentful-paint')),
      'JS+WASM KiB': (code / 1024).toFixed(1),
    });
  }
} finally {
  await chrome.kill();
}

const headers = Object.keys(rows[0] ?? {});
const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
console.log(`Lighthouse ${lighthouse.version ?? ''} (mobile, simulated throttling) on ${base}`);
console.log(line(headers));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(headers.map((h) => row[h])));
