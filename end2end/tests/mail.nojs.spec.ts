/**
 * Mail without JavaScript: the share and contact forms post, the portal answers with a
 * redirect back to the page, which says what happened; the mail arrives at MailDev.
 */
import { SEED_ARTICLE, expect, test } from './fixtures';
import { allowUnusedPreloads, mailTo, submitPlainForm, takeTimeToFill, uniqueAddress, waitForMail } from './mail-helpers';

test.beforeEach(allowUnusedPreloads);

test('a share without JavaScript is queued, said so, and arrives', async ({ page }) => {
  const from = uniqueAddress('khongjs');
  const to = uniqueAddress('khongjs-nhan');
  await page.goto(SEED_ARTICLE.path);
  const form = page.locator('form.share-email');
  await form.getByLabel('Email của bạn').fill(from);
  await form.getByLabel('Email người nhận').fill(to);
  await takeTimeToFill(page);
  await submitPlainForm(page, 'Gửi email');
  await expect(page).toHaveURL(/chia_se=da-nhan/);
  await expect(page.locator('form.share-email .form-status')).toHaveText('Thư đã được tiếp nhận và đang được gửi đi.');
  const [mail] = await waitForMail(to);
  expect(mail.replyTo?.[0].address).toBe(from);
  expect(mail.subject).toBe(`Chia sẻ bài viết: ${SEED_ARTICLE.title}`);
});

test('a contact message without JavaScript comes back with its error, then goes', async ({ page }) => {
  // A query of its own: a fresh render, not the page cache's copy (whose stamp may be older).
  await page.goto(`/trang/lien-he?lan=${Date.now()}`);
  const form = page.locator('#lien-he-form form');
  const visitor = uniqueAddress('lienhe-khongjs');
  await form.getByLabel('Họ và tên').fill('Lê Văn Cử');
  await form.getByLabel('Email').fill(visitor);
  await form.getByLabel('Tiêu đề').fill('Góp ý về cổng thông tin');
  await form.getByLabel('Nội dung').fill('Xin cảm ơn.');
  // Sent at once: refused, and the page says why.
  await submitPlainForm(page, 'Gửi thư');
  await expect(page.locator('#lien-he-form .form-status')).toContainText('gửi quá nhanh');

  await form.getByLabel('Họ và tên').fill('Lê Văn Cử');
  await form.getByLabel('Email').fill(visitor);
  await form.getByLabel('Tiêu đề').fill('Góp ý về cổng thông tin');
  await form.getByLabel('Nội dung').fill('Xin cảm ơn.');
  await takeTimeToFill(page);
  await submitPlainForm(page, 'Gửi thư');
  await expect(page.locator('#lien-he-form .form-status')).toHaveText('Thư đã được tiếp nhận và đang được gửi đi.');
  await expect
    .poll(async () => (await mailTo('banbientap.hdnd@binhduong.gov.vn')).filter((m) => m.replyTo?.[0]?.address === visitor).length)
    .toBe(1);
});

test('the privacy page says what is stored and for how long', async ({ page }) => {
  await page.goto('/');
  await page.locator('.footer-links').getByRole('link', { name: 'Chính sách bảo mật' }).click();
  await expect(page).toHaveURL(/\/chinh-sach-bao-mat$/);
  const article = page.locator('article.privacy');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('Chính sách bảo mật');
  await expect(article).toContainText('hdnd_khach');
  await expect(article).toContainText('30 ngày');
  await expect(article).toContainText('24 giờ');
  await expect(article).toContainText('Email không bao giờ được công khai');
});
