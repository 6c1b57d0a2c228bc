import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { makeIdNumber } from '../../src/kernel/identifiers/id-number.js';

// Evaluated through the DevTools protocol rather than as a <script> tag: the portal's CSP (rightly) refuses inline scripts.
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'Citizen.e2e-2026';

let p: TestPlatform;
let browser: Browser;
let base: string;

before(async () => {
  p = await testPlatform();
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = p.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await p?.close();
});

/** Runs axe-core's WCAG 2.1 A/AA rules on the page and fails with the violations listed. */
async function assertAccessible(page: Page, what: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  });
  if (violations.length) console.log(`axe violations on ${what}:`, JSON.stringify(violations, null, 2));
  assert.deepEqual(violations, [], `${what} has accessibility violations`);
}

test('a citizen registers in the browser, edits the account, signs out and back in', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const phone = '13655550001';
  const idNumber = makeIdNumber('990102', '1992-07-08', '246');

  await page.goto(`${base}/register`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await assertAccessible(page, '/register');
  await page.getByLabel('姓名').fill('陈小华');
  await page.getByLabel('居民身份证号码').fill(idNumber.toLowerCase());
  await page.getByLabel('手机号码').fill(phone);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByText('验证码已发送').waitFor();
  assert.equal(await page.getByLabel('姓名').inputValue(), '陈小华', 'the form keeps what was typed');
  assert.equal(await page.getByLabel('密码').inputValue(), '', 'but never the password');

  const sms = await p.kernel.notify.latestTo(phone, 'identity.smsCode');
  const code = /(\d{6})/.exec(sms!.body)![1];
  await page.getByLabel('短信验证码').fill(code);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.waitForURL(`${base}/account`);
  await page.getByRole('heading', { name: '我的账户' }).waitFor();
  const body = await page.textContent('main');
  assert.ok(body!.includes('陈小华') && body!.includes(phone));
  assert.ok(!body!.includes(idNumber), 'the full ID number is not on screen');
  assert.ok(body!.includes(idNumber.slice(-4)));
  await assertAccessible(page, '/account');

  await page.getByLabel(/电子邮箱/).fill('chen@example.cn');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存。').waitFor();
  assert.equal(await page.getByLabel(/电子邮箱/).inputValue(), 'chen@example.cn');

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.goto(`${base}/account`);
  await page.waitForURL(/\/login\?next=%2Faccount$/);
  await assertAccessible(page, '/login');
  await page.getByLabel('账号').fill(phone);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(`${base}/account`);
  assert.ok((await page.textContent('main'))!.includes('chen@example.cn'), 'the edit was kept across sessions');
  await context.close();
});

test('a wrong check digit is shown on the form in Chinese, with the error summary linking to the field', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${base}/register`);
  await page.getByLabel('姓名').fill('错号码');
  await page.getByLabel('居民身份证号码').fill('110105194912310021');
  await page.getByLabel('手机号码').fill('13655550002');
  await page.getByLabel('短信验证码').fill('123456');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.getByRole('link', { name: /身份证号码校验位不正确/ }).waitFor();
  assert.equal(await page.getAttribute('#f-idNumber', 'aria-invalid'), 'true');
  await assertAccessible(page, '/register with errors');
  await context.close();
});

test('the English edition of the sign-in page is accessible and in English', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${base}/en/login`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await assertAccessible(page, '/en/login');
  await context.close();
});

test('forgot password: the sign-in page leads to the reset form, which is accessible and works without script', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByRole('link', { name: '忘记密码？' }).click();
  await page.getByRole('heading', { name: '找回密码' }).waitFor();
  await context.close();
  // axe needs script in the page; the same form, checked with script on.
  const checked = await browser.newContext();
  const p2 = await checked.newPage();
  await p2.goto(`${base}/password-reset`);
  await assertAccessible(p2, '/password-reset');
  await p2.getByLabel('手机号码').fill('123');
  await p2.getByLabel('短信验证码').fill('12');
  await p2.getByLabel('新密码').fill('x');
  await p2.getByRole('button', { name: '设置新密码' }).click();
  await p2.locator('.error-summary').waitFor();
  assert.match(await p2.locator('.error-summary').innerText(), /手机号/);
  await assertAccessible(p2, '/password-reset with errors');
  await checked.close();
});
