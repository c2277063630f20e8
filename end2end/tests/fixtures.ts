/**
 * Shared fixtures and helpers for the HĐND Bình Dương end-to-end suite.
 *
 * - `test` has an automatic fixture that fails a test when any page it opened
 *   logged a console error/warning or threw an uncaught exception (this is
 *   how hydration mismatches and panics surface). A test that expects such a
 *   message declares it with `allowConsole(/pattern/)`.
 * - `newVisitor()` opens a page in a brand new browser context (a new visitor
 *   without cookies); its console is watched too. `newEditor()` does the same
 *   and signs the new context in as an editor (a second, independent session).
 * - `ensureEditor()` creates an editor account through the server's CLI and
 *   `loginAs()` signs a page in through the login form.
 * - The remaining exports are small helpers over the app's DOM contract.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Response,
} from '@playwright/test';

export { expect };
export type { Locator, Page, Response };

declare global {
  interface Window {
    __spaMarker?: number;
  }
}

// ---------------------------------------------------------------------------
// Well-known content of the seed data
// ---------------------------------------------------------------------------

export const SITE_SUFFIX = 'HĐND tỉnh Bình Dương';
export const NOT_FOUND_TITLE = 'Không tìm thấy trang';

export const SEED_ARTICLE = {
  path: '/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong',
  title:
    'Triển khai Đề án xây dựng Thành phố thông minh: Khẳng định thương hiệu, vị thế Bình Dương',
} as const;

/** "Thông tin trong tỉnh" (child of "Hoạt động"): 23 articles, 3 pages. */
export const NEWS_CATEGORY = {
  path: '/chuyen-muc/thong-tin-trong-tinh',
  name: 'Thông tin trong tỉnh',
  parentPath: '/chuyen-muc/hoat-dong',
  parentName: 'Hoạt động',
  articleCount: 23,
} as const;

export const CONTENT_PAGE = {
  path: '/trang/to-dau-tieng-bau-bang',
  title: 'Đơn vị huyện Dầu Tiếng và huyện Bàu Bàng',
} as const;

export const SITE_MAP_PATH = '/so-do-trang';

/** One URL of every page type, used by the smoke tests of both projects. */
export const PAGE_TYPES = [
  { kind: 'home', path: '/' },
  { kind: 'category', path: NEWS_CATEGORY.path },
  { kind: 'category page 2', path: `${NEWS_CATEGORY.path}?trang=2` },
  { kind: 'article', path: SEED_ARTICLE.path },
  { kind: 'content page', path: CONTENT_PAGE.path },
  { kind: 'site map', path: SITE_MAP_PATH },
] as const;

export const NOT_FOUND_PATHS = [
  '/khong-co-trang-nay',
  '/bai-viet/bai-viet-khong-ton-tai',
  '/chuyen-muc/chuyen-muc-khong-ton-tai',
  '/trang/trang-khong-ton-tai',
] as const;

// ---------------------------------------------------------------------------
// Console guard
// ---------------------------------------------------------------------------

interface ConsoleGuard {
  messages: string[];
  allowed: RegExp[];
}

/** The guard of the test currently running in this worker (workers run one test at a time). */
let activeGuard: ConsoleGuard | null = null;

/**
 * Lets the current test log console errors/warnings matching `pattern`.
 * Matched against strings of the form `console.error: <text> (<url>)` or
 * `pageerror: <message>`.
 */
export function allowConsole(pattern: RegExp): void {
  if (!activeGuard) throw new Error('allowConsole() called outside of a test');
  activeGuard.allowed.push(pattern);
}

/**
 * Chromium logs "Failed to load resource: … status of 404" for a document
 * answered with 404. That is expected when a test asks for a missing page.
 */
export function allowNotFoundLog(path: string): void {
  allowConsole(new RegExp(`status of 404 .*\\(https?://[^/]+${escapeRegExp(path)}\\)$`));
}

function watchPage(page: Page, guard: ConsoleGuard): void {
  page.on('console', (msg) => {
    const type = msg.type();
    if (type !== 'error' && type !== 'warning') return;
    const where = msg.location().url;
    guard.messages.push(`console.${type}: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => {
    guard.messages.push(`pageerror: ${error.message}`);
  });
}

function watchContext(context: BrowserContext, guard: ConsoleGuard): void {
  for (const page of context.pages()) watchPage(page, guard);
  context.on('page', (page) => watchPage(page, guard));
}

type Fixtures = {
  /** Opens a page in a fresh browser context: a first-time visitor with no cookies. */
  newVisitor: () => Promise<Page>;
  /**
   * Opens a page in a fresh browser context and signs it in (the account is
   * created first if needed); the page ends on `next` (default `/`).
   */
  newEditor: (account?: Account, next?: string) => Promise<Page>;
};

type AutoFixtures = {
  consoleGuard: ConsoleGuard;
};

export const test = base.extend<Fixtures & AutoFixtures>({
  consoleGuard: [
    async ({ context }, use) => {
      const guard: ConsoleGuard = { messages: [], allowed: [] };
      activeGuard = guard;
      watchContext(context, guard);
      await use(guard);
      activeGuard = null;
      const unexpected = guard.messages.filter(
        (message) => !guard.allowed.some((pattern) => pattern.test(message)),
      );
      expect(unexpected, 'console errors/warnings or uncaught page errors').toEqual([]);
    },
    { auto: true },
  ],

  newVisitor: async ({ browser, baseURL, javaScriptEnabled, consoleGuard }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await newContext(browser, baseURL, javaScriptEnabled);
      contexts.push(context);
      watchContext(context, consoleGuard);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },

  newEditor: async ({ newVisitor }, use) => {
    await use(async (account = EDITOR, next = '/') => {
      await ensureEditor(account.email, account.password);
      const page = await newVisitor();
      await loginAs(page, account.email, account.password, next);
      return page;
    });
  },
});

function newContext(
  browser: Browser,
  baseURL: string | undefined,
  javaScriptEnabled: boolean,
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    javaScriptEnabled,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
}

// ---------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------

export interface Account {
  email: string;
  password: string;
}

export const EDITOR: Account = { email: 'bientap@hdnd.vn', password: 'mat-khau-du-dai-1' };
export const SECOND_EDITOR: Account = { email: 'bientap2@hdnd.vn', password: 'mat-khau-du-dai-2' };
export const ADMIN: Account = { email: 'quantri@hdnd.vn', password: 'mat-khau-quan-tri-1' };

/** The message of a failed login, the same for a wrong password and an unknown email. */
export const BAD_LOGIN_MESSAGE = 'Email hoặc mật khẩu không đúng.';

/** Emails already created by this worker (the run's database is shared by all tests). */
const editorsCreated = new Set<string>();

/**
 * Creates an editor account with the server's CLI (`server user add`) on the
 * run's data directory, once per email. An account left by an earlier call
 * ("Đã có tài khoản…") is fine.
 */
export async function ensureEditor(
  email = EDITOR.email,
  password = EDITOR.password,
  role: 'editor' | 'admin' = 'editor',
): Promise<void> {
  if (editorsCreated.has(email)) return;
  try {
    execFileSync(
      './target/release/server',
      ['user', 'add', '--email', email, '--role', role, '--password', password],
      {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, DATA_DIR: process.env.HDND_E2E_DATA_DIR, RUST_LOG: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer | string }).stderr ?? '');
    if (!stderr.includes('Đã có tài khoản')) throw error;
  }
  editorsCreated.add(email);
}

/**
 * Signs `page` in through the login form and waits until the editor bar shows
 * the account. The browser is sent back to `next`: by default the page's
 * current path (or `/` for a blank page). Works with JavaScript on or off.
 */
export async function loginAs(
  page: Page,
  email: string,
  password: string,
  next?: string,
): Promise<void> {
  const target = next ?? currentPath(page);
  await page.goto(`/dang-nhap?next=${encodeURIComponent(target)}`);
  await submitLoginForm(page, email, password);
  await expect(page.locator('.editor-bar')).toContainText(email);
  // Signing in loads the page asked for as a new document, with the whole app.
  if (test.info().project.use.javaScriptEnabled !== false) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

/** Fills and submits the login form of the page shown (`/dang-nhap`). */
export async function submitLoginForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

function currentPath(page: Page): string {
  const url = page.url();
  if (!/^https?:/.test(url)) return '/';
  const { pathname, search } = new URL(url);
  return pathname + search;
}

// ---------------------------------------------------------------------------
// Navigation helpers
// ---------------------------------------------------------------------------

/** Full page load, then waits until the client-side app has hydrated. */
export async function gotoHydrated(page: Page, url: string): Promise<Response | null> {
  const response = await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', {
    timeout: 15_000,
  });
  return response;
}

/** Marks the current document; a full reload loses the mark. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__spaMarker = 1;
  });
}

/** Asserts the document marked by `markDocument` is still the one shown (no full reload). */
export async function expectSameDocument(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => window.__spaMarker),
    'navigation should be client-side (window.__spaMarker survives)',
  ).toBe(1);
}

/** Resolves a root-relative href against the page URL (for toHaveURL comparisons). */
export function absoluteUrl(page: Page, href: string): string {
  return new URL(href, page.url()).toString();
}

// ---------------------------------------------------------------------------
// DOM helpers
// ---------------------------------------------------------------------------

export function normalizeText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "2.483.446" (possibly with a label around it) → 2483446. */
export function parseCount(text: string | null): number {
  const match = /\d{1,3}(?:\.\d{3})+|\d+/.exec(text ?? '');
  if (!match) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(match[0].replace(/\./g, ''));
}

export const mainHeading = (page: Page): Locator => page.locator('main#noi-dung h1').first();
export const mainNav = (page: Page): Locator => page.locator('nav.main-nav[aria-label="Menu chính"]');
export const quickLinks = (page: Page): Locator =>
  page.locator('nav.quick-links[aria-label="Liên kết nhanh"]');
export const breadcrumbItems = (page: Page): Locator =>
  page.locator('nav.breadcrumb[aria-label="Đường dẫn"] ol > li');
export const articleListItems = (page: Page): Locator => page.locator('ul.article-list > li');
export const pagination = (page: Page): Locator =>
  page.locator('nav.pagination[aria-label="Phân trang"]');

/** A category link the visitor can see without opening a submenu (quick links or top-level menu). */
export function visibleCategoryLink(page: Page): Locator {
  return page
    .locator('nav.quick-links a[href^="/chuyen-muc/"], nav.main-nav a[href^="/chuyen-muc/"]')
    .filter({ visible: true })
    .first();
}

export interface LinkInfo {
  label: string;
  href: string;
}

/** Label and raw href of every link matched by `links` (hidden ones included). */
export async function linkInfos(links: Locator): Promise<LinkInfo[]> {
  return links.evaluateAll((anchors) =>
    anchors.map((a) => ({
      label: (a.textContent ?? '').replace(/\s+/g, ' ').trim(),
      href: a.getAttribute('href') ?? '',
    })),
  );
}

export const isInternalHref = (href: string): boolean =>
  href.startsWith('/') && !href.startsWith('//');

/** Hrefs of the first link of each item of a list (article lists, related articles…). */
export async function itemHrefs(items: Locator): Promise<string[]> {
  return items.evaluateAll((lis) =>
    lis.map((li) => li.querySelector('a')?.getAttribute('href') ?? ''),
  );
}

/**
 * The chrome and metadata every page must have (JS on or off): language,
 * title, description, header, menus, breadcrumb, main, sidebar, footer.
 */
export async function expectPageChrome(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page).toHaveTitle(new RegExp(`\\S.*${escapeRegExp(SITE_SUFFIX)}$`));
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S/);

  const header = page.locator('header.site-header');
  await expect(header).toBeVisible();
  await expect(header.locator('a.site-title')).toHaveAttribute('href', '/');
  await expect(mainNav(page)).toBeAttached();
  await expect(mainNav(page).locator('a').first()).toBeAttached();
  await expect(quickLinks(page)).toBeAttached();
  await expect(page.locator('nav.breadcrumb[aria-label="Đường dẫn"]')).toBeAttached();
  await expect(page.locator('main#noi-dung')).toBeVisible();
  await expect(page.locator('aside.sidebar')).toBeAttached();

  const footer = page.locator('footer.site-footer');
  await expect(footer.locator('nav.footer-links[aria-label="Liên kết cuối trang"]')).toBeAttached();
  const publisher = footer.locator('.publisher');
  for (const text of [
    'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Bình Dương',
    '(0274) 3848936',
    'banbientap.hdnd@binhduong.gov.vn',
    '43/GP-STTTT',
  ]) {
    await expect(publisher).toContainText(text);
  }
}

/**
 * Loads `path`, expecting the app's 404 page: HTTP status 404 and the
 * "Không tìm thấy trang" heading. With `hydrate`, also waits for hydration.
 */
export async function expectNotFoundAt(
  page: Page,
  path: string,
  { hydrate }: { hydrate: boolean },
): Promise<void> {
  allowNotFoundLog(path);
  const response = hydrate ? await gotoHydrated(page, path) : await page.goto(path);
  expect(response, `response for ${path}`).not.toBeNull();
  expect(response!.status(), `status of ${path}`).toBe(404);
  await expect(mainHeading(page)).toHaveText(NOT_FOUND_TITLE);
}

/**
 * Records requests matching `predicate` from now on; the returned array fills
 * up as requests are issued.
 */
export function recordRequests(
  page: Page,
  predicate: (url: URL, method: string) => boolean,
): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (predicate(url, request.method())) seen.push(`${request.method()} ${request.url()}`);
  });
  return seen;
}

/** Hosts that must not be contacted before the visitor asks for a video. */
export function isGoogleHost(url: URL): boolean {
  return /(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be|ytimg\.com|googlevideo\.com|google\.com|googleapis\.com|gstatic\.com|doubleclick\.net)$/.test(
    url.hostname,
  );
}

// ---------------------------------------------------------------------------
// What each page type shows (shared by the JS and no-JS projects)
// ---------------------------------------------------------------------------

export type PageKind = (typeof PAGE_TYPES)[number]['kind'];

/**
 * The sidebar's visit numbers: with JavaScript, the text the page's count answered; without,
 * the counting image (which draws them) in place of the hidden text.
 */
export async function expectVisitNumbers(page: Page): Promise<void> {
  const stats = page.locator('aside.sidebar section.visit-stats');
  if (test.info().project.use.javaScriptEnabled !== false) {
    await expect(stats.locator('.visit-total')).toHaveText(/\d/);
    await expect(stats.locator('.visit-online')).toHaveText(/\d/);
  } else {
    await expect(stats.locator('.visit-numbers')).toBeHidden();
    const image = stats.locator('img.visit-image');
    await expect(image).toBeVisible();
    await expect(image).toHaveAttribute('alt', /truy cập/);
  }
}

/** Checks the main content and the sidebar of a page of the given kind. */
export async function expectPageContent(page: Page, kind: PageKind): Promise<void> {
  await expect(mainHeading(page)).toHaveText(/\S/);
  await expect(page.locator('aside.sidebar a.video-link').first()).toBeAttached();
  await expect(page.locator('aside.sidebar a.video-link')).toHaveCount(34);
  await expectVisitNumbers(page);

  switch (kind) {
    case 'home':
      for (const section of ['section.featured-articles', 'section.latest-articles']) {
        const cards = page.locator(`${section} article.article-card`);
        expect(await cards.count(), `${section} has cards`).toBeGreaterThan(0);
        await expect(cards.first().locator('h3 a')).toHaveAttribute('href', /^\/bai-viet\//);
        await expect(cards.first().locator('time')).toHaveText(/\d/);
      }
      break;
    case 'category':
    case 'category page 2':
      await expect(mainHeading(page)).toHaveText(NEWS_CATEGORY.name);
      await expect(articleListItems(page)).toHaveCount(10);
      await expect(pagination(page).locator('[aria-current="page"]')).toHaveText(
        kind === 'category' ? '1' : '2',
      );
      await expect(breadcrumbItems(page).first()).toHaveText('Trang chủ');
      await expect(breadcrumbItems(page).filter({ hasText: NEWS_CATEGORY.parentName })).toHaveCount(1);
      break;
    case 'article':
      await expect(page.locator('article.article h1.article-title')).toHaveText(SEED_ARTICLE.title);
      await expect(page.locator('article.article div.article-body h2').first()).toBeVisible();
      await expect(page.locator('section.related-articles li')).toHaveCount(10);
      await expect(page.locator('form.share-email')).toBeVisible();
      await expect(breadcrumbItems(page)).toHaveText(['Trang chủ', NEWS_CATEGORY.parentName, NEWS_CATEGORY.name]);
      break;
    case 'content page':
      await expect(mainHeading(page)).toHaveText(CONTENT_PAGE.title);
      await expect(breadcrumbItems(page).first()).toHaveText('Trang chủ');
      await expect(breadcrumbItems(page).last()).toHaveText(CONTENT_PAGE.title);
      break;
    case 'site map':
      await expect(mainHeading(page)).toHaveText('Sơ đồ trang');
      expect(await page.locator('main#noi-dung a[href]').count()).toBeGreaterThanOrEqual(30);
      break;
  }
}
