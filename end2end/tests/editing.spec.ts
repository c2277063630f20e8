/**
 * Editing by signed-in editors: logging in and out, editing an article in
 * place, the unsaved-changes guards, conflicts between two editors, history,
 * drafts/scheduling/publishing, the trash, and what visitors may not do.
 *
 * All tests share the run's database. Articles are edited only when the test
 * created them itself ("Bài viết mới" in SANDBOX_CATEGORY, whose listing no
 * other test counts, with publication times far in the past so they never
 * reach the "latest" lists). The seed article is only opened, never saved.
 */
import {
  BAD_LOGIN_MESSAGE,
  EDITOR,
  SECOND_EDITOR,
  SEED_ARTICLE,
  allowConsole,
  articleListItems,
  ensureEditor,
  escapeRegExp,
  expect,
  expectNotFoundAt,
  gotoHydrated,
  loginAs,
  pagination,
  submitLoginForm,
  test,
  type Account,
  type Locator,
  type Page,
} from './fixtures';

// ---------------------------------------------------------------------------
// Test data
// ---------------------------------------------------------------------------

/** Category the tests create their articles in ("Hoạt động HĐND"; no other test counts it). */
const SANDBOX_CATEGORY = '/chuyen-muc/hoat-dong-hdnd';

/** Publication times for the status field (local time, as `datetime-local` wants it). */
const LONG_AGO = '2001-01-01T08:00';
const FAR_FUTURE = '2099-01-01T08:00';

/** Fields in edit mode, in page order. */
const EDITABLE_FIELDS = [
  'h1.article-title',
  'p.article-lead',
  'div.article-body',
  '.article-figure figcaption',
  'p.article-source',
] as const;

const FORMAT_BUTTONS = [
  'Đậm',
  'Nghiêng',
  'Tiêu đề mục',
  'Danh sách',
  'Danh sách số',
  'Trích dẫn',
  'Liên kết',
] as const;

const EDIT_ACTIONS = ['Lưu', 'Hủy', 'Lịch sử', 'Chuyển vào thùng rác'] as const;

let counter = 0;
/** A title no other test (or earlier run against the same server) has used. */
function uniqueTitle(prefix: string): string {
  counter += 1;
  return `${prefix} ${Date.now()}${counter}`;
}

/** The slug the server derives from a title ("Đề án" → "de-an"), for the titles used here. */
function slugOf(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------
// Page parts
// ---------------------------------------------------------------------------

const titleField = (page: Page): Locator => page.locator('article.article h1.article-title');
const leadField = (page: Page): Locator => page.locator('article.article p.article-lead');
const bodyField = (page: Page): Locator => page.locator('article.article div.article-body');
const editorStatus = (page: Page): Locator => page.locator('.editor-status');
const statusBadge = (page: Page): Locator => page.locator('.status-badge');
const statusSelect = (page: Page): Locator => page.getByLabel('Trạng thái', { exact: true });
const publishedInput = (page: Page): Locator => page.getByLabel('Thời gian đăng', { exact: true });
const formatToolbar = (page: Page): Locator =>
  page.locator('[role="toolbar"][aria-label="Định dạng"]');
const historyPanel = (page: Page): Locator => page.locator('.history-panel');
const conflictPanel = (page: Page): Locator => page.locator('.conflict-panel');
const editorBar = (page: Page): Locator => page.locator('.editor-bar');
const button = (scope: Page | Locator, name: string): Locator =>
  scope.getByRole('button', { name, exact: true });

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** Signs the test's own page in as `account` and opens `path`, hydrated. */
async function openAsEditor(page: Page, path: string, account = EDITOR): Promise<void> {
  await ensureEditor(account.email, account.password);
  await loginAs(page, account.email, account.password, path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
}

async function expectEditMode(page: Page, on: boolean): Promise<void> {
  if (on) {
    await expect(titleField(page)).toHaveAttribute('contenteditable', 'true');
  } else {
    await expect(page.locator('article.article [contenteditable="true"]')).toHaveCount(0);
  }
}

async function startEditing(page: Page): Promise<void> {
  await page.locator('button.edit-toggle').click();
  await expectEditMode(page, true);
}

/** Presses "Lưu" and waits for "Đã lưu phiên bản N." and the end of edit mode. */
async function save(page: Page, version: number): Promise<void> {
  await button(page, 'Lưu').click();
  await expect(editorStatus(page)).toHaveText(`Đã lưu phiên bản ${version}.`);
  await expectEditMode(page, false);
}

/**
 * Answers the next dialog (accepting or dismissing it); resolves to its type
 * ("confirm", "beforeunload"…) once answered.
 */
function answerNextDialog(page: Page, accept: boolean): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', async (dialog) => {
      const type = dialog.type();
      await (accept ? dialog.accept() : dialog.dismiss());
      resolve(type);
    });
  });
}

/** Records every dialog from now on (dismissing it), to assert that none was shown. */
function recordDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', async (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return seen;
}

/** The path of the current page, without query. */
const pathOf = (page: Page): string => new URL(page.url()).pathname;

/**
 * "Bài viết mới" on the sandbox category: a new draft opens in edit mode.
 * Returns its path (`/bai-viet/bai-viet-moi-<id>`).
 */
async function createDraft(page: Page): Promise<string> {
  await gotoHydrated(page, SANDBOX_CATEGORY);
  await button(page, 'Bài viết mới').click();
  await expect(page).toHaveURL(/\/bai-viet\/bai-viet-moi-\d+\?sua=1$/);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  await expectEditMode(page, true);
  await expect(titleField(page)).toHaveText('Bài viết mới');
  await expect(statusSelect(page)).toHaveValue('draft');
  await expect(statusBadge(page)).toHaveText('Bản nháp');
  return pathOf(page);
}

interface ArticleText {
  title: string;
  lead?: string;
  body?: string;
}

async function fillArticle(page: Page, { title, lead, body }: ArticleText): Promise<void> {
  await titleField(page).fill(title);
  if (lead !== undefined) await leadField(page).fill(lead);
  if (body !== undefined) await bodyField(page).fill(body);
}

/** Sets "Trạng thái" and, if given, "Thời gian đăng" (edit mode). */
async function setPublication(
  page: Page,
  status: 'draft' | 'published',
  at?: string,
): Promise<void> {
  await statusSelect(page).selectOption(status);
  if (at) await publishedInput(page).fill(at);
}

/**
 * A new article with the given text, saved once (version 2). Published long
 * ago unless `draft`. Returns its path, which follows the title.
 */
async function createArticle(
  page: Page,
  text: ArticleText,
  { draft = false }: { draft?: boolean } = {},
): Promise<string> {
  await createDraft(page);
  await fillArticle(page, text);
  if (!draft) await setPublication(page, 'published', LONG_AGO);
  await save(page, 2);
  const path = `/bai-viet/${slugOf(text.title)}`;
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(path)}(\\?.*)?$`));
  return path;
}

/** HTTP status of `path` for a visitor (no cookies), and its server-rendered HTML. */
async function visitorFetch(visitor: Page, path: string): Promise<{ status: number; html: string }> {
  const response = await visitor.request.get(path);
  return { status: response.status(), html: await response.text() };
}

async function expectVisitorSees(visitor: Page, path: string, text: string): Promise<void> {
  const { status, html } = await visitorFetch(visitor, path);
  expect(status, `status of ${path} for a visitor`).toBe(200);
  expect(html, `server-rendered HTML of ${path}`).toContain(text);
}

async function expectVisitorNotFound(visitor: Page, path: string): Promise<void> {
  expect((await visitorFetch(visitor, path)).status, `status of ${path} for a visitor`).toBe(404);
}

/** Titles listed on every page of a category (following its pagination). */
async function categoryTitles(page: Page, categoryPath: string): Promise<string[]> {
  await gotoHydrated(page, categoryPath);
  const pageNumbers = (await pagination(page).locator('a, [aria-current="page"]').allTextContents())
    .map((text) => Number(text.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  const last = Math.max(1, ...pageNumbers);
  const titles: string[] = [];
  for (let n = 1; n <= last; n += 1) {
    if (n > 1) await gotoHydrated(page, `${categoryPath}?trang=${n}`);
    titles.push(...(await articleListItems(page).locator('a').allTextContents()).map((t) => t.trim()));
  }
  return titles;
}

/** "Chuyển vào thùng rác" (confirmed) from the article shown; ends on the trash page. */
async function moveToTrash(page: Page): Promise<void> {
  await startEditing(page);
  const dialog = answerNextDialog(page, true);
  await button(page, 'Chuyển vào thùng rác').click();
  expect(await dialog).toBe('confirm');
  await expect(page).toHaveURL(/\/thung-rac(\?.*)?$/);
}

const trashEntry = (page: Page, title: string): Locator =>
  page.locator('main#noi-dung').locator('li, tr').filter({ hasText: title });

// ---------------------------------------------------------------------------
// Logging in and out
// ---------------------------------------------------------------------------

test.describe('login', () => {
  test.beforeEach(async () => {
    await ensureEditor();
  });

  test('the footer links to the login form', async ({ page }) => {
    await gotoHydrated(page, '/');
    await page.locator('footer.site-footer').getByRole('link', { name: 'Đăng nhập biên tập' }).click();
    await expect(page).toHaveURL(/\/dang-nhap(\?.*)?$/);
    await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Mật khẩu', { exact: true })).toBeVisible();
    await expect(button(page, 'Đăng nhập')).toBeVisible();
  });

  test('signs in, returns to the page asked for, and signs out', async ({ page }) => {
    await loginAs(page, EDITOR.email, EDITOR.password, SEED_ARTICLE.path);
    await expect(page).toHaveURL(new RegExp(`${escapeRegExp(SEED_ARTICLE.path)}$`));
    await expect(editorBar(page).locator('.editor-email')).toHaveText(EDITOR.email);

    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
    await button(editorBar(page), 'Đăng xuất').click();
    await expect(page).toHaveURL(/\/$/);
    await expect(editorBar(page)).toHaveCount(0);
    await gotoHydrated(page, SEED_ARTICLE.path);
    await expect(editorBar(page)).toHaveCount(0);
    await expect(page.locator('.edit-toggle')).toHaveCount(0);
  });

  test('without "next" the home page follows the login', async ({ page }) => {
    await page.goto('/dang-nhap');
    await submitLoginForm(page, EDITOR.email, EDITOR.password);
    await expect(editorBar(page)).toContainText(EDITOR.email);
    await expect(page).toHaveURL(/\/$/);
  });

  for (const [what, email, password] of [
    ['a wrong password', EDITOR.email, 'sai-mat-khau-roi'],
    ['an unknown email', 'khong-ai-ca@hdnd.vn', EDITOR.password],
  ] as const) {
    test(`${what} is refused with the same message`, async ({ page }) => {
      // A script-driven form would see the refusal as an HTTP error.
      allowConsole(/status of 4\d\d .*\/api\/login/);
      await page.goto(`/dang-nhap?next=${encodeURIComponent(SEED_ARTICLE.path)}`);
      await submitLoginForm(page, email, password);
      const error = page.locator('.form-error');
      await expect(error).toHaveText(BAD_LOGIN_MESSAGE);
      await expect(error).toHaveAttribute('role', 'alert');
      await expect(page).toHaveURL(/\/dang-nhap(\?.*)?$/);
      await expect(editorBar(page)).toHaveCount(0);
    });
  }
});

// ---------------------------------------------------------------------------
// Edit in place
// ---------------------------------------------------------------------------

test.describe('edit in place', () => {
  test('the seed article turns editable in place, with toolbar and controls', async ({ page }) => {
    await openAsEditor(page, SEED_ARTICLE.path);
    const dialogs = recordDialogs(page);
    await expect(page.locator('button.edit-toggle')).toHaveText('Sửa bài viết');
    await expectEditMode(page, false);

    await startEditing(page);
    for (const selector of EDITABLE_FIELDS) {
      await expect(page.locator(`article.article ${selector}`), selector).toHaveAttribute(
        'contenteditable',
        'true',
      );
    }
    for (const name of FORMAT_BUTTONS) await expect(button(formatToolbar(page), name)).toBeVisible();
    await expect(statusSelect(page).locator('option')).toHaveText(['Bản nháp', 'Đăng']);
    expect(
      await statusSelect(page).locator('option').evaluateAll((options) =>
        options.map((option) => (option as HTMLOptionElement).value),
      ),
    ).toEqual(['draft', 'published']);
    await expect(statusSelect(page)).toHaveValue('published');
    await expect(publishedInput(page)).toHaveAttribute('type', 'datetime-local');
    await expect(publishedInput(page)).toHaveValue(/^2022-06-20T\d{2}:\d{2}/);
    for (const name of EDIT_ACTIONS) await expect(button(page, name)).toBeVisible();

    // Nothing changed: cancelling asks nothing and leaves the article as it was.
    await button(page, 'Hủy').click();
    await expectEditMode(page, false);
    await expect(titleField(page)).toHaveText(SEED_ARTICLE.title);
    expect(dialogs).toEqual([]);
  });

  test('saving shows the new text, and visitors get it server-rendered', async ({
    page,
    newVisitor,
  }) => {
    await openAsEditor(page, SANDBOX_CATEGORY);
    const original = { title: uniqueTitle('Bài kiểm thử lưu'), lead: 'Sapo ban đầu.', body: 'Nội dung ban đầu.' };
    const path = await createArticle(page, original);

    const edited = { title: uniqueTitle('Bài kiểm thử đã sửa'), lead: 'Sapo đã sửa.', body: 'Đoạn văn in đậm' };
    await startEditing(page);
    await fillArticle(page, edited);
    // Formatting: bold the whole body through the toolbar.
    await bodyField(page).click();
    await page.keyboard.press('ControlOrMeta+A');
    await button(formatToolbar(page), 'Đậm').click();
    await expect(bodyField(page).locator('strong, b')).toHaveText(edited.body);
    await save(page, 3);

    // Published articles keep their address; the page shows the saved text.
    await expect(page).toHaveURL(new RegExp(`${escapeRegExp(path)}(\\?.*)?$`));
    await expect(titleField(page)).toHaveText(edited.title);
    await expect(leadField(page)).toHaveText(edited.lead);
    await expect(bodyField(page).locator('strong, b')).toHaveText(edited.body);

    await gotoHydrated(page, path);
    await expect(titleField(page)).toHaveText(edited.title);
    await expect(bodyField(page).locator('strong, b')).toHaveText(edited.body);

    const visitor = await newVisitor();
    await expectVisitorSees(visitor, path, edited.title);
    await expectVisitorSees(visitor, path, edited.lead);
  });

  test('"Hủy" asks before dropping changes and restores the stored text', async ({ page }) => {
    await openAsEditor(page, SANDBOX_CATEGORY);
    const stored = { title: uniqueTitle('Bài kiểm thử hủy'), lead: 'Sapo đã lưu.' };
    await createArticle(page, stored, { draft: true });

    await startEditing(page);
    await fillArticle(page, { title: 'Tiêu đề chưa lưu', lead: 'Sapo chưa lưu.' });

    // Dismissing the question keeps editing, with the changes.
    let dialog = answerNextDialog(page, false);
    await button(page, 'Hủy').click();
    expect(await dialog).toBe('confirm');
    await expectEditMode(page, true);
    await expect(titleField(page)).toHaveText('Tiêu đề chưa lưu');

    // Accepting drops them.
    dialog = answerNextDialog(page, true);
    await button(page, 'Hủy').click();
    expect(await dialog).toBe('confirm');
    await expectEditMode(page, false);
    await expect(titleField(page)).toHaveText(stored.title);
    await expect(leadField(page)).toHaveText(stored.lead);
  });

  test('logging out removes the unsaved copies kept in this browser', async ({ page }) => {
    await openAsEditor(page, SANDBOX_CATEGORY);
    const path = await createArticle(page, { title: uniqueTitle('Bài kiểm thử bản nháp') }, { draft: true });
    const drafts = (): Promise<string[]> =>
      page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith('hdnd:ban-nhap:')));
    await page.evaluate(() => window.localStorage.setItem('khac:giu-lai', '1'));

    await startEditing(page);
    await titleField(page).fill('Tiêu đề chưa lưu trước khi đăng xuất');
    await expect.poll(drafts).toEqual([`hdnd:ban-nhap:${path.split('/').pop()}`]);

    // Logging out leaves a page with unsaved changes: the browser asks, the editor leaves.
    const dialog = answerNextDialog(page, true);
    await button(editorBar(page), 'Đăng xuất').click();
    expect(await dialog).toBe('beforeunload');
    await expect(page).toHaveURL(/\/$/);
    await expect(editorBar(page)).toHaveCount(0);
    expect(await drafts()).toEqual([]);
    expect(await page.evaluate(() => window.localStorage.getItem('khac:giu-lai'))).toBe('1');
  });

  test('leaving with unsaved changes asks first', async ({ page }) => {
    await openAsEditor(page, SANDBOX_CATEGORY);
    const stored = { title: uniqueTitle('Bài kiểm thử rời trang') };
    const path = await createArticle(page, stored, { draft: true });

    // Reload: the browser's beforeunload prompt; leaving drops the changes.
    await startEditing(page);
    await titleField(page).fill('Tiêu đề chưa lưu khi tải lại');
    let dialog = answerNextDialog(page, true);
    await page.reload();
    expect(await dialog).toBe('beforeunload');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
    await expect(titleField(page)).toHaveText(stored.title);

    // An in-site link: a confirm; "stay" keeps the page and the changes.
    await gotoHydrated(page, path);
    await startEditing(page);
    await titleField(page).fill('Tiêu đề chưa lưu khi bấm liên kết');
    const homeLink = page.locator('header.site-header a.site-title');
    dialog = answerNextDialog(page, false);
    await homeLink.click();
    expect(await dialog).toBe('confirm');
    await expect(page).toHaveURL(new RegExp(`${escapeRegExp(path)}(\\?.*)?$`));
    await expect(titleField(page)).toHaveText('Tiêu đề chưa lưu khi bấm liên kết');

    dialog = answerNextDialog(page, true);
    await homeLink.click();
    expect(await dialog).toBe('confirm');
    await expect(page).toHaveURL(/\/$/);

    // Nothing unsaved: no question at all.
    await gotoHydrated(page, path);
    const dialogs = recordDialogs(page);
    await page.reload();
    await expect(titleField(page)).toHaveText(stored.title);
    expect(dialogs).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Two editors at once
// ---------------------------------------------------------------------------

/**
 * Two editors on one new article (saved once, version 2), both in edit mode: A is the test's
 * page, B a second signed-in editor. A's refused save will be an HTTP 409 answer.
 */
async function twoEditorsOn(
  page: Page,
  newEditor: (account?: Account, next?: string) => Promise<Page>,
  text: ArticleText,
): Promise<{ editorA: Page; editorB: Page; path: string }> {
  allowConsole(/status of 409/);
  const editorA = page;
  await openAsEditor(editorA, SANDBOX_CATEGORY);
  const path = await createArticle(editorA, text);
  const editorB = await newEditor(SECOND_EDITOR, path);
  await expect(editorB.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  await gotoHydrated(editorA, path);
  await startEditing(editorA);
  await startEditing(editorB);
  return { editorA, editorB, path };
}


test('a conflicting save shows the other editor\'s changes and saves the merge', async ({
  page,
  newEditor,
}) => {
  test.slow();
  const { editorA, editorB, path } = await twoEditorsOn(page, newEditor, {
    title: uniqueTitle('Bài kiểm thử xung đột'),
    lead: 'Sapo gốc trước khi sửa.',
  });

  const titleOfB = uniqueTitle('Tiêu đề đổi bởi biên tập viên hai');
  await titleField(editorB).fill(titleOfB);
  await save(editorB, 3);

  const leadOfA = 'Sapo viết lại bởi biên tập viên một.';
  await leadField(editorA).fill(leadOfA);
  await button(editorA, 'Lưu').click();

  const panel = conflictPanel(editorA);
  await expect(panel).toHaveAttribute('role', 'alert');
  await expect(panel).toContainText('đã được người khác sửa');
  await expect(panel).toContainText('Tiêu đề');
  await expect(panel.locator('.diff ins').filter({ hasText: 'hai' }).first()).toBeVisible();
  await expect(panel.locator('.diff del').filter({ hasText: 'xung' }).first()).toBeVisible();
  // A's work is still there, still editable.
  await expect(leadField(editorA)).toHaveText(leadOfA);
  await expect(leadField(editorA)).toHaveAttribute('contenteditable', 'true');

  await button(editorA, 'Lưu bản đã hợp nhất').click();
  await expect(editorStatus(editorA)).toHaveText('Đã lưu phiên bản 4.');

  await gotoHydrated(editorA, path);
  await expect(titleField(editorA)).toHaveText(titleOfB);
  await expect(leadField(editorA)).toHaveText(leadOfA);
});

test('a body only clicked into is not "edited": the other editor\'s body survives the merge', async ({
  page,
  newEditor,
}) => {
  test.slow();
  const { editorA, editorB, path } = await twoEditorsOn(page, newEditor, {
    title: uniqueTitle('Bài kiểm thử thân bài'),
    lead: 'Sapo gốc.',
    body: 'Thân bài gốc, chưa ai sửa.',
  });
  // A clicks into the body and moves around in it, typing nothing.
  await bodyField(editorA).click();
  await editorA.keyboard.press('End');
  await editorA.keyboard.press('Home');

  const bodyOfB = 'Thân bài viết lại bởi biên tập viên hai.';
  await bodyField(editorB).fill(bodyOfB);
  await save(editorB, 3);

  const titleOfA = uniqueTitle('Tiêu đề của biên tập viên một');
  await titleField(editorA).fill(titleOfA);
  await button(editorA, 'Lưu').click();
  const panel = conflictPanel(editorA);
  await expect(panel).toContainText('Nội dung');
  // A did not change the body, so it takes B's; A's title stays.
  await expect(bodyField(editorA)).toContainText(bodyOfB);
  await expect(titleField(editorA)).toHaveText(titleOfA);
  await button(editorA, 'Lưu bản đã hợp nhất').click();
  await expect(editorStatus(editorA)).toHaveText('Đã lưu phiên bản 4.');

  await gotoHydrated(editorA, path);
  await expect(titleField(editorA)).toHaveText(titleOfA);
  await expect(bodyField(editorA)).toContainText(bodyOfB);
  await expect(bodyField(editorA)).not.toContainText('chưa ai sửa');
});

// ---------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------

test.describe('history', () => {
  const revisions = (page: Page): Locator => historyPanel(page).locator('li.revision');

  test('lists versions newest first, shows changes and restores an old version', async ({
    page,
  }) => {
    await openAsEditor(page, SANDBOX_CATEGORY);
    const firstLead = 'Sapo phiên bản đầu tiên.';
    const secondLead = 'Sapo đã được viết lại.';
    const title = uniqueTitle('Bài kiểm thử lịch sử');
    await createArticle(page, { title, lead: firstLead }, { draft: true }); // version 2
    await startEditing(page);
    await leadField(page).fill(secondLead);
    await save(page, 3);

    await startEditing(page);
    await button(page, 'Lịch sử').click();
    await expect(revisions(page)).toHaveCount(3);
    for (const [index, version] of [3, 2, 1].entries()) {
      const item = revisions(page).nth(index);
      await expect(item).toContainText(`Phiên bản ${version}`);
      await expect(item).toContainText(EDITOR.email);
      await expect(item).toContainText(/\d{1,2}:\d{2}/);
      await expect(button(item, 'Xem thay đổi')).toBeVisible();
      await expect(button(item, 'Khôi phục')).toBeVisible();
    }

    const newest = revisions(page).first();
    await button(newest, 'Xem thay đổi').click();
    const diff = historyPanel(page).locator('.diff');
    await expect(diff.locator('ins').filter({ hasText: 'viết' }).first()).toBeVisible();
    await expect(diff.locator('del').filter({ hasText: 'tiên' }).first()).toBeVisible();

    await button(revisions(page).nth(1), 'Khôi phục').click();
    await expect(editorStatus(page)).toHaveText(/^Đã khôi phục phiên bản 2\b/);
    await expect(leadField(page)).toHaveText(firstLead);
    await expect(titleField(page)).toHaveText(title);

    // The restore is a new version on top.
    await gotoHydrated(page, pathOf(page));
    await expect(leadField(page)).toHaveText(firstLead);
    await startEditing(page);
    await button(page, 'Lịch sử').click();
    await expect(revisions(page)).toHaveCount(4);
    await expect(revisions(page).first()).toContainText('Phiên bản 4');
  });

  test('the original version of the seed article is "Dữ liệu ban đầu"', async ({ page }) => {
    await openAsEditor(page, SEED_ARTICLE.path);
    await startEditing(page);
    await button(page, 'Lịch sử').click();
    const original = revisions(page).last();
    await expect(original).toContainText('Phiên bản 1');
    await expect(original).toContainText('Dữ liệu ban đầu');
    await button(page, 'Hủy').click();
    await expectEditMode(page, false);
    await expect(titleField(page)).toHaveText(SEED_ARTICLE.title);
  });
});

// ---------------------------------------------------------------------------
// Drafts, scheduling, publishing, trash
// ---------------------------------------------------------------------------

test('a new article goes from draft to scheduled to published, to the trash and back', async ({
  page,
  newVisitor,
}) => {
  test.setTimeout(120_000);
  const visitor = await newVisitor();
  const title = uniqueTitle('Bài kiểm thử xuất bản');
  const path = `/bai-viet/${slugOf(title)}`;
  await openAsEditor(page, SANDBOX_CATEGORY);

  await test.step('a new draft moves to the slug of its title when saved', async () => {
    await createDraft(page);
    await fillArticle(page, { title, lead: 'Sapo của bài nháp.', body: 'Nội dung bài nháp.' });
    await save(page, 2);
    await expect(page).toHaveURL(new RegExp(`${escapeRegExp(path)}(\\?.*)?$`));
    await expect(statusBadge(page)).toHaveText('Bản nháp');
    await expectVisitorNotFound(visitor, path);
    await expectNotFoundAt(visitor, path, { hydrate: true });
  });

  await test.step('"Đăng" with a future time schedules it', async () => {
    await startEditing(page);
    await setPublication(page, 'published', FAR_FUTURE);
    await save(page, 3);
    await expect(statusBadge(page)).toHaveText('Hẹn giờ đăng');
    await expectVisitorNotFound(visitor, path);
    expect(await categoryTitles(visitor, SANDBOX_CATEGORY)).not.toContain(title);
  });

  await test.step('a past time publishes it', async () => {
    await startEditing(page);
    await setPublication(page, 'published', LONG_AGO);
    await save(page, 4);
    await expect(page).toHaveURL(new RegExp(`${escapeRegExp(path)}(\\?.*)?$`));
    await expectVisitorSees(visitor, path, title);
    expect(await categoryTitles(visitor, SANDBOX_CATEGORY)).toContain(title);
  });

  await test.step('"Chuyển vào thùng rác" hides it from visitors', async () => {
    await gotoHydrated(page, path);
    await moveToTrash(page);
    await expect(trashEntry(page, title)).toHaveCount(1);
    await expectVisitorNotFound(visitor, path);
  });

  await test.step('"Khôi phục" in the trash brings it back', async () => {
    await button(trashEntry(page, title), 'Khôi phục').click();
    await expect(trashEntry(page, title)).toHaveCount(0);
    await expectVisitorSees(visitor, path, title);
  });
});

// ---------------------------------------------------------------------------
// Visitors
// ---------------------------------------------------------------------------

test.describe('visitors cannot edit', () => {
  test('no editing controls, and the trash asks to sign in', async ({ page }) => {
    await gotoHydrated(page, SEED_ARTICLE.path);
    await expect(page.locator('.edit-toggle')).toHaveCount(0);
    await expect(editorBar(page)).toHaveCount(0);
    await expect(page.locator('[contenteditable="true"]')).toHaveCount(0);

    await gotoHydrated(page, SANDBOX_CATEGORY);
    await expect(button(page, 'Bài viết mới')).toHaveCount(0);

    // The trash answers a visitor 401, with a way to sign in.
    allowConsole(/status of 401 .*\/thung-rac\)$/);
    const response = await gotoHydrated(page, '/thung-rac');
    expect(response?.status()).toBe(401);
    await expect(page.locator('main#noi-dung')).toContainText('Bạn cần đăng nhập');
  });

  test('saving through the API without a session is refused', async ({ page, baseURL }) => {
    const response = await page.request.post('/api/save_article', {
      headers: { origin: baseURL! },
      data: {
        slug: SEED_ARTICLE.path.replace('/bai-viet/', ''),
        base_version: 1,
        fields: {
          title: 'Tiêu đề bị sửa trái phép',
          lead: 'Sapo bị sửa trái phép.',
          body_html: '<p>Nội dung bị sửa trái phép.</p>',
          image_url: null,
          image_caption: null,
          source: null,
          status: 'Published',
          published_local: '2022-06-20T08:00',
        },
      },
    });
    expect(response.status()).toBe(401);

    await gotoHydrated(page, SEED_ARTICLE.path);
    await expect(titleField(page)).toHaveText(SEED_ARTICLE.title);
    await expect(page.locator('body')).not.toContainText('bị sửa trái phép');
  });
});

// ---------------------------------------------------------------------------
// Images and pasting
// ---------------------------------------------------------------------------

/** A real 2×2 PNG (red pixels). */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4IScHRAwQCgAfJgQRoo8irwAAAABJRU5ErkJggg==',
  'base64',
);

test('an image is uploaded from the toolbar, described, saved and shown to visitors', async ({
  page,
  newVisitor,
}) => {
  await openAsEditor(page, SANDBOX_CATEGORY);
  const title = uniqueTitle('Bài có ảnh');
  const path = await createArticle(page, { title, lead: 'Sapo.', body: 'Đoạn đầu.' });
  await startEditing(page);
  await bodyField(page).click();
  const chooser = page.waitForEvent('filechooser');
  page.once('dialog', (dialog) => dialog.accept('Hội trường kỳ họp'));
  await page.getByRole('button', { name: 'Ảnh', exact: true }).click();
  await (await chooser).setFiles({ name: 'anh.png', mimeType: 'image/png', buffer: TINY_PNG });
  const image = bodyField(page).locator('img');
  await expect(image).toHaveAttribute('alt', 'Hội trường kỳ họp');
  await expect(image).toHaveAttribute('src', /^\/uploads\/[0-9a-f]{64}\.png$/);
  await save(page, 3);

  const visitor = await newVisitor();
  const { status, html } = await visitorFetch(visitor, path);
  expect(status).toBe(200);
  expect(html).toMatch(/<img src="\/uploads\/[0-9a-f]{64}\.png" alt="Hội trường kỳ họp"/);
  const src = (await page.locator('article.article .article-body img').getAttribute('src')) ?? '';
  const served = await visitor.request.get(src);
  expect(served.status()).toBe(200);
  expect(served.headers()['cache-control']).toContain('immutable');
});

test('pasting from Word keeps headings, lists, bold and links and drops the rest', async ({ page }) => {
  await openAsEditor(page, SANDBOX_CATEGORY);
  await createDraft(page);
  await bodyField(page).click();
  await page.evaluate(() => {
    const body = document.querySelector('div.article-body[contenteditable="true"]');
    if (!body) throw new Error('no editable body');
    const word =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{color:red}</style></head><body>' +
      '<h1 class="MsoTitle" style="font-family:Times">Báo cáo giám sát</h1>' +
      '<p class="MsoNormal" style="margin:0"><span style="font-size:14pt;color:#1F3864"><b>Kết quả</b> chính<o:p></o:p></span></p>' +
      '<ul><li style="mso-list:l0">Một</li><li>Hai</li></ul>' +
      '<p><a href="https://quochoi.vn" style="color:blue">Quốc hội</a> <a href="javascript:alert(1)">xấu</a></p>' +
      '<script>alert(1)</script></body></html>';
    const data = new DataTransfer();
    data.setData('text/html', word);
    data.setData('text/plain', 'Báo cáo giám sát');
    body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const body = bodyField(page);
  await expect(body.locator('h2')).toHaveText('Báo cáo giám sát');
  await expect(body.locator('strong')).toHaveText('Kết quả');
  await expect(body.locator('li')).toHaveText(['Một', 'Hai']);
  await expect(body.locator('a[href="https://quochoi.vn"]')).toHaveText('Quốc hội');
  const html = await body.innerHTML();
  for (const garbage of ['style=', 'class=', 'Mso', 'o:p', '<script', 'javascript:', '<span', 'font-size']) {
    expect(html, `pasted HTML keeps ${garbage}`).not.toContain(garbage);
  }
});

test('the lead image is replaced in place: from the photo library, by an upload, or taken away', async ({
  page,
  newVisitor,
}) => {
  await openAsEditor(page, SANDBOX_CATEGORY);
  const title = uniqueTitle('Bài có ảnh đại diện');
  const path = await createArticle(page, { title, lead: 'Sapo.', body: 'Đoạn đầu.' });
  await startEditing(page);
  const figure = page.locator('article.article.editing .article-figure');
  await expect(figure).toContainText('Bài viết chưa có ảnh đại diện.');

  // From the library: the chooser lists its photos; choosing one takes its caption too.
  await figure.getByRole('button', { name: 'Chọn từ thư viện ảnh' }).click();
  const chooser = page.getByRole('region', { name: 'Chọn ảnh từ thư viện' });
  const first = chooser.locator('.chooser-photo', { hasText: 'Quang cảnh hội trường trước phiên khai mạc' });
  await first.click();
  await expect(chooser).toHaveCount(0);
  await expect(figure.locator('img')).toHaveAttribute('src', /^\/uploads\/[0-9a-f]{64}\.jpg$/);
  await expect(figure.locator('figcaption')).toHaveText('Quang cảnh hội trường trước phiên khai mạc (ảnh minh họa)');
  await save(page, 3);
  const visitor = await newVisitor();
  let { status, html } = await visitorFetch(visitor, path);
  expect(status).toBe(200);
  expect(html).toMatch(/<figure class="article-figure"><img src="\/uploads\/[0-9a-f]{64}\.jpg" srcset="[^"]+ 480w, [^"]+ 960w, [^"]+ 1200w" sizes="[^"]+" width="1200" height="800"/);

  // By an upload.
  await startEditing(page);
  const files = page.waitForEvent('filechooser');
  await figure.getByRole('button', { name: 'Tải ảnh lên' }).click();
  await (await files).setFiles({ name: 'anh.png', mimeType: 'image/png', buffer: TINY_PNG });
  await expect(figure.locator('img')).toHaveAttribute('src', /^\/uploads\/[0-9a-f]{64}\.png$/);
  await save(page, 4);
  ({ html } = await visitorFetch(visitor, path));
  expect(html).toMatch(/<figure class="article-figure"><img src="\/uploads\/[0-9a-f]{64}\.png"/);

  // Taken away.
  await startEditing(page);
  await figure.getByRole('button', { name: 'Bỏ ảnh' }).click();
  await expect(figure).toContainText('Bài viết chưa có ảnh đại diện.');
  await save(page, 5);
  ({ html } = await visitorFetch(visitor, path));
  expect(html).not.toContain('class="article-figure"');
});
