// Lighthouse's SEO category on one page of every public type (detail pages found through their
// lists), in Debian's Chromium. Prints each page's score and every SEO audit below full marks;
// exits 1 if any page scores below 100. Search results are kept out of the index on purpose
// (`noindex`, and robots.txt): there the one audit allowed to fail is `is-crawlable`, and it
// must. Usage: node seo.mjs BASE_URL
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const base = process.argv[2] ?? 'http://127.0.0.1:3200';

/** [page type, path, or [list, prefix of its detail pages], kept out of the index on purpose]. */
const pages = [
  ['home', '/'],
  ['article', '/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong'],
  ['category', '/chuyen-muc/thong-tin-trong-tinh'],
  ['category page 2', '/chuyen-muc/thong-tin-trong-tinh?trang=2'],
  ['content page', '/trang/gioi-thieu'],
  ['site map', '/so-do-trang'],
  ['resolutions', '/nghi-quyet'],
  ['resolution', ['/nghi-quyet', '/nghi-quyet/']],
  ['supervision list', '/giam-sat'],
  ['supervision', ['/giam-sat', '/giam-sat/']],
  ['petitions', '/kien-nghi'],
  ['petition', ['/kien-nghi', '/kien-nghi/']],
  ['calendar', '/lich/hdnd'],
  ['delegates', '/dai-bieu'],
  ['delegate', ['/dai-bieu', '/dai-bieu/']],
  ['body', '/co-quan/ban-van-hoa-xa-hoi'],
  ['sittings', '/tai-lieu-ky-hop'],
  ['sitting', ['/tai-lieu-ky-hop', '/tai-lieu-ky-hop/']],
  ['questions', '/hoi-dap'],
  ['question', ['/hoi-dap', '/hoi-dap/hd-']],
  ['question form', '/hoi-dap/gui'],
  ['search results', '/tim-kiem?q=nghi+quyet', true],
  ['privacy', '/chinh-sach-bao-mat'],
  ['subscribe', '/dang-ky'],
  ['feeds', '/rss'],
  ['open data', '/du-lieu-mo'],
  ['English page', '/en/introduction'],
  ['photo library', '/thu-vien-anh'],
  ['album', ['/thu-vien-anh', '/thu-vien-anh/']],
  ['photo', ['/thu-vien-anh/ky-hop-thu-hai-muoi-hdnd-tinh-khoa-x', '/thu-vien-anh/ky-hop-thu-hai-muoi-hdnd-tinh-khoa-x/']],
];

async function resolve(target) {
  if (typeof target === 'string') return target;
  const [list, prefix] = target;
  const html = await (await fetch(`${base}${list}`)).text();
  const match = new RegExp(`href="(${prefix.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')}[^"?#]+)"`).exec(html);
  if (!match) throw new Error(`no link into ${prefix} on ${list}`);
  return match[1];
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
  ],
});

let below = 0;
try {
  console.log(`Lighthouse ${lighthouse.version ?? ''} SEO on ${base}`);
  for (const [name, target, noindex = false] of pages) {
    const path = await resolve(target);
    const { lhr } = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['seo'],
    });
    const score = Math.round((lhr.categories.seo?.score ?? 0) * 100);
    const failed = lhr.categories.seo.auditRefs
      .map(({ id }) => lhr.audits[id])
      .filter((a) => a.score !== null && a.score < 1)
      .map((a) => a.id);
    const ok = noindex ? failed.length === 1 && failed[0] === 'is-crawlable' : score === 100;
    const note = noindex ? ' (noindex on purpose: only is-crawlable may fail, and must)' : '';
    console.log(`${String(score).padStart(3)}  ${name.padEnd(18)} ${path}${note}${ok ? '' : '  ← below'}`);
    if (!ok) below += 1;
    for (const { id } of lhr.categories.seo.auditRefs) {
      const audit = lhr.audits[id];
      if (audit.score === null || audit.score >= 1 || (noindex && id === 'is-crawlable')) continue;
      console.log(`       ✗ ${id}: ${audit.title}`);
      for (const item of (audit.details?.items ?? []).slice(0, 3)) console.log('         ', JSON.stringify(item).slice(0, 300));
    }
  }
} finally {
  await chrome.kill();
}
console.log(below === 0 ? `SEO 100 on every indexable page type (${pages.length - 1}), search results kept out as meant.` : `${below} page type(s) below 100.`);
process.exit(below === 0 ? 0 : 1);
