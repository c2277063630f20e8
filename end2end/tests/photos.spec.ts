/**
 * Thư viện ảnh with JavaScript: the viewer opened from a thumbnail and driven by the keyboard
 * alone (arrows, Escape, focus kept inside and given back), its accessibility, and editors
 * creating an album, uploading photos into it and writing their captions in place.
 * (`photos.nojs.spec.ts`: the same album without JavaScript, one page per photo.)
 */
import AxeBuilder from '@axe-core/playwright';
import { EDITOR, allowConsole, ensureEditor, expect, gotoHydrated, loginAs, test, type Page } from './fixtures';

export const DEMO_ALBUM = {
  path: '/thu-vien-anh/ky-hop-thu-hai-muoi-hdnd-tinh-khoa-x',
  title: 'Kỳ họp thứ Hai mươi, HĐND tỉnh khóa X',
  captions: [
    'Quang cảnh hội trường trước phiên khai mạc (ảnh minh họa)',
    'Đại biểu biểu quyết thông qua các nghị quyết (ảnh minh họa)',
    'Phiên chất vấn và trả lời chất vấn (ảnh minh họa)',
    'Bế mạc kỳ họp (ảnh minh họa)',
  ],
} as const;

/** A 96 × 64 PNG. */
const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAGAAAABACAIAAABqVuVZAAAAeklEQVR42u3RQQkAMBADwVMSYRXWd6XWRg4GVkCYzE2qynlVDSBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAgAABAgQIECBAi4HaBrUdBggQIECAAAECBAgQIECAAAECBAgQIECAAAECBAgQIECAAAECBAjQYqAPcUH5S/scMJIAAAAASUVORK5CYII=',
  'base64',
);

function viewer(page: Page) {
  return page.getByRole('dialog');
}

/** Whether the focused element is inside the viewer. */
async function focusInViewer(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest('dialog.photo-viewer') !== null);
}

test('the viewer opens from a thumbnail and is driven by the keyboard alone', async ({ page }) => {
  await gotoHydrated(page, DEMO_ALBUM.path);
  await expect(page.locator('h1')).toHaveText(DEMO_ALBUM.title);
  const thumbnails = page.locator('.photo-grid a.photo-link');
  await expect(thumbnails).toHaveCount(4);
  // Every thumbnail has its width and height (nothing moves as they load) and a srcset.
  for (const img of await page.locator('.photo-grid img').all()) {
    await expect(img).toHaveAttribute('width', '1200');
    await expect(img).toHaveAttribute('height', '800');
    await expect(img).toHaveAttribute('srcset', / 480w, .* 960w, .* 1200w$/);
  }

  await thumbnails.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(viewer(page)).toBeVisible();
  await expect(page).toHaveURL(DEMO_ALBUM.path, { ignoreCase: false });
  await expect(viewer(page).locator('.viewer-count')).toHaveText('Ảnh 2 / 4');
  await expect(viewer(page).locator('figcaption')).toContainText(DEMO_ALBUM.captions[1]);
  await expect(viewer(page).getByRole('button', { name: /Đóng/ })).toBeFocused();

  await page.keyboard.press('ArrowRight');
  await expect(viewer(page).locator('.viewer-count')).toHaveText('Ảnh 3 / 4');
  await expect(viewer(page).locator('figcaption')).toContainText(DEMO_ALBUM.captions[2]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(viewer(page).locator('.viewer-count')).toHaveText('Ảnh 1 / 4');
  await page.keyboard.press('ArrowLeft');
  await expect(viewer(page).locator('.viewer-count')).toHaveText('Ảnh 4 / 4');
  await expect(viewer(page).locator('img')).toHaveAttribute('sizes', /100vw/);

  // Tab stays inside the modal viewer.
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    expect(await focusInViewer(page), `focus after ${i + 1} Tab presses`).toBe(true);
  }
  // The buttons work from the keyboard too.
  await viewer(page).getByRole('button', { name: 'Ảnh trước' }).focus();
  await page.keyboard.press('Enter');
  await expect(viewer(page).locator('.viewer-count')).toHaveText('Ảnh 3 / 4');

  await page.keyboard.press('Escape');
  await expect(viewer(page)).toBeHidden();
  await expect(thumbnails.nth(1)).toBeFocused();

  // Closed with its button, it gives the focus back as well.
  await thumbnails.nth(3).click();
  await expect(viewer(page).locator('.viewer-count')).toHaveText('Ảnh 4 / 4');
  await viewer(page).getByRole('button', { name: /Đóng/ }).click();
  await expect(viewer(page)).toBeHidden();
  await expect(thumbnails.nth(3)).toBeFocused();
});

test('the open viewer has no WCAG 2.1 AA violations', async ({ page }) => {
  await gotoHydrated(page, DEMO_ALBUM.path);
  await page.locator('.photo-grid a.photo-link').first().click();
  await expect(viewer(page)).toBeVisible();
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('a photo page links on to the next and back to its album, client-side', async ({ page }) => {
  await gotoHydrated(page, DEMO_ALBUM.path);
  const href = await page.locator('.photo-grid a.photo-link').first().getAttribute('href');
  await gotoHydrated(page, href ?? '');
  await expect(page.locator('h1')).toHaveText(DEMO_ALBUM.captions[0]);
  await page.getByRole('link', { name: 'Ảnh sau ›' }).click();
  await expect(page.locator('h1')).toHaveText(DEMO_ALBUM.captions[1]);
  await page.getByRole('link', { name: `Cả album “${DEMO_ALBUM.title}”` }).click();
  await expect(page).toHaveURL(DEMO_ALBUM.path);
});

test('an editor creates an album, uploads photos into it and writes their captions', async ({ page, browser }) => {
  // The empty caption below is refused by the server (400), which the browser logs.
  allowConsole(/400 \(Bad Request\).*\/api\/save_photo/);
  await ensureEditor(EDITOR.email, EDITOR.password);
  await loginAs(page, EDITOR.email, EDITOR.password, '/thu-vien-anh');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  const title = `Giám sát tại Bến Cát ${Date.now()}`;
  await page.getByRole('button', { name: 'Tạo album mới' }).click();
  await page.getByRole('button', { name: 'Tạo album', exact: true }).click();
  // The browser asks for the required fields first; the form is not sent empty.
  await expect(page).toHaveURL(/\/thu-vien-anh$/);
  await page.getByLabel('Tên album').fill(title);
  await page.getByLabel('Ngày diễn ra').fill('2001-02-03');
  await page.getByLabel('Mô tả').fill('Đoàn giám sát làm việc tại thị xã Bến Cát.');
  await page.getByRole('button', { name: 'Tạo album', exact: true }).click();
  await expect(page).toHaveURL(/\/thu-vien-anh\/giam-sat-tai-ben-cat-\d+$/);
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.getByText('Album chưa có ảnh.')).toBeVisible();

  await page.getByLabel('Thêm ảnh vào album').setInputFiles([
    { name: 'anh-1.png', mimeType: 'image/png', buffer: PHOTO_PNG },
    { name: 'anh-2.png', mimeType: 'image/png', buffer: PHOTO_PNG },
  ]);
  await expect(page.locator('.edit-tools .editor-status')).toHaveText('Đã thêm 2 ảnh vào album.');
  await expect(page.locator('.photo-grid img')).toHaveCount(2);
  await expect(page.locator('.photo-grid img').first()).toHaveAttribute('width', '96');
  await expect(page.locator('.photo-caption').first()).toHaveText(title);

  await page.getByText('Sửa chú thích ảnh').click();
  await page.getByLabel('Chú thích ảnh 1').fill('Trưởng đoàn phát biểu');
  await page.getByRole('button', { name: 'Lưu ảnh 1' }).click();
  await expect(page.locator('.edit-tools .editor-status')).toHaveText('Đã lưu chú thích ảnh 1.');
  await expect(page.locator('.photo-caption').first()).toHaveText('Trưởng đoàn phát biểu');
  // An empty caption is refused: it is the photo's text alternative.
  await page.getByText('Sửa chú thích ảnh').click();
  await page.getByLabel('Chú thích ảnh 2').fill(' ');
  await page.getByRole('button', { name: 'Lưu ảnh 2' }).click();
  await expect(page.locator('.edit-tools .editor-status')).toContainText('Vui lòng nhập chú thích ảnh');

  // Visitors get it all server-rendered.
  const albumPath = new URL(page.url()).pathname;
  const visitor = await browser.newContext();
  const html = await (await visitor.request.get(new URL(albumPath, page.url()).toString())).text();
  expect(html).toContain('Trưởng đoàn phát biểu');
  expect(html).toContain('Thứ 7, 03/02/2001');
  await visitor.close();
});
