import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { expectNoAxeViolations, launchBrowser } from '../support/browser.js';
import { accountRepository } from '../../src/kernel/auth/account.repository.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/session.service.js';

// The public portal in a real browser: every page template in both editions, checked by axe-core.
let p: TestPlatform;
let base: string;
let browser: Browser;
let context: BrowserContext;
const ids: Record<string, string> = {};

async function seedOrgs() {
  const rows: [key: string, parent: string | null, code: string, name: string, kind: string, sort: number, active: boolean][] = [
    ['city', null, 'E2E-CITY', '示例市人民政府', 'government', 1, true],
    ['fgw', 'city', 'E2E-FGW', '示例市发展和改革委员会', 'department', 1, true],
    ['gaj', 'city', 'E2E-GAJ', '示例市公安局', 'department', 2, true],
    ['office', 'fgw', 'E2E-FGW-BGS', '办公室', 'division', 1, true],
    ['closed', 'city', 'E2E-OLD', '示例市已撤销委员会', 'department', 3, false],
    ['county', 'city', 'E2E-COUNTY', '示例县人民政府', 'government', 4, true],
    ['countyEdu', 'county', 'E2E-COUNTY-JYJ', '示例县教育局', 'department', 1, true],
    ['town', 'county', 'E2E-TOWN', '东山镇人民政府', 'town', 2, true],
    ['window', 'county', 'E2E-WIN', '县政务服务中心窗口', 'window', 3, true],
  ];
  const paths: Record<string, string> = {};
  for (const [key, parent, code, name, kind, sort, active] of rows) {
    ids[key] = crypto.randomUUID();
    paths[key] = `${parent ? paths[parent] : '/'}${ids[key]}/`;
    await p.kernel.db.query(
      'INSERT INTO orgs (id, parent_id, path, code, name, kind, sort, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [ids[key], parent ? ids[parent] : null, paths[key], code, name, kind, sort, active],
    );
  }
}

before(async () => {
  p = await testPlatform();
  await seedOrgs();
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
  browser = await launchBrowser();
  // An English-speaking browser: the Chinese edition must stay Chinese all the same.
  context = await browser.newContext({ locale: 'en-US' });
});
after(async () => {
  await browser?.close();
  await p?.close();
});

async function open(path: string, expectStatus = 200, ctx = context): Promise<Page> {
  const page = await ctx.newPage();
  const res = await page.goto(base + path);
  assert.equal(res?.status(), expectStatus, `status of ${path}`);
  return page;
}

const fontSize = (page: Page, selector: string) => page.$eval(selector, (el) => parseFloat(getComputedStyle(el).fontSize));

const TEMPLATES: { path: string; status: number; h1: [string, string] }[] = [
  { path: '/', status: 200, h1: ['欢迎访问示例市人民政府门户网站', "Welcome to the portal of Shili Municipal People's Government"] },
  { path: '/departments', status: 200, h1: ['部门名录', 'Departments'] },
  { path: '/calendar', status: 200, h1: ['期限计算', 'Deadline calculator'] },
  { path: '/calendar?from=2026-09-28&days=20&unit=working', status: 200, h1: ['期限计算', 'Deadline calculator'] },
  { path: '/calendar?from=2026-12-20&days=30&unit=calendar', status: 200, h1: ['期限计算', 'Deadline calculator'] },
  { path: '/calendar?from=2026-13-01&days=x&unit=', status: 400, h1: ['期限计算', 'Deadline calculator'] },
  { path: '/display', status: 200, h1: ['显示模式', 'Display mode'] },
  { path: '/display?mode=tiny', status: 400, h1: ['显示模式', 'Display mode'] },
  { path: '/search', status: 200, h1: ['站内搜索', 'Search'] },
  { path: '/search?q=%E5%85%AC%E5%AE%89%E5%B1%80', status: 200, h1: ['站内搜索', 'Search'] },
  { path: '/search?q=', status: 400, h1: ['站内搜索', 'Search'] },
  { path: '/no-such-page', status: 404, h1: ['找不到您要访问的页面', 'Page not found'] },
];

for (const [edition, prefix, lang] of [['Chinese', '', 'zh-CN'], ['English', '/en', 'en']] as const) {
  test(`every page template of the ${edition} edition has lang="${lang}", its heading and no axe violations`, async () => {
    for (const t of TEMPLATES) {
      const path = prefix + t.path;
      const page = await open(path, t.status);
      assert.equal(await page.getAttribute('html', 'lang'), lang, `lang of ${path}`);
      assert.equal((await page.textContent('h1'))?.trim(), t.h1[lang === 'en' ? 1 : 0], `h1 of ${path}`);
      assert.equal(await page.locator('h1').count(), 1, `one h1 on ${path}`);
      await expectNoAxeViolations(page, path);
      await page.close();
    }
  });
}

test('the pages pass axe on a phone-sized screen and in large-text mode', async () => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
  for (const path of ['/', '/calendar?from=2026-09-28&days=20&unit=working', '/en/departments']) {
    const page = await open(path, 200, phone);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone at ${path} (overflow ${overflow}px)`);
    await expectNoAxeViolations(page, `${path} (phone)`);
    await page.close();
  }
  const large = await browser.newContext({ locale: 'zh-CN' });
  await large.addCookies([{ name: 'zw_large', value: '1', url: base }]);
  for (const path of ['/', '/calendar?from=2026-13-01', '/en/departments', '/no-such-page']) {
    const page = await open(path, path.startsWith('/no-') ? 404 : path.includes('13-01') ? 400 : 200, large);
    await expectNoAxeViolations(page, `${path} (large text)`);
    await page.close();
  }
  await phone.close();
  await large.close();
});

test('大字版 enlarges the text, stays on across pages, and 标准版 restores it', async () => {
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  const page = await open('/calendar?from=2026-09-28&days=20&unit=working', 200, ctx);
  const standardLead = await fontSize(page, 'p.lead');
  const standardNav = await fontSize(page, '.main-nav a');
  await page.getByRole('link', { name: '大字版' }).click();
  await page.waitForLoadState();
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/calendar?from=2026-09-28&days=20&unit=working', 'back on the same page');
  assert.equal(await page.getAttribute('html', 'class'), 'large-text');
  const largeLead = await fontSize(page, 'p.lead');
  assert.ok(largeLead >= standardLead * 1.3, `large text is clearly larger: ${standardLead}px → ${largeLead}px`);
  assert.ok((await fontSize(page, '.main-nav a')) >= standardNav * 1.3, 'the navigation grows too');
  assert.ok(largeLead >= 24, `large body text is at least 24px (${largeLead}px)`);

  await page.getByRole('link', { name: '部门名录', exact: true }).first().click();
  await page.waitForURL(/\/departments$/);
  assert.equal(await page.getAttribute('html', 'class'), 'large-text', 'large text stays on for the next page');

  await page.getByRole('link', { name: '标准版' }).click();
  await page.waitForURL(/\/departments$/);
  assert.equal(await page.getAttribute('html', 'class'), null);
  assert.equal(await fontSize(page, 'p.lead'), standardLead);
  await ctx.close();
});

test('a visitor computes a deadline with the form, in Chinese and in English', async () => {
  const page = await open('/calendar');
  await page.getByLabel('起算日期').fill('2026-09-28');
  await page.getByLabel('期限天数').fill('20');
  await page.getByLabel('工作日').check();
  await page.getByRole('button', { name: '计算' }).click();
  await page.waitForURL(/from=2026-09-28/);
  const result = page.locator('section.result');
  assert.match(await result.innerText(), /期限届满日：2026-10-30/);
  assert.match(await result.innerText(), /依据官方安排/);
  assert.doesNotMatch(await result.innerText(), /暂定/);

  // Into a year without a published schedule: the result says it is provisional and why.
  await page.getByLabel('起算日期').fill('2027-03-01');
  await page.getByLabel('期限天数').fill('10');
  await page.getByLabel('自然日').check();
  await page.getByRole('button', { name: '计算' }).click();
  await page.waitForURL(/from=2027-03-01/);
  const text = await page.locator('section.result').innerText();
  assert.match(text, /2027-03-11/);
  assert.match(text, /暂定/);
  assert.match(text, /2027 年尚无国务院公布的节假日安排/);

  // The language switch keeps the question and answers it in English.
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/\/en\/calendar\?from=2027-03-01/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.locator('section.result').innerText(), /Provisional/);
  await page.getByRole('link', { name: '中文' }).click();
  await page.waitForURL(/\/calendar\?from=2027-03-01/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.close();
});

test('a wrong entry is explained next to the field and in a summary that links to it', async () => {
  const page = await open('/calendar');
  await page.getByLabel('期限天数').fill('二十');
  await page.getByRole('button', { name: '计算' }).click();
  await page.waitForLoadState();
  const summary = page.locator('.error-summary');
  assert.match(await summary.innerText(), /请输入起算日期/);
  assert.match(await summary.innerText(), /期限天数应为整数/);
  assert.equal(await page.getByLabel('期限天数').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('期限天数').inputValue(), '二十', 'what was typed is kept');
  await summary.getByRole('link', { name: /期限天数应为整数/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-days', 'the summary link moves focus to the field');
  await expectNoAxeViolations(page, 'calendar with errors');
  await page.close();
});

test('the departments page shows the public organisation tree, not internal units', async () => {
  const page = await open('/departments');
  const county = page.locator(`#org-${ids.county}`);
  assert.match(await county.innerText(), /示例县人民政府/);
  assert.match(await county.locator(`#org-${ids.town}`).innerText(), /东山镇人民政府/, 'a town is listed under its county');
  assert.match(await county.locator(`#org-${ids.countyEdu}`).innerText(), /示例县教育局/);
  const all = await page.locator('main').innerText();
  assert.match(all, /示例市公安局/);
  assert.doesNotMatch(all, /办公室|窗口|已撤销/, 'divisions, windows and inactive bodies are not published');

  const home = await open('/');
  const list = await home.locator('.dept-list').innerText();
  assert.match(list, /示例市发展和改革委员会/);
  assert.match(list, /示例市公安局/);
  assert.doesNotMatch(list, /示例县教育局/, 'the home page lists the city\'s own departments');
  await home.getByRole('link', { name: '示例市公安局' }).click();
  await home.waitForURL(new RegExp(`/departments#org-${ids.gaj}$`));
  await page.close();
  await home.close();
});

test('the header follows sign-in: visitors see 登录 and 注册, a signed-in citizen sees 我的账户', async () => {
  const visitor = await open('/');
  const nav = visitor.getByRole('navigation', { name: '主导航' });
  assert.equal(await nav.getByRole('link', { name: '登录' }).getAttribute('href'), '/login');
  assert.equal(await nav.getByRole('link', { name: '注册' }).getAttribute('href'), '/register');
  assert.equal(await nav.getByRole('link', { name: '我的账户' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: '首页' }).getAttribute('aria-current'), 'page');
  await visitor.close();

  const account = await accountRepository.insert(p.kernel.db, { kind: 'citizen', username: 'portal-e2e', displayName: '张三', passwordHash: 'x' });
  const token = await p.kernel.sessions.create(p.kernel.db, account.id, 'full', {});
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  await ctx.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  const signedIn = await open('/en/', 200, ctx);
  const enNav = signedIn.getByRole('navigation', { name: 'Main navigation' });
  assert.equal(await enNav.getByRole('link', { name: 'My account' }).getAttribute('href'), '/en/account');
  assert.equal(await enNav.getByRole('link', { name: 'Sign in' }).count(), 0);
  await expectNoAxeViolations(signedIn, 'home, signed in');
  await ctx.close();
});

test('keyboard users can skip to the content and always see where focus is', async () => {
  const page = await open('/departments');
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  const box = await skip.boundingBox();
  assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await page.keyboard.press('Tab');
  const focusStyle = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { tag: el.tagName, background: s.backgroundColor };
  });
  assert.equal(focusStyle.tag, 'A');
  assert.equal(focusStyle.background, 'rgb(255, 221, 0)', 'a focused link is highlighted');
  await page.close();
});
