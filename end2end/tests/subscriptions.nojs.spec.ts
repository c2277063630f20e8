/**
 * Subscriptions without JavaScript: a saved search is followed from the results page, the
 * form posts and comes back with its answer, the confirmation link's button posts, and the
 * manage page changes the frequency and unsubscribes, all as plain forms.
 */
import { expect, test } from './fixtures';
import { allowUnusedPreloads, submitPlainForm, takeTimeToFill, uniqueAddress, waitForMail } from './mail-helpers';

test.beforeEach(allowUnusedPreloads);

test('a saved search is subscribed, confirmed, changed and cancelled without JavaScript', async ({ page }) => {
  const address = uniqueAddress('timkiem-khongjs');
  await page.goto(`/tim-kiem?q=${encodeURIComponent('kỳ họp')}`);
  await page.getByRole('link', { name: 'Nhận kết quả mới của tìm kiếm này qua email' }).click();
  await expect(page).toHaveURL(/\/dang-ky\?chu_de=tim-kiem&q=k%E1%BB%B3\+h%E1%BB%8Dp$/);
  await expect(page.locator('.subscribe-topic')).toHaveText('Chủ đề: Tìm kiếm “kỳ họp”');
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Mỗi tuần một thư (7 giờ sáng thứ Hai)').check();
  await takeTimeToFill(page);
  await submitPlainForm(page, 'Đăng ký');
  await expect(page).toHaveURL(/kq=da-nhan-dang-ky/);
  await expect(page.locator('#dang-ky-form .form-status')).toContainText('Đã nhận yêu cầu đăng ký');

  const [confirmation] = await waitForMail(address);
  expect(confirmation.subject).toBe('Xác nhận đăng ký nhận tin: Tìm kiếm “kỳ họp”');
  expect(confirmation.text).toContain('mỗi tuần một thư');
  const link = /http:\/\/[^\s]+\/dang-ky\/xac-nhan\?ma=[0-9a-f]{64}/.exec(confirmation.text)?.[0];
  expect(link, confirmation.text).toBeTruthy();
  const url = new URL(link!);
  await page.goto(url.pathname + url.search);
  await submitPlainForm(page, 'Xác nhận đăng ký');
  await expect(page).toHaveURL(/\/dang-ky\/quan-ly\?ma=\d+\.[0-9a-f]{32}&kq=da-xac-nhan$/);
  await expect(page.locator('main .form-status')).toHaveText('Đăng ký đã được xác nhận. Bạn sẽ nhận thư khi có mục mới.');
  await expect(page.getByLabel('Mỗi tuần một thư (7 giờ sáng thứ Hai)')).toBeChecked();

  await page.getByLabel('Ngay khi có mục mới').check();
  await submitPlainForm(page, 'Lưu tần suất');
  await expect(page).toHaveURL(/kq=da-luu$/);
  await expect(page.locator('main .form-status')).toHaveText('Đã lưu tần suất nhận thư mới.');
  await expect(page.getByLabel('Ngay khi có mục mới')).toBeChecked();

  await submitPlainForm(page, 'Hủy đăng ký');
  await expect(page).toHaveURL(/kq=da-huy$/);
  await expect(page.locator('main .form-status')).toHaveText(
    'Đã hủy đăng ký. Địa chỉ email của bạn đã được xóa khỏi danh sách nhận thư của chủ đề này.',
  );
});
