/**
 * Reading the mail the portal sent, from MailDev's HTTP API (MailDev is the portal's SMTP
 * server in these tests: see playwright.config.ts).
 */
import { expect, type Page } from '@playwright/test';
import { MAILDEV_WEB_PORT } from '../playwright.config';

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
