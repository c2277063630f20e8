/**
 * Hỏi đáp in the browser: a citizen sends a question, confirms it through the mailed link
 * (read from MailDev), an editor finds it in the queue and answers it in place, the asker is
 * mailed the answer, and readers find it in the list, its filters and search.
 */
import {
  EDITOR,
  allowConsole,
  expect,
  gotoHydrated,
  test,
} from './fixtures';
import { takeTimeToFill, uniqueAddress, waitForMail } from './mail-helpers';

test('a question goes from the form to its answer, mailed to the asker', async ({ page, newEditor }) => {
  const asker = uniqueAddress('hoidap');
  const title = `Lịch thu gom rác khu phố ${Date.now()}`;
  await gotoHydrated(page, '/');
  await page.locator('.footer-links').getByRole('link', { name: 'Hỏi đáp', exact: true }).click();
  await expect(page).toHaveURL(/\/hoi-dap$/);
  await page.getByRole('link', { name: 'Gửi câu hỏi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gửi câu hỏi, góp ý');
  const form = page.locator('#gui-cau-hoi');
  await form.getByLabel('Họ và tên').fill('Trương Thị Hỏi');
  await form.getByLabel('Email').fill(asker);
  await form.getByLabel('Địa phương').selectOption('Thuận An');
  await form.getByLabel('Lĩnh vực').selectOption('moi-truong');
  await form.getByLabel('Tiêu đề').fill(title);
  await form.getByLabel('Nội dung').fill('Xin cho biết lịch thu gom rác sinh hoạt ở khu phố Bình Hòa.');
  await form.getByLabel('Tệp đính kèm (không bắt buộc)').setInputFiles({
    name: 'Bản đồ khu phố.pdf',
    mimeType: 'application/pdf',
    // Its own bytes each run: the store keeps one copy per content, public once any of its
    // questions is.
    buffer: Buffer.from(`%PDF-1.4\n% ban do khu pho Binh Hoa ${Date.now()}\n%%EOF\n`),
  });
  await takeTimeToFill(page);
  await form.getByRole('button', { name: 'Gửi' }).click();
  await expect(form.locator('.form-status')).toContainText('Đã nhận câu hỏi');

  const [confirmMail] = await waitForMail(asker);
  expect(confirmMail.subject).toBe(`Xác nhận câu hỏi: ${title}`);
  const link = /http:\/\/[^\s]+\/hoi-dap\/xac-nhan\?ma=[0-9a-f]{64}/.exec(confirmMail.text)?.[0];
  expect(link, confirmMail.text).toBeTruthy();
  const url = new URL(link!);
  await gotoHydrated(page, url.pathname + url.search);
  await page.getByRole('button', { name: 'Xác nhận câu hỏi' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'đã được xác nhận' })).toBeVisible();

  // Not public yet.
  await gotoHydrated(page, '/hoi-dap');
  await expect(page.locator('.question-list')).not.toContainText(title);

  // The editor finds it in the queue and answers it in place.
  const editor = await newEditor(EDITOR, '/hoi-dap');
  await editor.locator('.moderation-queue a').click();
  await expect(editor).toHaveURL(/trang_thai=cho-duyet/);
  await editor.getByRole('link', { name: title }).click();
  await expect(editor.getByRole('heading', { level: 1 })).toHaveText(title);
  // The asker's attachment is there for the editors, before anything is public.
  const attachment = editor.locator('.question-files a', { hasText: 'Bản đồ khu phố.pdf' });
  await expect(attachment).toBeVisible();
  const fileUrl = (await attachment.getAttribute('href'))!;
  expect((await editor.request.get(fileUrl)).status()).toBe(200);
  expect((await page.request.get(fileUrl, { headers: { Cookie: '' } })).status()).toBe(404);
  await editor.getByRole('button', { name: 'Duyệt, trả lời câu hỏi' }).click();
  const editorForm = editor.locator('form.record-form');
  await editorForm.getByLabel('Tình trạng').selectOption('da-tra-loi');
  await editorForm.getByLabel('Nội dung trả lời').fill('Rác được thu gom vào 18 giờ hằng ngày.');
  await editorForm.getByLabel('Ngày trả lời').fill(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }));
  await editorForm.getByLabel('Cơ quan trả lời').fill('Ủy ban nhân dân thành phố Thuận An');
  await editorForm.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(editor.locator('.petition-answer')).toContainText('Rác được thu gom vào 18 giờ hằng ngày.');

  const mails = await waitForMail(asker, 2);
  const answerMail = mails.find((m) => m.subject.startsWith('Câu hỏi của bạn đã được trả lời'))!;
  expect(answerMail.text).toContain('Ủy ban nhân dân thành phố Thuận An');
  expect(answerMail.text).toContain('Rác được thu gom vào 18 giờ hằng ngày.');

  // Readers see it, answered, under its filters, and in search.
  await gotoHydrated(page, '/hoi-dap?linh_vuc=moi-truong&dia_phuong=Thu%E1%BA%ADn%20An&trang_thai=da-tra-loi');
  await expect(page.locator('.question-list')).toContainText(title);
  await page.getByRole('link', { name: title }).click();
  await expect(page.locator('.petition-answer')).toContainText('Ủy ban nhân dân thành phố Thuận An');
  await expect(page.locator('.question-files a', { hasText: 'Bản đồ khu phố.pdf' })).toBeVisible();
  expect((await page.request.get(fileUrl)).status()).toBe(200);
  await gotoHydrated(page, `/tim-kiem?q=${encodeURIComponent('thu gom rác Bình Hòa')}&loai=hoi-dap`);
  await expect(page.locator('.search-results')).toContainText(title);
});

test('readers may not open the moderation queue', async ({ page }) => {
  allowConsole(/status of 404/);
  const response = await page.goto('/hoi-dap?trang_thai=cho-duyet');
  expect(response?.status()).toBe(404);
});
