// The portal's 我的消息 page in a real browser: the inbox with unread marked, the unread count in the header,
// "mark all as read" and the preferences form without JavaScript, both editions checked by axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { expectNoAxeViolations, launchBrowser } from '../support/browser.js';
import { accountRepository } from '../../src/kernel/auth/account.repository.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/session.service.js';

let p: TestPlatform;
let base: string;
let browser: Browser;
let accountId: string;
const PHONE = '13688880001';

before(async () => {
  p = await testPlatform({ notifyQuietHours: '' });
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
  browser = await launchBrowser();
  const a = await accountRepository.insert(p.kernel.db, {
    kind: 'citizen', username: PHONE, displayName: '陈小华', passwordHash: 'x',
    phoneEnc: p.kernel.cipher.encrypt(PHONE), phoneHash: p.kernel.cipher.lookupHash(PHONE), email: null,
  });
  accountId = a.id;
  const tell = (title: string, body: string, extra: object = {}) =>
    p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event: 'notify.announcement', to: { accountId }, params: { title, body }, ...extra }));
  await tell('关于清明节放假的通知', '4 月 4 日至 6 日放假，共 3 天。');
  await tell('停水通知', '明日 9 时至 17 时东山镇停水。', { urgent: true });
  await p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event: 'identity.registered', to: { accountId }, params: { name: '陈小华' }, link: '/account' }));
});
after(async () => {
  await browser?.close();
  await p?.close();
});

async function signedIn(opts: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale: opts.locale ?? 'zh-CN', javaScriptEnabled: opts.javaScriptEnabled ?? true });
  const token = await p.kernel.sessions.create(p.kernel.db, accountId, 'full', {});
  await ctx.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  return ctx;
}

test('a visitor who is not signed in is sent to sign in first, and back', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/messages`);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(new URL(page.url()).searchParams.get('next'), '/messages');
  await ctx.close();
});

test('the inbox shows every message with the unread ones marked in words, the count in the header, and passes axe in both editions', async () => {
  const ctx = await signedIn();
  const page = await ctx.newPage();
  const res = await page.goto(`${base}/messages`);
  assert.equal(res?.status(), 200);
  assert.equal((await page.textContent('h1'))?.trim(), '我的消息');
  assert.equal(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的消息（3 条未读）' }).count(), 1);
  const items = page.locator('.message-list > li');
  assert.equal(await items.count(), 3);
  assert.equal(await page.locator('.message-list h3').filter({ hasText: '未读' }).count(), 3);
  assert.match((await items.nth(0).textContent())!, /欢迎使用示例市政务服务网/);
  assert.match((await page.locator('.message-list h3').filter({ hasText: '停水通知' }).textContent())!, /紧急/);
  assert.equal(await items.nth(0).getByRole('link', { name: '查看详情' }).getAttribute('href'), '/account');
  assert.ok(await page.getByRole('checkbox', { name: '账户安全 短信' }).isDisabled(), 'security messages cannot be turned off');
  assert.ok(await page.getByRole('checkbox', { name: '账户安全 短信' }).isChecked());
  assert.ok(await page.getByRole('checkbox', { name: '通知公告 电子邮件' }).isDisabled(), 'no address, no email choice');
  await expectNoAxeViolations(page, '/messages');
  // The count is in the header of every portal page, whichever module renders it (here identity's account page).
  await page.goto(`${base}/account`);
  assert.equal(await page.getByRole('link', { name: '我的消息（3 条未读）' }).count(), 1);

  const en = await ctx.newPage();
  await en.goto(`${base}/en/messages`);
  assert.equal(await en.getAttribute('html', 'lang'), 'en');
  assert.equal((await en.textContent('h1'))?.trim(), 'My messages');
  assert.equal(await en.getByRole('link', { name: 'My messages (3 unread)' }).count(), 1);
  await expectNoAxeViolations(en, '/en/messages');
  await ctx.close();
});

test('without JavaScript: mark all as read, and turn notice texts off', async () => {
  const ctx = await signedIn({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`${base}/messages`);
  await page.getByRole('button', { name: '全部标为已读' }).click();
  await page.waitForURL(/done=read/);
  assert.match((await page.locator('[role=status]').textContent())!, /所有消息已标为已读/);
  assert.equal(await page.locator('.message-list h3').filter({ hasText: '未读' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: '我的消息', exact: true }).count(), 1, 'no unread count left in the header');
  assert.equal(await page.getByRole('button', { name: '全部标为已读' }).count(), 0);

  const box = page.getByRole('checkbox', { name: '通知公告 短信' });
  assert.ok(await box.isChecked());
  await box.uncheck();
  await page.getByRole('button', { name: '保存接收设置' }).click();
  await page.waitForURL(/done=prefs/);
  assert.match((await page.locator('[role=status]').textContent())!, /接收设置已保存/);
  assert.equal(await page.getByRole('checkbox', { name: '通知公告 短信' }).isChecked(), false);
  assert.ok(await page.getByRole('checkbox', { name: '办事进度 短信' }).isChecked(), 'the other categories stay as they were');
  const prefs = await p.kernel.notify.inbox.preferences(accountId, 'zh-CN');
  assert.deepEqual(prefs.categories.find((c) => c.category === 'announcement'), { category: 'announcement', label: '通知公告', description: '政府部门向公众或工作人员发布的通知。', sms: false, email: true, locked: false });
  const next = await p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event: 'notify.announcement', to: { accountId }, params: { title: '再一条', body: '内容' } }));
  assert.deepEqual((await p.kernel.db.query('SELECT channel FROM notify_outbox WHERE request_id = $1', [next])).map((r) => r.channel), ['inapp'], 'the next notice comes in-app only');

  // A form post without its CSRF token is refused.
  const forged = await ctx.request.post(`${base}/messages/read-all`, { form: { x: crypto.randomUUID() } });
  assert.equal(forged.status(), 403);
  await ctx.close();
});
