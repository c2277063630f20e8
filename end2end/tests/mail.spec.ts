/**
 * Mail, with JavaScript on: sharing an article, the contact form, password reset by email,
 * and the administrators' outbox. Everything goes through the portal's outbox to MailDev, a
 * real SMTP server, and is read back from it.
 */
import {
  ADMIN,
  allowConsole,
  EDITOR,
  SEED_ARTICLE,
  ensureEditor,
  expect,
  gotoHydrated,
  loginAs,
  submitLoginForm,
  test,
  type Locator,
  type Page,
} from './fixtures';
import { mailTo, takeTimeToFill, uniqueAddress, waitForMail } from './mail-helpers';

const QUEUED = 'Thư đã được tiếp nhận và đang được gửi đi.';
const shareForm = (page: Page): Locator => page.locator('form.share-email');

async function share(page: Page, from: string, to: string, note = ''): Promise<void> {
  const form = shareForm(page);
  await form.getByLabel('Email của bạn').fill(from);
  await form.getByLabel('Email người nhận').fill(to);
  await form.getByLabel(/Lời nhắn/).fill(note);
  await form.getByRole('button', { name: 'Gửi email' }).click();
}

test.describe('share by email', () => {
  test('the article arrives from the portal, with the visitor as Reply-To', async ({ page }) => {
    const from = uniqueAddress('nguoigui');
    const to = uniqueAddress('nguoinhan');
    await gotoHydrated(page, SEED_ARTICLE.path);
    const before = Number((await page.locator('.share-count strong').textContent())?.replace(/\./g, ''));
    await takeTimeToFill(page);
    await share(page, from, to, 'Bạn đọc bài này nhé!');
    const status = shareForm(page).locator('.form-status');
    await expect(status).toHaveText(QUEUED);
    await expect(shareForm(page).getByLabel('Email người nhận')).toHaveValue('');

    const [mail] = await waitForMail(to);
    expect(mail.subject).toBe(`Chia sẻ bài viết: ${SEED_ARTICLE.title}`);
    expect(mail.headers['subject'] ?? mail.subject).toContain('Chia sẻ');
    expect(mail.from[0].address).toBe('no-reply@hdnd.example.vn');
    expect(mail.from[0].name).toBe('Cổng thông tin HĐND tỉnh Bình Dương');
    expect(mail.replyTo?.[0].address).toBe(from);
    expect(mail.text).toContain('Bạn đọc bài này nhé!');
    expect(mail.text).toContain(SEED_ARTICLE.path);
    expect(mail.headers['content-type']).toContain('charset=utf-8');

    // The share is counted.
    await gotoHydrated(page, SEED_ARTICLE.path);
    await expect(page.locator('.share-count strong')).toHaveText(
      new Intl.NumberFormat('de-DE').format(before + 1),
    );
  });

  test('a form sent at once is refused as a bot would be, and nothing is sent', async ({ page }) => {
    allowConsole(/status of 400 \(Bad Request\) \(.*\/api\/share_article\)/);
    const to = uniqueAddress('nhanh');
    // A query of its own: a fresh render, not the page cache's copy (whose stamp may be older).
    await gotoHydrated(page, `${SEED_ARTICLE.path}?lan=${Date.now()}`);
    await share(page, uniqueAddress('nhanh-gui'), to);
    await expect(shareForm(page).locator('.form-status')).toContainText('gửi quá nhanh');
    await page.waitForTimeout(1_000);
    expect(await mailTo(to)).toEqual([]);
  });

  test('one sender may share five times an hour, then is told to wait', async ({ page }) => {
    test.setTimeout(60_000);
    const from = uniqueAddress('gioihan');
    await gotoHydrated(page, SEED_ARTICLE.path);
    // A reader's form posts as it does without JavaScript: each answer is the article again,
    // with a form drawn anew, which takes a person a moment to fill.
    for (let i = 0; i < 5; i += 1) {
      await takeTimeToFill(page);
      await share(page, from, uniqueAddress(`nhan${i}`));
      await expect(shareForm(page).locator('.form-status')).toHaveText(QUEUED);
    }
    const last = uniqueAddress('nhan-thu-sau');
    await takeTimeToFill(page);
    await share(page, from, last);
    await expect(shareForm(page).locator('.form-status')).toHaveText(
      'Địa chỉ email của bạn đã gửi quá nhiều thư trong một giờ. Vui lòng thử lại sau.',
    );
    await page.waitForTimeout(1_000);
    expect(await mailTo(last)).toEqual([]);
  });
});

test('the contact form reaches the office, with the visitor as Reply-To', async ({ page }) => {
  const visitor = uniqueAddress('congdan');
  await gotoHydrated(page, '/trang/lien-he');
  await expect(page.locator('.page-body')).toContainText('(0274) 3848936');
  const form = page.locator('#lien-he-form form');
  await expect(form.getByRole('link', { name: 'chính sách bảo mật' })).toHaveAttribute('href', '/chinh-sach-bao-mat');
  await takeTimeToFill(page);
  const subject = `Hỏi lịch tiếp công dân ${Date.now()}`;
  await form.getByLabel('Họ và tên').fill('Nguyễn Thị Dân');
  await form.getByLabel('Email').fill(visitor);
  await form.getByLabel('Tiêu đề').fill(subject);
  await form.getByLabel('Nội dung').fill('Xin cho biết lịch tiếp công dân tháng tới.');
  await form.getByRole('button', { name: 'Gửi thư' }).click();
  await expect(form.locator('.form-status')).toHaveText(QUEUED);
  await expect
    .poll(async () => (await mailTo('banbientap.hdnd@binhduong.gov.vn')).filter((m) => m.subject === `[Liên hệ] ${subject}`).length)
    .toBe(1);
  const mail = (await mailTo('banbientap.hdnd@binhduong.gov.vn')).find((m) => m.subject === `[Liên hệ] ${subject}`)!;
  expect(mail.replyTo?.[0].address).toBe(visitor);
  expect(mail.text).toContain('Nguyễn Thị Dân');
});

test('an editor who forgot the password gets a link by mail and sets a new one', async ({ page }) => {
  const account = { email: uniqueAddress('quenmatkhau'), password: 'mat-khau-cu-du-dai' };
  await ensureEditor(account.email, account.password);
  await gotoHydrated(page, '/dang-nhap');
  await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
  await expect(page.getByRole('heading', { name: 'Quên mật khẩu', level: 1 })).toBeVisible();
  await takeTimeToFill(page);
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Gửi đường dẫn' }).click();
  const status = page.locator('.form-status');
  await expect(status).toContainText('Nếu địa chỉ này là tài khoản biên tập');

  // Asking for an address without an account gets the same words, and no mail. (The form
  // posts as it does without JavaScript: the answer draws it anew.)
  const nobody = uniqueAddress('khongcotaikhoan');
  await takeTimeToFill(page);
  await page.getByLabel('Email').fill(nobody);
  await page.getByRole('button', { name: 'Gửi đường dẫn' }).click();
  await expect(status).toContainText('Nếu địa chỉ này là tài khoản biên tập');

  const [mail] = await waitForMail(account.email);
  expect(mail.subject).toBe('Đặt lại mật khẩu tài khoản biên tập');
  const link = /http:\/\/[^\s]+\/dat-lai-mat-khau\?ma=[0-9a-f]{64}/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  expect(await mailTo(nobody)).toEqual([]);

  await gotoHydrated(page, new URL(link!).pathname + new URL(link!).search);
  await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mat-khau-moi-du-dai');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-du-dai');
  await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await expect(page).toHaveURL(/\/dang-nhap\?kq=da-dat-lai/);
  await expect(page.locator('p.form-ok')).toContainText('Đã đặt mật khẩu mới');
  await submitLoginForm(page, account.email, 'mat-khau-moi-du-dai');
  await expect(page.locator('.editor-bar')).toContainText(account.email);

  // The link works once.
  await gotoHydrated(page, new URL(link!).pathname + new URL(link!).search);
  await expect(page.getByRole('alert')).toContainText('không hợp lệ, đã được dùng hoặc đã hết hạn');
});

test('administrators see the outbox; editors may not', async ({ page, newEditor }) => {
  allowConsole(/status of 403 \(Forbidden\) \(.*\/quan-tri\/thu-di\)/);
  const editor = await newEditor(EDITOR, '/');
  await editor.goto('/quan-tri/thu-di');
  await expect(editor.getByText('Tài khoản của bạn không có quyền')).toBeVisible();

  await ensureEditor(ADMIN.email, ADMIN.password, 'admin');
  await loginAs(page, ADMIN.email, ADMIN.password, '/quan-tri/thu-di');
  await expect(page.getByRole('heading', { name: 'Thư đi', level: 1 })).toBeVisible();
  const sent = page.locator('.outbox-filter').getByRole('link', { name: /^Đã gửi \(/ });
  await expect(sent).toBeVisible();
  await sent.click();
  await expect(page).toHaveURL(/trang-thai=da-gui/);
  const rows = page.locator('.outbox-table tbody tr');
  await expect(rows.first()).toContainText('Đã gửi');
  await expect(rows.filter({ hasText: 'Đang chờ gửi' })).toHaveCount(0);
});
