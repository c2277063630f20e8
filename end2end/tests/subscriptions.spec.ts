/**
 * Subscriptions in the browser: a visitor follows a calendar from its page, confirms through
 * the mailed link (read from MailDev), an editor adds an entry, the digest arrives with its
 * one-click unsubscribe headers, and that unsubscribe (a POST without cookies, as a mail
 * provider sends it) deletes the subscription.
 */
import { EDITOR, allowConsole, ensureEditor, expect, gotoHydrated, loginAs, test } from './fixtures';
import { takeTimeToFill, uniqueAddress, waitForMail, type Email } from './mail-helpers';

const UNSUBSCRIBED = 'Đã hủy đăng ký. Địa chỉ email của bạn đã được xóa khỏi danh sách nhận thư của chủ đề này.';

function header(mail: Email, name: string): string {
  const found = Object.entries(mail.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return String(found?.[1] ?? '');
}

function linkIn(text: string, path: string): URL {
  const found = new RegExp(`http://[^\\s]+${path.replace(/[?]/g, '\\?')}[^\\s]+`).exec(text)?.[0];
  expect(found, text).toBeTruthy();
  return new URL(found!);
}

test('a calendar is followed, confirmed, its new entry mailed, and one click unsubscribes', async ({
  page,
  newVisitor,
  request,
}) => {
  test.setTimeout(90_000);
  const address = uniqueAddress('theodoi');
  const visitor = await newVisitor();
  await gotoHydrated(visitor, '/lich/tiep-cong-dan');
  await visitor.getByRole('link', { name: 'Nhận lịch mới qua email' }).click();
  await expect(visitor).toHaveURL(/\/dang-ky\?chu_de=lich\/tiep-cong-dan$/);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Đăng ký nhận tin qua email');
  const form = visitor.locator('#dang-ky-form');
  await expect(form.getByLabel('Chủ đề')).toHaveValue('lich/tiep-cong-dan');
  await form.getByLabel('Email').fill(address);
  await expect(form.getByLabel('Ngay khi có mục mới')).toBeChecked();
  await takeTimeToFill(visitor);
  await form.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(form.locator('.form-status')).toContainText('Đã nhận yêu cầu đăng ký');

  const [confirmation] = await waitForMail(address);
  expect(confirmation.subject).toBe('Xác nhận đăng ký nhận tin: Lịch tiếp công dân');
  expect(header(confirmation, 'list-unsubscribe')).toBe('');
  const confirmLink = linkIn(confirmation.text, '/dang-ky/xac-nhan?ma=');
  await gotoHydrated(visitor, confirmLink.pathname + confirmLink.search);
  await expect(visitor.locator('main')).toContainText('bắt đầu nhận tin “Lịch tiếp công dân”');
  // A reader's forms post as they do without JavaScript: the answer is the subscription's own
  // page, which says it is confirmed.
  await visitor.getByRole('button', { name: 'Xác nhận đăng ký' }).click();
  await expect(visitor).toHaveURL(/\/dang-ky\/quan-ly\?ma=\d+\.[0-9a-f]{32}&kq=da-xac-nhan$/);
  await expect(visitor.getByRole('status').filter({ hasText: 'Đăng ký đã được xác nhận' })).toBeVisible();

  // An editor adds an entry to that calendar.
  await ensureEditor();
  await loginAs(page, EDITOR.email, EDITOR.password, '/lich/tiep-cong-dan');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('button', { name: 'Thêm lịch' }).click();
  const entry = page.getByRole('form', { name: 'Thêm lịch' });
  const day = new Date(Date.now() + 9 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const content = `Tiếp công dân định kỳ cho người đăng ký ${Date.now()}`;
  await entry.getByLabel('Nội dung *').fill(content);
  await entry.getByLabel('Lịch *').selectOption('tiep-cong-dan');
  await entry.getByLabel('Bắt đầu *').fill(`${day}T08:00`);
  await entry.getByLabel('Địa điểm *').fill('Trụ sở Tiếp công dân tỉnh');
  await entry.getByRole('button', { name: 'Thêm' }).click();
  await expect(page.locator('li.calendar-event', { hasText: content })).toBeVisible();

  const mails = await waitForMail(address, 2);
  const digest = mails.find((m) => m.subject !== confirmation.subject)!;
  expect(digest.subject).toBe(`Lịch tiếp công dân: ${content}`);
  expect(digest.text).toContain(content);
  expect(header(digest, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  const oneClick = /<([^>]+)>/.exec(header(digest, 'list-unsubscribe'))?.[1];
  expect(oneClick, JSON.stringify(digest.headers)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dang-ky\/huy-ngay\?ma=\d+\.[0-9a-f]{32}$/);

  // The manage page the message links: change how often the mail comes.
  const manage = linkIn(digest.text, '/dang-ky/quan-ly?ma=');
  await gotoHydrated(visitor, manage.pathname + manage.search);
  await expect(visitor.locator('dl.record-facts')).toContainText(address);
  await expect(visitor.locator('dl.record-facts')).toContainText('Lịch tiếp công dân');
  await visitor.getByLabel('Mỗi ngày một thư (7 giờ sáng)').check();
  await visitor.getByRole('button', { name: 'Lưu tần suất' }).click();
  await expect(visitor.getByRole('status').filter({ hasText: 'Đã lưu tần suất nhận thư mới.' })).toBeVisible();

  // The mail program's one-click unsubscribe: a POST without cookies or Origin.
  const response = await request.post(oneClick!, {
    form: { 'List-Unsubscribe': 'One-Click' },
    headers: { Cookie: '' },
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe(UNSUBSCRIBED);
  // The link names nothing now: the page says so, with a 400.
  allowConsole(/status of 400 \(Bad Request\) \(http:\/\/127\.0\.0\.1:\d+\/dang-ky\/quan-ly\?ma=/);
  await gotoHydrated(visitor, manage.pathname + manage.search);
  await expect(visitor.locator('main')).toContainText('đăng ký này đã được hủy');
});
