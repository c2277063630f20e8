/**
 * JavaScript disabled: the login form and the logout button are plain forms,
 * so signing in and out works through server round trips alone.
 */
import {
  BAD_LOGIN_MESSAGE,
  EDITOR,
  SEED_ARTICLE,
  ensureEditor,
  escapeRegExp,
  expect,
  loginAs,
  submitLoginForm,
  test,
  type Locator,
  type Page,
} from './fixtures';

const editorBar = (page: Page): Locator => page.locator('.editor-bar');

test.beforeEach(async () => {
  await ensureEditor();
});

test('the footer link leads to the login form', async ({ page }) => {
  await page.goto('/');
  await page.locator('footer.site-footer').getByRole('link', { name: 'Đăng nhập biên tập' }).click();
  await expect(page).toHaveURL(/\/dang-nhap(\?.*)?$/);
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Mật khẩu', { exact: true })).toBeVisible();
});

test('a wrong password comes back to the form with an error', async ({ page }) => {
  await page.goto(`/dang-nhap?next=${encodeURIComponent(SEED_ARTICLE.path)}`);
  await submitLoginForm(page, EDITOR.email, 'sai-mat-khau-roi');
  await expect(page).toHaveURL(/\/dang-nhap\?/);
  const error = page.locator('.form-error');
  await expect(error).toHaveText(BAD_LOGIN_MESSAGE);
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(editorBar(page)).toHaveCount(0);

  // The form still knows where to go: a correct login now lands on the article.
  await submitLoginForm(page, EDITOR.email, EDITOR.password);
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(SEED_ARTICLE.path)}$`));
  await expect(editorBar(page)).toContainText(EDITOR.email);
});

test('signs in to the page asked for, then signs out', async ({ page }) => {
  await loginAs(page, EDITOR.email, EDITOR.password, SEED_ARTICLE.path);
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(SEED_ARTICLE.path)}$`));
  await expect(editorBar(page).locator('.editor-email')).toHaveText(EDITOR.email);
  await expect(page.locator('article.article h1.article-title')).toHaveText(SEED_ARTICLE.title);

  // Still signed in on the next page load.
  await page.goto('/');
  await expect(editorBar(page)).toContainText(EDITOR.email);

  await editorBar(page).getByRole('button', { name: 'Đăng xuất', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(editorBar(page)).toHaveCount(0);
  await page.goto(SEED_ARTICLE.path);
  await expect(editorBar(page)).toHaveCount(0);
});
