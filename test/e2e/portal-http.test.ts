import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { testPlatform, type TestPlatform } from '../support/harness.js';

// The portal over plain HTTP: headers, the large-text switch, static files, error pages and form validation.
let p: TestPlatform;
let base: string;

before(async () => {
  p = await testPlatform();
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = p.app.server.address() as { port: number };
  base = `http://127.0.0.1:${addr.port}`;
  const city = crypto.randomUUID();
  const dept = crypto.randomUUID();
  await p.kernel.db.query(
    `INSERT INTO orgs (id, parent_id, path, code, name, kind, sort) VALUES
       ($1, NULL, $3, 'HTTP-CITY', '示例市人民政府', 'government', 1),
       ($2, $1, $4, 'HTTP-FGW', '示例市发展和改革委员会', 'department', 1)`,
    [city, dept, `/${city}/`, `/${city}/${dept}/`],
  );
});
after(async () => { await p?.close(); });

const get = (path: string, init: RequestInit = {}) => fetch(base + path, { redirect: 'manual', ...init });

test('pages carry strict security headers', async () => {
  const res = await get('/');
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(res.headers.get('referrer-policy'));
  assert.match(res.headers.get('cache-control') ?? '', /private/, 'a page that depends on cookies must not be shared by caches');
});

test('the Chinese edition is Chinese and the English edition English, whatever the browser prefers', async () => {
  const zh = await (await get('/calendar', { headers: { 'accept-language': 'en-US,en;q=0.9' } })).text();
  assert.match(zh, /<html lang="zh-CN"/);
  assert.match(zh, /<h1>期限计算<\/h1>/);
  const en = await (await get('/en/calendar', { headers: { 'accept-language': 'zh-CN' } })).text();
  assert.match(en, /<html lang="en"/);
  assert.match(en, /<h1>Deadline calculator<\/h1>/);
  // The language switch leads to the same page in the other edition, query and all.
  const withQuery = await (await get('/calendar?from=2026-09-28&days=20&unit=working')).text();
  assert.match(withQuery, /href="\/en\/calendar\?from=2026-09-28&amp;days=20&amp;unit=working" lang="en" hreflang="en">English</);
});

test('the home page lists the city departments from the directory', async () => {
  const body = await (await get('/')).text();
  assert.match(body, /示例市发展和改革委员会/);
  const en = await (await get('/en/')).text();
  assert.match(en, /<a href="\/en\/departments#org-[0-9a-f-]+" lang="zh-CN">示例市发展和改革委员会<\/a>/);
});

test('large text is switched on and off by a plain link and goes back where it came from', async () => {
  const on = await get('/display?mode=large&back=' + encodeURIComponent('/calendar?from=2026-09-28&days=20&unit=working'));
  assert.equal(on.status, 303);
  assert.equal(on.headers.get('location'), '/calendar?from=2026-09-28&days=20&unit=working');
  const cookie = on.headers.getSetCookie().find((c) => c.startsWith('zw_large='));
  assert.ok(cookie && /zw_large=1/.test(cookie) && /HttpOnly/i.test(cookie), `large-text cookie set: ${cookie}`);

  const page = await (await get('/calendar', { headers: { cookie: 'zw_large=1' } })).text();
  assert.match(page, /<html lang="zh-CN" class="large-text">/);
  assert.match(page, />标准版<\/a>/, 'in large text the toggle offers the standard edition');

  const off = await get('/en/display?mode=standard&back=%2Fen%2Fdepartments', { headers: { cookie: 'zw_large=1' } });
  assert.equal(off.status, 303);
  assert.equal(off.headers.get('location'), '/en/departments');
  const cleared = off.headers.getSetCookie().find((c) => c.startsWith('zw_large='));
  assert.ok(cleared && /Expires=Thu, 01 Jan 1970|Max-Age=0/i.test(cleared), `large-text cookie cleared: ${cleared}`);
});

test('the large-text switch refuses to send visitors to another site', async () => {
  for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', 'calendar', '/%0d%0aSet-Cookie:x=1'.replace('%0d%0a', '\r\n')]) {
    const res = await get('/display?mode=large&back=' + encodeURIComponent(back));
    assert.equal(res.status, 400, `back=${JSON.stringify(back)}`);
    assert.equal(res.headers.get('location'), null);
    assert.ok(!res.headers.getSetCookie().some((c) => c.startsWith('zw_large=')), 'no mode change on a refused request');
    const body = await res.text();
    assert.match(body, /返回地址必须是本网站内的页面/);
  }
  const badMode = await get('/en/display?mode=huge');
  assert.equal(badMode.status, 400);
  assert.match(await badMode.text(), /The display mode must be large or standard/);
});

test('static files are served with a long cache and a content-versioned address', async () => {
  const home = await (await get('/')).text();
  const href = home.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1];
  assert.match(href ?? '', /^\/static\/portal\.css\?v=[0-9a-f]{12}$/);
  const css = await get(href!);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  assert.match(css.headers.get('cache-control') ?? '', /max-age=31536000/);
  assert.match(await css.text(), /\.large-text/);
  assert.equal((await get('/static/%2e%2e/package.json')).status, 404);
  assert.equal((await get('/static/')).status, 404);
  // /favicon.ico leads to the emblem, which is an SVG image.
  const icon = await get('/favicon.ico', { redirect: 'follow' });
  assert.equal(icon.status, 200);
  assert.match(icon.headers.get('content-type') ?? '', /image\/svg\+xml/);
});

test('unknown pages answer 404 with a page in the edition asked for; the API keeps JSON', async () => {
  const zh = await get('/no-such-page');
  assert.equal(zh.status, 404);
  assert.match(zh.headers.get('content-type') ?? '', /text\/html/);
  const zhBody = await zh.text();
  assert.match(zhBody, /<html lang="zh-CN"/);
  assert.match(zhBody, /找不到您要访问的页面/);
  assert.match(zhBody, /<a class="skip-link" href="#main">/, 'the error page is inside the portal shell');
  const en = await get('/en/no-such-page');
  assert.equal(en.status, 404);
  assert.match(await en.text(), /<html lang="en"[\s\S]*Page not found/);
  const api = await get('/api/no-such-thing');
  assert.equal(api.status, 404);
  assert.equal((await api.json()).error.code, 'NOT_FOUND');
});

test('the calculator validates every field with a message and answers 400', async () => {
  const res = await get('/calendar?from=2026-02-30&days=abc&unit=weeks');
  assert.equal(res.status, 400);
  const body = await res.text();
  assert.match(body, /<title>错误：期限计算/);
  assert.match(body, /<a href="#f-from">请输入有效日期/);
  assert.match(body, /<a href="#f-days">期限天数应为整数/);
  assert.match(body, /<a href="#f-unit">请选择按工作日还是按自然日计算/);
  assert.match(body, /id="f-days"[^>]*aria-invalid="true"/);

  const range = await (await get('/en/calendar?from=1800-01-01&days=99999&unit=working')).text();
  assert.match(range, /The start date must be between 1990 and 2099/);
  assert.match(range, /The number of days must be from 1 to 3650/);

  const empty = await get('/calendar?from=&days=&unit=');
  assert.equal(empty.status, 400);
  const emptyBody = await empty.text();
  assert.match(emptyBody, /请输入起算日期/);
  assert.match(emptyBody, /请输入期限天数/);

  // Full-width digits typed with a Chinese input method are understood.
  const wide = await get('/calendar?from=' + encodeURIComponent('２０２６－０９－２８') + '&days=' + encodeURIComponent('２０') + '&unit=working');
  assert.equal(wide.status, 200);
  assert.match(await wide.text(), /<time datetime="2026-10-30">2026-10-30<\/time>/);

  const first = await get('/calendar');
  assert.equal(first.status, 200, 'the empty form is not an error');
  assert.doesNotMatch(await first.text(), /error-summary/);
});

test('the calculator counts calendar days to the next working day and marks unpublished years provisional', async () => {
  // 30 calendar days after 2026-09-01 is 10-01, inside the National Day rest (10-01..10-07): it moves to 10-08.
  const cal = await (await get('/calendar?from=2026-09-01&days=30&unit=calendar')).text();
  assert.match(cal, /<time datetime="2026-10-08">/);
  assert.match(cal, /依据官方安排/);
  const future = await (await get('/en/calendar?from=2026-12-15&days=20&unit=working')).text();
  assert.match(future, /badge-provisional">Provisional</);
  assert.match(future, /runs through 2027/);
});
