/**
 * Hỏi đáp without JavaScript: the list's filters are a GET form, the question form posts and
 * comes back with its answer, and the confirmation is a plain form.
 */
import { expect, test } from './fixtures';
import { allowUnusedPreloads, submitPlainForm, takeTimeToFill, uniqueAddress, waitForMail } from './mail-helpers';

test.beforeEach(allowUnusedPreloads);

test('feedback sent and confirmed without JavaScript', async ({ page }) => {
  const asker = uniqueAddress('gopy-khongjs');
  await page.goto('/hoi-dap/gui?loai=gop-y');
  const form = page.locator('#gui-cau-hoi');
  await expect(form.getByLabel('Loại')).toHaveValue('gop-y');
  await form.getByLabel('Họ và tên').fill('Mai Văn Góp');
  await form.getByLabel('Email').fill(asker);
  await form.getByLabel('Lĩnh vực').selectOption('cong-thong-tin');
  await form.getByLabel('Tiêu đề').fill('Thêm bản đồ đường đến trụ sở');
  await form.getByLabel('Nội dung').fill('Đề nghị trang Liên hệ có bản đồ.');
  await takeTimeToFill(page);
  await submitPlainForm(page, 'Gửi');
  await expect(page).toHaveURL(/ket_qua=da-nhan-cau-hoi/);
  await expect(page.locator('#gui-cau-hoi .form-status')).toContainText('Đã nhận câu hỏi');

  const [mail] = await waitForMail(asker);
  const link = /http:\/\/[^\s]+\/hoi-dap\/xac-nhan\?ma=[0-9a-f]{64}/.exec(mail.text)?.[0];
  const url = new URL(link!);
  await page.goto(url.pathname + url.search);
  await submitPlainForm(page, 'Xác nhận câu hỏi');
  await expect(page.locator('p.form-ok')).toContainText('đã được xác nhận');
});

test('the list filters with a plain GET form', async ({ page }) => {
  await page.goto('/hoi-dap');
  await page.getByLabel('Loại').selectOption('gop-y');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/loai=gop-y/);
  const items = page.locator('.question-list li');
  await expect(items.first()).toBeVisible();
  for (const meta of await items.locator('.record-meta').first().allTextContents()) {
    expect(meta).toContain('Góp ý');
  }
});
