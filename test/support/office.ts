import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { testPlatform, type TestPlatform } from './harness.js';
import { launchBrowser } from './browser.js';

/**
 * The office app in the e2e tier: the built app served by a real platform, a Chromium page on it, and
 * the staff sign-in (password, then TOTP enrolment or a TOTP code) as a user goes through it.
 */

/** Builds the office app (`npm test` builds it first; a run of one file builds it too, skipped when up to date). */
export function buildOffice(): void {
  execFileSync(process.execPath, ['bin/build-office.js'], { stdio: 'ignore' });
}

/** The current TOTP code for a base32 secret (SHA-1, 6 digits, 30 s, as the platform enrols them). */
export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
}

export interface OfficeSession {
  p: TestPlatform;
  browser: Browser;
  base: string;
  /** A Chinese-locale page with a 15 s default timeout; script errors and CSP refusals land in `scriptErrors`. */
  page: Page;
  scriptErrors: string[];
  close(): Promise<void>;
}

/** A Chinese-locale page whose script errors and CSP refusals are collected. */
export async function officePage(browser: Browser): Promise<{ page: Page; scriptErrors: string[] }> {
  const page = await browser.newPage({ locale: 'zh-CN' });
  page.setDefaultTimeout(15_000);
  const scriptErrors: string[] = [];
  page.on('pageerror', (e) => scriptErrors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/.test(m.text())) scriptErrors.push(m.text()); });
  return { page, scriptErrors };
}

/** Builds the app, starts the platform on a free port and opens a browser page. */
export async function startOffice(): Promise<OfficeSession> {
  buildOffice();
  const p = await testPlatform();
  let browser: Browser | undefined;
  try {
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const { page, scriptErrors } = await officePage(browser);
    const b = browser;
    return { p, browser: b, base, page, scriptErrors, close: async () => { await b.close(); await p.close(); } };
  } catch (err) {
    await browser?.close();
    await p.close();
    throw err;
  }
}

/** Saves what the user would have seen, for whoever reads a failure (.test-output is not committed). */
export async function screenshotOnFailure(page: Page | undefined, name: string): Promise<void> {
  fs.mkdirSync('.test-output', { recursive: true });
  await page?.screenshot({ path: `.test-output/${name}.png`, fullPage: true }).catch(() => undefined);
}

/**
 * Signs a staff member in through the sign-in form: password, then either TOTP enrolment (first sign-in:
 * reads the secret shown beside the QR code and confirms with a code) or, when `secret` is given, a code
 * from that authenticator. Opens the app first unless the page is already on it; ends on the dashboard.
 * Returns the TOTP secret. A code once used is spent, so a later sign-in within the same 30 s should pass
 * `at` one step ahead (the server accepts the neighbouring step).
 */
export async function signInOffice(page: Page, base: string, username: string, password: string, opts: { secret?: string; at?: number } = {}): Promise<string> {
  if (!page.url().startsWith(`${base}/office/`)) await page.goto(`${base}/office/`);
  await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  let secret = opts.secret;
  if (secret) {
    await page.getByRole('heading', { name: '输入动态验证码' }).waitFor();
    await page.getByLabel('动态验证码').fill(totpCode(secret, opts.at));
    await page.getByRole('button', { name: '验证并登录' }).click();
  } else {
    await page.getByRole('heading', { name: '绑定动态验证码' }).waitFor();
    await page.getByRole('img', { name: '用于绑定验证器应用的二维码' }).waitFor();
    secret = (await page.getByTestId('totp-secret').innerText()).replace(/[^A-Z2-7]/g, '');
    assert.ok(secret.length >= 16, `a base32 secret is shown, got "${secret}"`);
    await page.getByLabel('动态验证码').fill(totpCode(secret, opts.at));
    await page.getByRole('button', { name: '完成绑定并登录' }).click();
  }
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  return secret;
}

/** Opens a page of the app from the menu and waits for its heading. */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}
