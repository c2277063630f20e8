import {
  expect,
  gotoHydrated,
  isGoogleHost,
  normalizeText,
  parseCount,
  recordRequests,
  test,
  type Locator,
  type Page,
} from './fixtures';

const FIRST_VIDEO = {
  title: 'Trường Đại học Việt Đức thăm, chúc Tết Thường trực Hội đồng nhân dân tỉnh Bình Dương',
  id: 'iELwXe7sNyM',
};
const VIDEO_COUNT = 34;
/** The counter of the seed site; a fresh database continues from here. */
const INITIAL_TOTAL = 2_483_445;

test.describe('video widget', () => {
  test('lists the videos and plays one only when asked, via youtube-nocookie', async ({ page }) => {
    const googleRequests = recordRequests(page, (url) => isGoogleHost(url));
    await page.route('**/*youtube-nocookie.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<html><body>video</body></html>' }),
    );

    await gotoHydrated(page, '/');
    await page.waitForLoadState('load');
    const widget = page.locator('aside.sidebar section.video-widget');
    await expect(widget.getByRole('heading', { name: 'Video' })).toBeVisible();

    const links = widget.locator('ul.video-list a.video-link');
    await expect(links).toHaveCount(VIDEO_COUNT);
    await expect(links.first()).toHaveText(FIRST_VIDEO.title);
    await expect(links.first()).toHaveAttribute('data-youtube-id', FIRST_VIDEO.id);
    await expect(links.first()).toHaveAttribute('href', `https://www.youtube.com/watch?v=${FIRST_VIDEO.id}`);
    const ids = await links.evaluateAll((as) => as.map((a) => a.getAttribute('data-youtube-id') ?? ''));
    expect(new Set(ids).size, 'distinct video ids').toBe(VIDEO_COUNT);
    for (const id of ids) expect(id).toMatch(/^[\w-]{11}$/);

    const player = widget.locator('div.video-player');
    await expect(player.locator('iframe')).toHaveCount(0);
    expect(googleRequests, 'no YouTube/Google request before a video is chosen').toEqual([]);

    // Play the second video: the player must follow the choice, the page must not navigate.
    const url = page.url();
    const second = links.nth(1);
    const secondId = (await second.getAttribute('data-youtube-id'))!;
    await second.click();
    const iframe = player.locator('iframe');
    await expect(iframe).toHaveCount(1);
    await expect(iframe).toHaveAttribute(
      'src',
      new RegExp(`^https://www\\.youtube-nocookie\\.com/embed/${secondId}(?:[?#]|$)`),
    );
    expect(page.url()).toBe(url);

    // Switching to another video replaces the embed rather than adding one.
    await links.first().click();
    await expect(iframe).toHaveCount(1);
    await expect(iframe).toHaveAttribute(
      'src',
      new RegExp(`^https://www\\.youtube-nocookie\\.com/embed/${FIRST_VIDEO.id}(?:[?#]|$)`),
    );
    for (const request of googleRequests) {
      expect(request, 'only the privacy-enhanced host is contacted').toMatch(
        /^GET https:\/\/www\.youtube-nocookie\.com\//,
      );
    }
  });
});

test('calendar and useful links', async ({ page }) => {
  await gotoHydrated(page, '/');
  const calendars = page.locator('aside.sidebar section.calendar-links a');
  await expect(calendars).toHaveText([
    'Lịch làm việc HĐND',
    'Lịch làm việc Đoàn ĐBQH',
    'Lịch tiếp công dân',
    'Lịch tiếp xúc cử tri',
  ]);
  // Each leads to its own calendar, which answers.
  const hrefs = await calendars.evaluateAll((links) => links.map((l) => l.getAttribute('href')));
  expect(hrefs).toEqual(['/lich/hdnd', '/lich/doan-dbqh', '/lich/tiep-cong-dan', '/lich/tiep-xuc-cu-tri']);
  for (const href of hrefs) expect((await page.request.get(href ?? '')).status(), href ?? '').toBe(200);

  const useful = page.locator('aside.sidebar section.useful-links');
  await expect(useful.getByRole('heading', { name: /Liên kết hữu ích/i })).toBeVisible();
  const external = useful.locator('a[href^="http"]');
  expect(await external.count()).toBeGreaterThan(0);
  for (const href of await external.evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''))) {
    expect(() => new URL(href), href).not.toThrow();
    expect(new URL(href).protocol, href).toMatch(/^https?:$/);
  }
});

/** Reads a counter shown with dots as thousands separators ("2.483.446"). */
async function readCount(counter: Locator): Promise<number> {
  // The numbers arrive with the page's own count, just after it has hydrated.
  await expect(counter).toHaveText(/\d/);
  const text = normalizeText(await counter.textContent());
  const token = /\d[\d.]*\d|\d/.exec(text)?.[0] ?? '';
  expect(token, `"${text}" is a number with dot thousands separators`).toMatch(/^\d{1,3}(\.\d{3})*$/);
  return parseCount(token);
}

test('a new visitor adds exactly one visit; a reload does not', async ({ newVisitor }) => {
  const stats = (page: Page) => page.locator('aside.sidebar section.visit-stats');

  const first = await newVisitor();
  await gotoHydrated(first, '/');
  await expect(stats(first).getByRole('heading', { name: /Thống kê truy cập/i })).toBeVisible();
  const before = await readCount(stats(first).locator('.visit-total'));
  expect(before, 'continues from the seed total').toBeGreaterThan(INITIAL_TOTAL);

  const second = await newVisitor();
  await gotoHydrated(second, '/');
  const after = await readCount(stats(second).locator('.visit-total'));
  expect(after, 'a new visitor counts once').toBe(before + 1);

  await second.reload();
  await expect(second.locator('html')).toHaveAttribute('data-hydrated', 'true');
  expect(
    await readCount(stats(second).locator('.visit-total')),
    'a visitor seen less than 30 minutes ago is not counted again',
  ).toBe(after);

  expect(
    await readCount(stats(second).locator('.visit-online')),
    'both visitors are online',
  ).toBeGreaterThanOrEqual(2);
});
