/**
 * A council record in the browser, through the whole editing cycle: a save, its history and a
 * restore, a conflict between two editors in the record's form, the trash (visitors get 404)
 * and back out of it.
 */
import {
  EDITOR,
  SECOND_EDITOR,
  allowConsole,
  allowNotFoundLog,
  ensureEditor,
  expect,
  gotoHydrated,
  loginAs,
  test,
  type Page,
} from './fixtures';
import { firstDetailHref } from './phone-helpers';

const EDIT = 'Sửa hoạt động giám sát';
const form = (page: Page) => page.getByRole('form', { name: EDIT });
const topic = (page: Page) => form(page).getByLabel('Nội dung giám sát *');
const status = (page: Page) => page.locator('.editor-status');

async function openForm(page: Page): Promise<void> {
  await page.getByRole('button', { name: EDIT }).click();
  await expect(topic(page)).not.toHaveValue('');
}

/** Saves the open form and answers the version it saved. */
async function save(page: Page): Promise<number> {
  await form(page).getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(status(page)).toHaveText(/^Đã lưu phiên bản \d+\.$/);
  return Number(/\d+/.exec((await status(page).textContent()) ?? '')?.[0]);
}

test('a record goes through history, restore, a conflict, the trash and back', async ({ page, newEditor, newVisitor }) => {
  test.slow();
  await ensureEditor();
  const path = await firstDetailHref(page.request, '/giam-sat/', '/giam-sat');
  await loginAs(page, EDITOR.email, EDITOR.password, path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  // A save, shown on the page.
  await openForm(page);
  const original = await topic(page).inputValue();
  const edited = `${original} (sửa lần ${Date.now()})`;
  await topic(page).fill(edited);
  const saved = await save(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(edited);

  // The history lists it over the version before; restoring that one is a new version.
  await openForm(page);
  await form(page).getByRole('button', { name: 'Lịch sử' }).click();
  const revisions = page.locator('li.revision');
  await expect(revisions.first()).toContainText(`Phiên bản ${saved} ·`);
  await revisions.first().getByRole('button', { name: 'Xem thay đổi' }).click();
  await expect(revisions.first().locator('.diff')).toContainText('Nội dung giám sát');
  await revisions.nth(1).getByRole('button', { name: 'Khôi phục' }).click();
  await expect(status(page)).toHaveText(`Đã khôi phục phiên bản ${saved - 1} (lưu thành phiên bản ${saved + 1}).`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(original);

  // Two editors in the same form: the second save is a conflict naming what the first changed,
  // and the merge saves.
  allowConsole(/status of 409/);
  const other = await newEditor(SECOND_EDITOR, path);
  await expect(other.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  await gotoHydrated(page, path);
  await openForm(page);
  await openForm(other);
  const theirs = `${original} (bản của biên tập viên hai)`;
  await topic(other).fill(theirs);
  await save(other);
  const units = form(page).getByLabel('Đơn vị được giám sát *');
  const mine = `${await units.inputValue()} và Sở Tài chính`;
  await units.fill(mine);
  await form(page).getByRole('button', { name: 'Lưu', exact: true }).click();
  const panel = form(page).locator('.conflict-panel');
  await expect(panel).toContainText('Hoạt động giám sát đã được người khác sửa');
  await expect(panel.locator('.diff')).toContainText('Nội dung giám sát');
  // Untouched fields took the other editor's values; this editor's work is still there.
  await expect(topic(page)).toHaveValue(theirs);
  await expect(units).toHaveValue(mine);
  await panel.getByRole('button', { name: 'Lưu bản đã hợp nhất' }).click();
  await expect(status(page)).toHaveText(/^Đã lưu phiên bản \d+\.$/);
  await gotoHydrated(page, path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(theirs);
  await expect(page.locator('main#noi-dung')).toContainText('Sở Tài chính');

  // The trash: visitors get 404; out of the trash, the record is back.
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Chuyển vào thùng rác' }).click();
  // The editor is taken to the trash, where the record waits.
  await expect(page).toHaveURL(/\/thung-rac$/);
  const visitor = await newVisitor();
  allowNotFoundLog(path);
  expect((await visitor.goto(path))?.status()).toBe(404);
  const slug = path.split('/').pop() ?? '';
  const entry = page.locator('li.trash-item', { has: page.locator(`input[name="slug"][value="${slug}"]`) });
  await expect(entry.locator('.trash-kind')).toHaveText('Hoạt động giám sát');
  await entry.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(page.locator(`li.trash-item input[name="slug"][value="${slug}"]`)).toHaveCount(0);
  expect((await visitor.goto(path))?.status()).toBe(200);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(theirs);
});
