import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = 3100;
/** Varnish in front of the same server (proxy/varnish.sh), for proxy.spec.ts. */
export const PROXY_PORT = 3180;
/** MailDev: the portal's SMTP server in these tests, and its HTTP API for reading what arrived. */
export const MAILDEV_SMTP_PORT = 3125;
export const MAILDEV_WEB_PORT = 3126;
const externalBaseUrl = process.env.BASE_URL;
const baseURL = externalBaseUrl ?? `http://127.0.0.1:${PORT}`;

/**
 * Every run starts the server on an empty data directory, so the visitor
 * counter and any stored state begin from the seed. The config file is also
 * evaluated inside each worker process; the directory name is handed down
 * through the environment so only one directory is created per run.
 */
function freshDataDir(): string {
  const inherited = process.env.HDND_E2E_DATA_DIR;
  if (inherited) return inherited;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hdnd-e2e-'));
  process.env.HDND_E2E_DATA_DIR = dir;
  return dir;
}

export default defineConfig({
  testDir: './tests',
  // The visitor-counter tests compare totals across requests, so everything
  // runs serially in one worker.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      name: 'js',
      testIgnore: '**/*.nojs.spec.ts',
    },
    {
      name: 'nojs',
      testMatch: '**/*.nojs.spec.ts',
      use: { javaScriptEnabled: false },
    },
  ],
  webServer: externalBaseUrl
    ? undefined
    : [
        {
          command: './target/release/server',
          cwd: '..',
          url: `http://127.0.0.1:${PORT}/`,
          reuseExistingServer: false,
          timeout: 60_000,
          stdout: 'ignore',
          stderr: 'pipe',
          env: {
            ...(process.env as Record<string, string>),
            LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
            LEPTOS_SITE_ROOT: 'target/site',
            DATA_DIR: freshDataDir(),
            RUST_LOG: 'warn',
            // Varnish on this machine forwards the reader's address.
            TRUSTED_PROXIES: '127.0.0.1',
            // Every test browser comes from 127.0.0.1: the per-address bound is tested in the
            // server's own tests.
            VISITS_PER_ADDRESS_PER_HOUR: '1000000',
            SMTP_URL: `smtp://127.0.0.1:${MAILDEV_SMTP_PORT}`,
            MAIL_FROM: 'Cổng thông tin HĐND tỉnh Bình Dương <no-reply@hdnd.example.vn>',
            // Subscriptions' digests are looked for every second, not every minute.
            DIGEST_SECONDS: '1',
          },
        },
        {
          command: `npx maildev -s ${MAILDEV_SMTP_PORT} -w ${MAILDEV_WEB_PORT} --ip 127.0.0.1 --web-ip 127.0.0.1`,
          url: `http://127.0.0.1:${MAILDEV_WEB_PORT}/email`,
          reuseExistingServer: false,
          timeout: 60_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
        {
          command: `./proxy/varnish.sh ${PROXY_PORT} ${PORT}`,
          cwd: '..',
          url: `http://127.0.0.1:${PROXY_PORT}/`,
          reuseExistingServer: false,
          timeout: 60_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      ],
});
