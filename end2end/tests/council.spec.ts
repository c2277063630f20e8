/**
 * The council's records beyond resolutions, with JavaScript on: petitions and
 * their answers (with the overdue flag), the calendars (week by week, and the
 * iCalendar feed), supervision, people, sitting documents, the one search, and
 * an editor correcting a record in place.
 */
import AxeBuilder from '@axe-core/playwright';
import {
  EDITOR,
  allowConsole,
  SEED_ARTICLE,
  ensureEditor,
  expect,
  expectSameDocument,
  gotoHydrated,
  loginAs,
  markDocument,
  test,
  type Page,
} from './fixtures';

const RESOLUTION = { path: '/nghi-quyet/12-2022-nq-hdnd', number: '12/2022/NQ-HĐND' } as const;

async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** "2026-11-30" for a Date, in Asia/Ho_Chi_Minh (the server's zone), whatever the zone of the test machine. */
function isoDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

test('browse petitions by status, see the overdue flag and read an answer from one district', async ({ page }) => {
  await gotoHydrated(page, '/');
  await page.locator('nav.quick-links').getByRole('link', { name: 'Kiến nghị cử tri' }).click();
  await expect(page).toHaveURL(/\/kien-nghi$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiến nghị cử tri và trả lời');

  await page.getByLabel('Tình trạng').selectOption('cho-tra-loi');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/trang_thai=cho-tra-loi/);
  const items = page.locator('ul.petition-list > li');
  // The old list stays while the new one loads: wait until no other status is shown.
  await expect(items.locator('.petition-status').filter({ hasNotText: 'Chờ trả lời' })).toHaveCount(0);
  expect(await items.count()).toBeGreaterThan(0);
  // Old unanswered petitions carry the flag, with how long they have waited.
  await expect(page.locator('.overdue-flag').first()).toHaveText(/^Quá hạn trả lời \(\d+ ngày\)$/);

  // The overdue-only list has nothing else.
  await page.locator('.petition-rule a').click();
  await expect(page).toHaveURL(/qua_han=1/);
  const overdue = page.locator('ul.petition-list > li');
  await expect(overdue.filter({ hasNot: page.locator('.overdue-flag') })).toHaveCount(0);
  expect(await overdue.count()).toBeGreaterThan(0);

  // A voter from Dầu Tiếng reads the answer to a petition from there.
  await gotoHydrated(page, '/kien-nghi?trang_thai=da-tra-loi');
  await page.getByLabel('Địa phương').selectOption('Dầu Tiếng - Bàu Bàng');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/dia_phuong=D%E1%BA%A7u(\+|%20)Ti%E1%BA%BFng/);
  const fromThere = page.locator('ul.petition-list > li');
  await expect(fromThere.filter({ hasNotText: 'Dầu Tiếng - Bàu Bàng' })).toHaveCount(0);
  await expect(fromThere.locator('.petition-status').filter({ hasNotText: 'Đã trả lời' })).toHaveCount(0);
  expect(await fromThere.count()).toBeGreaterThan(0);
  await fromThere.locator('a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Kiến nghị của cử tri Dầu Tiếng - Bàu Bàng ngày \d{2}\/\d{2}\/\d{4}$/);
  const answer = page.locator('section.petition-answer');
  await expect(answer.getByRole('heading', { name: 'Nội dung trả lời' })).toBeVisible();
  await expect(answer.locator('p').nth(1)).not.toBeEmpty();
  await expectNoAxeViolations(page);
});

test('move a week in a calendar, with today marked, and subscribe to its feed', async ({ page, request }) => {
  await gotoHydrated(page, '/');
  await page.locator('aside.sidebar section.calendar-links').getByRole('link', { name: 'Lịch tiếp xúc cử tri' }).click();
  await expect(page).toHaveURL(/\/lich\/tiep-xuc-cu-tri$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch tiếp xúc cử tri');
  const today = page.locator('li.week-day.today');
  await expect(today).toHaveCount(1);
  await expect(today).toHaveAttribute('aria-current', 'date');
  await expect(today.locator('h3')).toContainText('(hôm nay)');
  await expect(page.locator('li.week-day')).toHaveCount(7);
  await expect(page.locator('li.week-day h3').first()).toHaveText(/^Thứ 2, \d{2}\/\d{2}\/\d{4}/);
  const range = (await page.locator('.week-range').textContent()) ?? '';
  await expectNoAxeViolations(page);

  await markDocument(page);
  await page.getByRole('link', { name: 'Tuần sau ›' }).click();
  await expect(page).toHaveURL(/\?tuan=\d{4}-\d{2}-\d{2}$/);
  const monday = new URL(page.url()).searchParams.get('tuan') ?? '';
  expect(new Date(`${monday}T00:00:00`).getDay(), 'the week starts on a Monday').toBe(1);
  await expect(page.locator('.week-range')).not.toHaveText(range);
  await expect(page.locator('li.week-day.today')).toHaveCount(0);
  await expect(page.locator('li.week-day h3').first()).toContainText(monday.split('-').reverse().join('/'));
  await page.getByRole('link', { name: '‹ Tuần trước' }).click();
  await expect(page.locator('.week-range')).toHaveText(range);
  await expect(page.locator('li.week-day.today')).toHaveCount(1);
  await expectSameDocument(page);

  // The list view shows what is coming, from today on.
  await page.getByRole('link', { name: 'Xem dạng danh sách' }).click();
  await expect(page.getByRole('heading', { name: 'Lịch sắp tới' })).toBeVisible();
  await expect(page.locator('li.calendar-event').first()).toBeVisible();

  // The feed is iCalendar in Asia/Ho_Chi_Minh.
  const href = await page.locator('a.ical-link').getAttribute('href');
  expect(href).toBe('/lich/tiep-xuc-cu-tri/lich.ics');
  const feed = await request.get(href ?? '');
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const text = await feed.text();
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text).toContain('TZID:Asia/Ho_Chi_Minh');
  expect(text).toMatch(/DTSTART;TZID=Asia\/Ho_Chi_Minh:\d{8}T\d{6}/);
  expect(text).toContain(`DTSTART;TZID=Asia/Ho_Chi_Minh:${isoDay(new Date()).slice(0, 4)}`);
});

test('search without diacritics finds the seed article, highlighted, and filters by type', async ({ page }) => {
  await gotoHydrated(page, '/');
  const box = page.getByRole('combobox', { name: 'Tìm kiếm trên cổng thông tin' });
  await box.fill('trien khai de an thanh pho thong minh');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/tim-kiem\?q=trien\+khai\+de\+an\+thanh\+pho\+thong\+minh$/);
  const first = page.locator('li.search-hit').first();
  await expect(first.locator('h2 a')).toHaveAttribute('href', SEED_ARTICLE.path);
  await expect(first.locator('h2 mark').first()).toHaveText('Triển');
  await expect(first.locator('.hit-kind')).toContainText('Tin bài');
  await first.locator('h2 a').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_ARTICLE.title);

  await gotoHydrated(page, '/tim-kiem?q=dau+tieng');
  await expect(page.locator('li.search-hit mark').first()).toHaveText(/^(Dầu|Tiếng|dầu|tiếng)$/i);
  await page.locator('nav.search-types').getByRole('link', { name: /^Kiến nghị cử tri \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/loai=kien-nghi/);
  const kinds = page.locator('li.search-hit .hit-kind');
  await expect(kinds.filter({ hasNotText: /^Kiến nghị cử tri/ })).toHaveCount(0);
  expect(await kinds.count()).toBeGreaterThan(0);
  await expectNoAxeViolations(page);

  for (const q of ['12/2022', 'nq 12 2022', RESOLUTION.number]) {
    await gotoHydrated(page, `/tim-kiem?q=${encodeURIComponent(q)}`);
    await expect(page.locator('li.search-hit h2 a').first(), q).toHaveAttribute('href', RESOLUTION.path);
  }
});

test('supervision per body, the delegates, a Giới thiệu page from the records, and sitting documents', async ({ page }) => {
  await gotoHydrated(page, '/giam-sat?co_quan=ban-pc');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoạt động giám sát của Ban Pháp chế');
  const items = page.locator('ul.supervision-list > li');
  await expect(items.filter({ hasNotText: 'Ban Pháp chế' })).toHaveCount(0);
  expect(await items.count()).toBeGreaterThan(0);
  await items.first().locator('h2 a').click();
  await expect(page.getByRole('heading', { name: 'Kết quả giám sát' })).toBeVisible();
  await expect(page.locator('.record-facts')).toContainText('Đơn vị được giám sát');

  await gotoHydrated(page, '/trang/to-dau-tieng-bau-bang');
  const group = page.locator('section.body-section');
  await expect(group.getByRole('heading', { level: 2 })).toHaveText('Tổ đại biểu huyện Dầu Tiếng - Bàu Bàng');
  expect(await group.locator('li.member').count()).toBeGreaterThanOrEqual(5);
  await expect(group.locator('li.member .member-role').first()).toHaveText('Tổ trưởng');
  await group.locator('li.member a').first().click();
  await expect(page.locator('article.person h2', { hasText: 'Tham gia' })).toBeVisible();
  await expectNoAxeViolations(page);

  await gotoHydrated(page, '/dai-bieu');
  await expect(page.locator('section.body-section')).toHaveCount(8);

  await gotoHydrated(page, '/tai-lieu-ky-hop');
  const first = page.locator('ul.sitting-list a').first();
  const href = await first.getAttribute('href');
  await first.click();
  // Client-side navigation: wait for the new page (its URL, then its table), not for time.
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  const rows = page.locator('table.sitting-documents tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  // A document downloads under its name, as a PDF.
  const link = rows.first().locator('a');
  const url = await link.getAttribute('href');
  const response = await page.request.get(url ?? '');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''\S+\.pdf$/);
  expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const download = page.waitForEvent('download');
  await link.click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
});

test('an editor corrects a resolution in place and the search finds the new text', async ({ page, newVisitor }) => {
  await ensureEditor();
  await loginAs(page, EDITOR.email, EDITOR.password, RESOLUTION.path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('button', { name: 'Sửa nghị quyết' }).click();
  const form = page.getByRole('form', { name: 'Sửa nghị quyết' });
  const abstract = form.getByLabel('Trích yếu *');
  await expect(abstract).not.toHaveValue('');
  await expect(form.getByLabel('Số, ký hiệu *')).toHaveValue(RESOLUTION.number);
  const corrected = 'Quy định mức thu phí tham quan khu di tích Núi Cậu Dầu Tiếng và di tích Chiến khu Đ';
  await abstract.fill(corrected);
  // A bad value is refused (400) with a message naming the field; nothing is lost.
  allowConsole(/status of 400 \(Bad Request\) \(http:\/\/[^/]+\/api\/save_record\)$/);
  await form.getByLabel('Ngày hiệu lực').fill('');
  await form.getByLabel('Kỳ họp thứ').fill('-3');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.locator('.editor-status')).toContainText('“Kỳ họp thứ”: phải là một số.');
  await expect(abstract).toHaveValue(corrected);
  await form.getByLabel('Kỳ họp thứ').fill('7');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.locator('.editor-status')).toHaveText(/^Đã lưu phiên bản \d+\.$/);
  const savedVersion = ((await page.locator('.editor-status').textContent()) ?? '').match(/\d+/)?.[0] ?? '';
  await expect(page.locator('.resolution-abstract-lead')).toHaveText(corrected);
  await expect(page.locator('.resolution-facts')).toContainText('kỳ họp thứ 7');

  // The history has the correction first, and what came before it.
  await page.getByRole('button', { name: 'Sửa nghị quyết' }).click();
  await page.getByRole('button', { name: 'Lịch sử' }).click();
  const revisions = page.locator('li.revision');
  await expect(revisions.first()).toContainText(`Phiên bản ${savedVersion} ·`);
  await expect(revisions.nth(1)).toContainText(`Phiên bản ${Number(savedVersion) - 1} ·`);
  await page.getByRole('button', { name: 'Hủy' }).click();

  const visitor = await newVisitor();
  await gotoHydrated(visitor, '/tim-kiem?q=nui+cau+chien+khu+d');
  const hit = visitor.locator('li.search-hit').first();
  await expect(hit.locator('h2 a')).toHaveAttribute('href', RESOLUTION.path);
  const marks = await hit.locator('.hit-snippet mark').allTextContents();
  for (const word of ['Núi', 'Cậu', 'Chiến', 'khu', 'Đ']) expect(marks).toContain(word);
  // Visitors get no editing tools.
  await gotoHydrated(visitor, RESOLUTION.path);
  await expect(visitor.getByRole('button', { name: 'Sửa nghị quyết' })).toHaveCount(0);
});

test('an editor adds a calendar entry and it shows in its week and in the feed', async ({ page, request }) => {
  await ensureEditor();
  await loginAs(page, EDITOR.email, EDITOR.password, '/lich/tiep-cong-dan');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('button', { name: 'Thêm lịch' }).click();
  const form = page.getByRole('form', { name: 'Thêm lịch' });
  const day = new Date(Date.now() + 7 * 86_400_000);
  const date = isoDay(day);
  // Unique per run, so a repeated run finds its own entry.
  const content = `Tiếp công dân định kỳ tại Trụ sở Tiếp công dân tỉnh (kiểm thử thêm lịch ${Date.now()})`;
  await form.getByLabel('Nội dung *').fill(content);
  await form.getByLabel('Lịch *').selectOption('tiep-cong-dan');
  await form.getByLabel('Bắt đầu *').fill(`${date}T07:30`);
  await form.getByLabel('Kết thúc').fill(`${date}T11:00`);
  await form.getByLabel('Địa điểm *').fill('Trụ sở Tiếp công dân tỉnh');
  await form.getByRole('button', { name: 'Thêm' }).click();
  await expect(page).toHaveURL(new RegExp(`/lich/tiep-cong-dan\\?tuan=${date}#su-kien-\\d+$`));
  const entry = page.locator('li.calendar-event', { hasText: content });
  await expect(entry.locator('.event-time')).toHaveText('07:30 – 11:00');
  await expect(page.locator('li.week-day', { has: entry }).locator('h3')).toContainText(date.split('-').reverse().join('/'));

  const feed = await (await request.get('/lich/tiep-cong-dan/lich.ics')).text();
  expect(feed.replace(/\r\n /g, '')).toContain(`DTSTART;TZID=Asia/Ho_Chi_Minh:${date.replace(/-/g, '')}T073000`);
});

test('an editor attaches a document to a resolution and visitors download it', async ({ page, newVisitor }) => {
  await ensureEditor();
  await loginAs(page, EDITOR.email, EDITOR.password, RESOLUTION.path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('button', { name: 'Sửa nghị quyết' }).click();
  const files = page.locator('fieldset.record-files');
  await expect(files.locator('li').first()).toBeVisible();
  const before = await files.locator('li').count();
  const chooser = page.waitForEvent('filechooser');
  await files.getByRole('button', { name: /^Đính kèm tệp/ }).click();
  await (await chooser).setFiles({ name: 'Phụ lục 1.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% phu luc\n%%EOF\n') });
  await expect(page.locator('.editor-status')).toHaveText('Đã đính kèm “Phụ lục 1.pdf”.');
  await expect(files.locator('li')).toHaveCount(before + 1);
  await page.getByRole('button', { name: 'Hủy' }).click();

  const visitor = await newVisitor();
  await gotoHydrated(visitor, RESOLUTION.path);
  const link = visitor.locator('.resolution-files a', { hasText: 'Phụ lục 1.pdf' });
  await expect(link).toHaveAttribute('href', /^\/tai-lieu\/[0-9a-f]{64}\.pdf$/);
  const download = visitor.waitForEvent('download');
  await link.click();
  expect((await download).suggestedFilename()).toBe('Phụ lục 1.pdf');

  // Taking it off again.
  await gotoHydrated(page, RESOLUTION.path);
  await page.getByRole('button', { name: 'Sửa nghị quyết' }).click();
  page.once('dialog', (dialog) => dialog.accept());
  await files.getByRole('button', { name: 'Gỡ Phụ lục 1.pdf' }).click();
  await expect(page.locator('.editor-status')).toHaveText('Đã gỡ tệp.');
  await expect(files.locator('li')).toHaveCount(before);
});

test('an editor changes a member\'s role and adds a delegate to a Ban', async ({ page }) => {
  await ensureEditor();
  await loginAs(page, EDITOR.email, EDITOR.password, '/co-quan/ban-van-hoa-xa-hoi');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const members = page.locator('ul.members li.member');
  const count = await members.count();
  const last = (await members.last().locator('.member-name').textContent()) ?? '';
  const editor = page.locator('section.members-editor');
  await editor.getByLabel(`Vai trò của ${last}`).fill('Phó Trưởng ban');
  await editor.locator('li', { hasText: `Bỏ ${last}` }).getByRole('button', { name: 'Lưu vai trò' }).click();
  await expect(page.locator('.editor-status')).toHaveText('Đã lưu vai trò.');
  await expect(page.locator('li.member', { hasText: last }).locator('.member-role')).toHaveText('Phó Trưởng ban');
  // It was saved: a fresh load shows it.
  await gotoHydrated(page, '/co-quan/ban-van-hoa-xa-hoi');
  await expect(page.locator('li.member', { hasText: last }).locator('.member-role')).toHaveText('Phó Trưởng ban');

  const picker = editor.getByLabel('Đại biểu', { exact: true });
  await expect(picker.locator('option').nth(1)).toBeAttached();
  const current = await members.locator('.member-name a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const options = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const slug = options.find((v) => v && !current.includes(`/dai-bieu/${v}`)) ?? '';
  await picker.selectOption(slug);
  await editor.getByRole('button', { name: 'Thêm thành viên' }).click();
  await expect(page.locator('.editor-status')).toHaveText('Đã thêm thành viên.');
  await expect(members).toHaveCount(count + 1);
  await expect(page.locator(`ul.members a[href="/dai-bieu/${slug}"]`)).toHaveCount(1);
});
