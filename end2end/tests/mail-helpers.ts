/**
 * Reading the mail the portal sent, from MailDev's HTTP API (MailDev is the portal's SMTP
 * server in these tests: see playwright.config.ts).
 */
import { expect, type Page } from '@playwright/test';
import { MAILDEV_WEB_PORT } from '../playwright.config';
import { allowConsole } from './fixtures';

export interface Address {
  address: string;
  name: string;
}

export interface Email {
  id: string;
  subject: string;
  text: string;
  from: Address[];
  to: Address[];
  replyTo?: Address[];
  headers: Record<string, string>;
}

/** Everything MailDev received so far. */
export async function allMail(): Promise<Email[]> {
  const response = await fetch(`http://127.0.0.1:${MAILDEV_WEB_PORT}/email`);
  expect(response.ok).toBe(true);
  return (await response.json()) as Email[];
}

/** The messages received for `address`. */
export async function mailTo(address: string): Promise<Email[]> {
  return (await allMail()).filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));
}

/** Waits until exactly `count` messages have arrived for `address`, and returns them. */
export async function waitForMail(address: string, count = 1): Promise<Email[]> {
  await expect.poll(async () => (await mailTo(address)).length, { timeout: 20_000 }).toBe(count);
  return mailTo(address);
}

/** An address nobody else in the run uses. */
export function uniqueAddress(who: string): string {
  return `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/**
 * The forms refuse a post sent less than three seconds after they were drawn (bots post at
 * once): a person takes that long anyway.
 */
export async function takeTimeToFill(page: Page): Promise<void> {
  await page.waitForTimeout(3_100);
}

/**
 * Without JavaScript: presses a form's button and waits for the page its post leads to.
 * (Taking a person's time to fill the form leaves the page's preloaded modules unused for a
 * few seconds, which Chromium warns about: `allowUnusedPreloads` in a `beforeEach`.)
 */
export async function submitPlainForm(page: Page, button: string): Promise<void> {
  const post = page.waitForRequest((r) => r.method() === 'POST');
  await page.getByRole('button', { name: button, exact: true }).click();
  await post;
  await page.waitForLoadState('load');
}

export function allowUnusedPreloads(): void {
  allowConsole(/was preloaded using link preload but not used within a few seconds/);
}
