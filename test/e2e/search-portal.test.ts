import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree } from '../support/fixtures.js';
import { expectNoAxeViolations, launchBrowser } from '../support/browser.js';

// The public search page in a real browser, without script: results with highlights, facets, paging and
// the empty state, in both editions, on a phone and in large-text mode, all checked by axe-core.
let p: TestPlatform;
let base: string;
let browser: Browser;
let noScript: BrowserContext;
let withScript: BrowserContext;

before(async () => {
  p = await testPlatform();
  const tree = await createOrgTree(p);
  await p.kernel.search.reindex({ source: 'portal.department' });
  await p.kernel.db.tx((tx) => p.kernel.search.indexMany(tx, Array.from({ length: 23 }, (_, i) => ({
    source: 'test.policy', ref: `p${i}`, url: `/documents/p${i}`, visibility: 'public' as const,
    title: i === 0 ? '关于做好营业执照办理工作的通知' : `市场主体登记指引第${i}号`,
    body: `申请人办理营业执照时，<b>可以</b>通过政务服务网提交材料。第${i}条。`,
    docNumber: i === 0 ? '示政发〔2026〕7号' : null,
    orgId: i % 2 ? tree.deptA.id : tree.deptB.id,
    publishedAt: new Date(Date.UTC(2020 + (i % 5), 2, 1 + i)),
  }))));
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
  browser = await launchBrowser();
  noScript = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
  // axe-core runs as script in the page, so pages are checked in a context that allows it.
  withScript = await browser.newContext({ locale: 'zh-CN' });
});
after(async () => {
  await browser?.close();
  await p?.close();
});

async function open(path: string, status = 200, ctx = noScript): Promise<Page> {
  const page = await ctx.newPage();
  const res = await page.goto(base + path);
  assert.equal(res?.status(), status, path);
  return page;
}

test('a search from the masthead box lists highlighted results, facets and pages, without script', async () => {
  const page = await open('/');
  await page.getByRole('search', { name: '全站搜索' }).getByRole('searchbox').fill('营业执照');
  await page.getByRole('search', { name: '全站搜索' }).getByRole('button', { name: '搜索' }).click();
  await page.waitForURL(/\/search\?q=/);
  assert.match(await page.locator('.search-count').innerText(), /找到 23 条结果，当前显示第 1–10 条/);
  const first = page.locator('.search-result').first();
  assert.equal(await first.locator('h3 mark').innerText(), '营业执照', 'the title match ranks first, highlighted');
  assert.match(await first.innerText(), /文号：示政发〔2026〕7号/);
  assert.match(await first.locator('.search-snippet').innerHTML(), /&lt;b&gt;可以&lt;\/b&gt;/, 'markup in a document is shown as text');
  const checked = await open(new URL(page.url()).pathname + new URL(page.url()).search, 200, withScript);
  assert.equal(await checked.locator('script').count(), 0, 'the page needs no script');
  await expectNoAxeViolations(checked, 'search results');
  await checked.close();
  await page.getByRole('link', { name: '下一页' }).click();
  await page.waitForURL(/page=2/);
  assert.match(await page.locator('.search-count').innerText(), /第 11–20 条/);
  await page.getByRole('link', { name: /^2021（\d+）$/ }).click();
  await page.waitForURL(/from=2021-01-01&to=2021-12-31/);
  const years = await page.locator('.search-meta').allInnerTexts();
  assert.ok(years.length > 0 && years.every((m) => m.includes('日期：2021-')), years.join('\n'));
  await page.close();
});

test('the search page passes axe in both editions, empty and invalid states, on a phone and in large text', async () => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
  const large = await browser.newContext({ locale: 'zh-CN' });
  await large.addCookies([{ name: 'zw_large', value: '1', url: base }]);
  const q = encodeURIComponent('营业执照');
  for (const [path, status, ctx] of [
    ['/search', 200, withScript], [`/en/search?q=${q}`, 200, withScript], [`/search?q=${encodeURIComponent('没有这个词壬癸')}`, 200, withScript],
    ['/search?q=', 400, withScript], [`/search?q=${q}`, 200, phone], [`/en/search?q=${q}`, 200, phone], [`/search?q=${q}`, 200, large],
  ] as const) {
    const page = await open(path, status, ctx);
    if (ctx === phone) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling on a phone at ${path} (overflow ${overflow}px)`);
    }
    await expectNoAxeViolations(page, path);
    await page.close();
  }
  const empty = await open(`/search?q=${encodeURIComponent('没有这个词壬癸')}`);
  assert.match(await empty.locator('main').innerText(), /没有找到与“没有这个词壬癸”相关的信息/);
  await empty.getByRole('link', { name: '在部门名录中查找负责的部门。' }).waitFor();
  await phone.close();
  await large.close();
});

test('departments are found by name and lead to their place in the directory', async () => {
  const page = await open(`/search?q=${encodeURIComponent('教育局')}`);
  await page.getByRole('link', { name: '测试市教育局', exact: true }).click();
  await page.waitForURL(/\/departments#org-/);
  await page.close();
});
