/**
 * Helpers for the phone-first checks: the public page types with their byte budgets, the
 * files of the editors' own WASM module (`target/site/pkg/editors`), the bytes of script and
 * WASM a page downloads, and its cumulative layout shift.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { CONTENT_PAGE, NEWS_CATEGORY, SEED_ARTICLE, SITE_MAP_PATH } from './fixtures';

/** A mid-range phone, as Lighthouse's mobile mode emulates it. */
export const PHONE = { width: 412, height: 823 } as const;

const KIB = 1024;
/** JS + WASM on the wire for an anonymous first visit with an empty cache. */
export const BUDGET_HOME_ARTICLE = 120 * KIB;
export const BUDGET_OTHER = 150 * KIB;

/**
 * Measured on this build (Chromium's encoded bytes: brotli from the precompressed files) plus
 * about 3 %. Readers' pages hydrate islands from the readers' module alone (101,2 KiB on every
 * page type); the album adds its viewer, a lazy island (122,2 KiB). The editors' module (the
 * whole app) is built apart. Before, readers' islands shared a module with the whole app and
 * kept its text: 161,3 KiB; before islands, every page hydrated the whole app: 273,8 KiB for
 * the shell alone, 596,2 KiB for the news pages (the history is in the git log of this file).
 */
const CEILING = {
  READER: 104 * KIB,
  ALBUM: 126 * KIB,
} as const;

export interface PageType {
  kind: string;
  path: string;
  /** The budget (issue 8): a page over it fails. */
  budget: number;
  /** What this build measures, plus a little: more means something grew. */
  ceiling: number;
  /** For a detail page: the path prefix of its links, found on the list at `path`. */
  detailOf?: string;
}

export const PUBLIC_PAGE_TYPES: readonly PageType[] = [
  { kind: 'home', path: '/', budget: BUDGET_HOME_ARTICLE, ceiling: CEILING.READER },
  { kind: 'article', path: SEED_ARTICLE.path, budget: BUDGET_HOME_ARTICLE, ceiling: CEILING.READER },
  { kind: 'category', path: NEWS_CATEGORY.path, budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'content page', path: CONTENT_PAGE.path, budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'site map', path: SITE_MAP_PATH, budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'login', path: '/dang-nhap', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'resolutions', path: '/nghi-quyet', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'resolution', path: '/nghi-quyet', detailOf: '/nghi-quyet/', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'supervision list', path: '/giam-sat', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'supervision', path: '/giam-sat', detailOf: '/giam-sat/', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'petitions', path: '/kien-nghi', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'petition', path: '/kien-nghi', detailOf: '/kien-nghi/', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'calendar week', path: '/lich/hdnd', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'calendar list', path: '/lich/tiep-cong-dan?xem=danh-sach', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'delegates', path: '/dai-bieu', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'delegate', path: '/dai-bieu', detailOf: '/dai-bieu/', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'body', path: '/co-quan/ban-van-hoa-xa-hoi', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'sittings', path: '/tai-lieu-ky-hop', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'sitting', path: '/tai-lieu-ky-hop', detailOf: '/tai-lieu-ky-hop/', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'search', path: '/tim-kiem?q=nghi+quyet', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'questions', path: '/hoi-dap', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'question', path: '/hoi-dap', detailOf: '/hoi-dap/hd-', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'question form', path: '/hoi-dap/gui', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'contact page', path: '/trang/lien-he', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'privacy', path: '/chinh-sach-bao-mat', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'subscribe', path: '/dang-ky?chu_de=nghi-quyet', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'feeds', path: '/rss', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'open data', path: '/du-lieu-mo', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'english page', path: '/en/introduction', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'photo library', path: '/thu-vien-anh', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'album', path: '/thu-vien-anh', detailOf: '/thu-vien-anh/', budget: BUDGET_OTHER, ceiling: CEILING.ALBUM },
  { kind: 'photo', path: '/thu-vien-anh/ky-hop-thu-hai-muoi-hdnd-tinh-khoa-x', detailOf: '/thu-vien-anh/ky-hop-thu-hai-muoi-hdnd-tinh-khoa-x/', budget: BUDGET_OTHER, ceiling: CEILING.READER },
  { kind: 'article print view', path: `${SEED_ARTICLE.path}?in=1`, budget: BUDGET_OTHER, ceiling: CEILING.READER },
];

/** The first link on the list at `listPath` into `prefix` (a detail page). */
export async function firstDetailHref(
  request: APIRequestContext,
  prefix: string,
  listPath: string,
): Promise<string> {
  const html = await (await request.get(listPath)).text();
  const pattern = new RegExp(`href="(${prefix.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')}[^"?#]+)"`);
  const match = pattern.exec(html);
  if (!match) throw new Error(`no link into ${prefix} on ${listPath}`);
  return match[1];
}

const PKG_DIR = path.resolve(__dirname, '../../target/site/pkg');
/** The editors' module (the whole app in one file, and its scripts), served from `/pkg/editors`. */
const EDITORS_DIR = path.join(PKG_DIR, 'editors');

/**
 * The readers' module's split manifest: for each lazily loaded function (a lazy island's), the
 * WASM modules it needs. Its file name carries a hash (`__wasm_split_manifest.<hash>.json`).
 */
export function splitManifest(): Record<string, string[]> {
  const file = fs.readdirSync(PKG_DIR).find((f) => /^__wasm_split_manifest.*\.json$/.test(f));
  if (!file) throw new Error(`no split manifest in ${PKG_DIR}: build with --split`);
  return JSON.parse(fs.readFileSync(path.join(PKG_DIR, file), 'utf8')) as Record<string, string[]>;
}

/** The modules of readers' lazy islands (the album's viewer). */
export function islandModules(): Set<string> {
  return new Set(Object.values(splitManifest()).flatMap((modules) => modules.map((m) => `${m}.wasm`)));
}

/**
 * What only editors need, as the paths the browser asks for: every script and WASM file of the
 * editors' module (the whole app: its routes, the in-place editor, the trash and accounts
 * pages). A reader's page hydrates its islands from the readers' module.
 */
export function editorOnlyModules(): string[] {
  return fs
    .readdirSync(EDITORS_DIR)
    .filter((f) => /\.(js|wasm)$/.test(f))
    .map((f) => `/pkg/editors/${f}`);
}

/** Counts the encoded (on the wire) bytes of every script and WASM module `page` loads. */
export function scriptBytes(page: Page): { total: () => Promise<number> } {
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    const { pathname } = new URL(request.url());
    if (/\.(js|wasm)$/.test(pathname)) {
      sizes.push(request.sizes().then((s) => s.responseBodySize));
    }
  });
  return { total: async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0) };
}

/** The page's cumulative layout shift so far (shifts right after input do not count). */
export async function layoutShiftScore(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let score = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
            if (!entry.hadRecentInput) score += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(score), 200);
      }),
  );
}
