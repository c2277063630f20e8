// Lists the Lighthouse audits below full marks for one page, with their details' first items
// (what to fix). Usage: node audits.mjs URL
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const url = process.argv[2];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
  for (const [category, { auditRefs }] of Object.entries(lhr.categories)) {
    for (const { id, weight } of auditRefs) {
      const audit = lhr.audits[id];
      if (audit.score === null || audit.score >= 1 || (category === 'performance' && !weight)) continue;
      console.log(`[${category}] ${id} (${audit.score}): ${audit.title} ${audit.displayValue ?? ''}`);
      for (const item of (audit.details?.items ?? []).slice(0, 4)) {
        console.log('   ', JSON.stringify(item).slice(0, 400));
      }
    }
  }
  const shifts = lhr.audits['layout-shifts']?.details?.items ?? [];
  for (const s of shifts) console.log('  shift', JSON.stringify(s).slice(0, 400));
} finally {
  await chrome.kill();
}
