/** The council's records with JavaScript off: every list, its filters and the search still work. */
import { allowNotFoundLog, expect, test } from './fixtures';

test('petitions filter and open without JavaScript', async ({ page }) => {
  await page.goto('/kien-nghi');
  await page.getByLabel('Tình trạng').selectOption('dang-giai-quyet');
  await page.getByLabel('Kênh').selectOption('hdnd');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/trang_thai=dang-giai-quyet&kenh=hdnd/);
  const items = page.locator('ul.petition-list > li');
  expect(await items.count()).toBeGreaterThan(0);
  await expect(items.filter({ hasNotText: 'Qua HĐND tỉnh' })).toHaveCount(0);
  await expect(items.locator('.petition-status').filter({ hasNotText: 'Đang giải quyết' })).toHaveCount(0);
  await items.first().locator('a').first().click();
  await expect(page.getByRole('heading', { name: 'Nội dung trả lời' })).toBeVisible();
  allowNotFoundLog('/kien-nghi?trang_thai=xong');
  expect((await page.goto('/kien-nghi?trang_thai=xong'))?.status()).toBe(404);
});

test('calendar weeks move and the list view shows without JavaScript', async ({ page }) => {
  await page.goto('/lich/hdnd');
  await expect(page.locator('li.week-day.today')).toHaveCount(1);
  await page.getByRole('link', { name: '‹ Tuần trước' }).click();
  await expect(page).toHaveURL(/\/lich\/hdnd\?tuan=\d{4}-\d{2}-\d{2}$/);
  await expect(page.locator('li.week-day.today')).toHaveCount(0);
  await expect(page.locator('li.calendar-event').first()).toBeVisible();
  await page.getByRole('link', { name: 'Tuần này' }).click();
  await expect(page.locator('li.week-day.today')).toHaveCount(1);
  await page.getByRole('link', { name: 'Xem dạng danh sách' }).click();
  await expect(page.getByRole('heading', { name: 'Lịch sắp tới' })).toBeVisible();
});

test('the header search and the type filter work without JavaScript', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Tìm kiếm trên cổng thông tin' }).fill('dau tieng');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?q=dau\+tieng$/);
  await expect(page.locator('li.search-hit mark').first()).toBeVisible();
  await page.locator('nav.search-types').getByRole('link', { name: /^Lịch \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/loai=lich/);
  const kinds = page.locator('li.search-hit .hit-kind');
  expect(await kinds.count()).toBeGreaterThan(0);
  await expect(kinds.filter({ hasNotText: /^Lịch/ })).toHaveCount(0);
});

test('every record list renders without JavaScript', async ({ page }) => {
  const lists: [string, string][] = [
    ['/giam-sat', 'ul.supervision-list > li'],
    ['/giam-sat?co_quan=doan-dbqh', 'ul.supervision-list > li'],
    ['/kien-nghi?qua_han=1', 'ul.petition-list > li .overdue-flag'],
    ['/lich/tiep-cong-dan?xem=danh-sach', 'li.calendar-event'],
    ['/dai-bieu', 'li.member'],
    ['/tai-lieu-ky-hop', 'ul.sitting-list > li'],
    ['/trang/thuong-truc-hdnd', 'section.body-section li.member'],
    ['/tim-kiem?q=12%2F2022', 'li.search-hit'],
  ];
  for (const [path, selector] of lists) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator(selector).first(), path).toBeVisible();
  }
});

test('without JavaScript the header box stays a plain search form, and the search page sorts, narrows to dates and corrects', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('searchbox', { name: 'Tìm kiếm trên cổng thông tin' });
  await expect(box).not.toHaveAttribute('role', /.+/);
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await page.goto('/tim-kiem?q=nghi+quyet');
  await page.getByRole('navigation', { name: 'Sắp xếp kết quả' }).getByRole('link', { name: 'Mới nhất' }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?q=nghi\+quyet&sap-xep=moi-nhat$/);
  await page.getByLabel('Từ ngày').fill('2022-01-01');
  await page.getByLabel('Đến ngày').fill('2022-12-31');
  await page.locator('form.search-page-form').getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(page).toHaveURL(/sap-xep=moi-nhat&tu=2022-01-01&den=2022-12-31/);
  await expect(page.locator('p.list-count')).toContainText('từ 01/01/2022 đến 31/12/2022');
  const kinds = page.locator('li.search-hit .hit-kind');
  expect(await kinds.count()).toBeGreaterThan(0);
  for (const text of await kinds.allTextContents()) expect(text).toMatch(/\/2022$/);
  await page.goto('/tim-kiem?q=nghi+quyiet');
  await page.locator('p.did-you-mean').getByRole('link', { name: 'nghi quyet' }).click();
  await expect(page.locator('li.search-hit').first()).toBeVisible();
});
