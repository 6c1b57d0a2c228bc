import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { makeCreditCode } from '../../src/kernel/identifiers/credit-code.js';
import { Client, PASSWORD, latestCode, person } from './identity-fixtures.js';

let p: TestPlatform;
before(async () => { p = await testPlatform(); });
after(async () => { await p.close(); });

/** A visitor who has loaded a page once, so they hold the CSRF cookie the forms echo. */
async function visitor(path = '/register') {
  const c = new Client(p);
  delete c.cookies.zw_csrf;
  const res = await c.call('GET', path, undefined, { csrf: false });
  assert.equal(res.statusCode, 200);
  assert.ok(c.cookies.zw_csrf, 'the page set a CSRF cookie');
  assert.ok(res.body.includes(`name="_csrf" value="${c.cookies.zw_csrf}"`));
  return { c, page: res.body };
}

test('the register page is Chinese by default and English under /en/', async () => {
  const zh = await p.inject({ url: '/register' });
  assert.match(zh.body, /<html lang="zh-CN"/);
  assert.match(zh.body, /个人用户注册/);
  assert.match(zh.body, /href="\/register\/enterprise"/);
  const en = await p.inject({ url: '/en/register' });
  assert.match(en.body, /<html lang="en"/);
  assert.match(en.body, /Register as an individual/);
  assert.match(en.body, /action="\/en\/register"/);
});

test('without JavaScript: send the code, keep the values, then register and land on the account page', async () => {
  const { c } = await visitor();
  const who = person();
  const sent = await c.form('/register', { ...who, password: PASSWORD, action: 'sendCode' });
  assert.equal(sent.statusCode, 200);
  assert.match(sent.body, /验证码已发送至 137\*\*\*\*\d{4}/);
  assert.ok(sent.body.includes(`value="${who.idNumber}"`), 'entered values are kept');
  assert.ok(!sent.body.includes(PASSWORD), 'the password is never echoed');
  const badId = who.idNumber.slice(0, 17) + (who.idNumber[17] === '1' ? '2' : '1');
  const code = await latestCode(p, who.phone);
  const wrong = await c.form('/register', { ...who, idNumber: badId, smsCode: code, password: PASSWORD, action: 'register' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /class="error-summary"/);
  assert.match(wrong.body, /<a href="#f-idNumber">身份证号码校验位不正确/);
  assert.match(wrong.body, /id="f-idNumber"[^>]*aria-invalid="true"/);
  const ok = await c.form('/register', { ...who, smsCode: code, password: PASSWORD, action: 'register' });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/account');
  const account = await c.call('GET', '/account', undefined, { csrf: false });
  assert.equal(account.statusCode, 200);
  assert.ok(account.body.includes(who.phone));
  assert.ok(!account.body.includes(who.idNumber), 'the full ID number is not shown on screen');
  assert.ok(account.body.includes(`**************${who.idNumber.slice(-4)}`));
});

test('a too-early second code request is shown on the form, not as an error page', async () => {
  const { c } = await visitor();
  const who = person();
  await c.form('/register', { ...who, action: 'sendCode' });
  const again = await c.form('/register', { ...who, action: 'sendCode' });
  assert.equal(again.statusCode, 429);
  assert.match(again.body, /验证码发送过于频繁/);
  assert.match(again.body, /<form method="post"/);
});

test('a form post without the CSRF field gets a page saying so', async () => {
  const { c } = await visitor();
  const res = await p.inject({ method: 'POST', url: '/register', cookies: c.cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x' });
  assert.equal(res.statusCode, 403);
  assert.match(res.headers['content-type'] as string, /text\/html/);
  assert.match(res.body, /页面已过期/);
});

test('the account page sends visitors to sign in and back; sign-in, edit, sign-out', async () => {
  const anonymous = await p.inject({ url: '/account' });
  assert.equal(anonymous.statusCode, 303);
  assert.equal(anonymous.headers.location, '/login?next=%2Faccount');
  const { c } = await visitor('/register');
  const who = person();
  await c.form('/register', { ...who, action: 'sendCode' });
  await c.form('/register', { ...who, smsCode: await latestCode(p, who.phone), password: PASSWORD, action: 'register' });
  await c.form('/logout', {});
  assert.equal((await c.call('GET', '/account', undefined, { csrf: false })).statusCode, 303);
  const bad = await c.form('/login?next=%2Faccount', { username: who.phone, password: 'Wrong.password1' });
  assert.equal(bad.statusCode, 401);
  assert.match(bad.body, /账号或密码不正确/);
  assert.ok(bad.body.includes(`value="${who.phone}"`));
  const good = await c.form('/login?next=%2Faccount', { username: who.idNumber, password: PASSWORD });
  assert.equal(good.statusCode, 303);
  assert.equal(good.headers.location, '/account');
  const invalid = await c.form('/account', { email: 'not-an-email', address: '' });
  assert.equal(invalid.statusCode, 400);
  assert.match(invalid.body, /请输入有效的电子邮箱地址/);
  const saved = await c.form('/account', { email: 'me@example.cn', address: '人民路 3 号' });
  assert.equal(saved.statusCode, 303);
  const page = await c.call('GET', saved.headers.location as string, undefined, { csrf: false });
  assert.match(page.body, /已保存/);
  assert.match(page.body, /me@example\.cn/);
  const evil = await c.form('/login?next=%2F%2Fevil.example', { username: who.phone, password: PASSWORD });
  assert.equal(evil.headers.location, '/account', 'next never leaves the site');
});

test('an enterprise registers through the form and manages agents on its page', async () => {
  const { c } = await visitor('/register/enterprise');
  const phone = person().phone;
  const creditCode = makeCreditCode('91990102MA0PAGE01');
  const fields = { enterpriseName: '表单科技有限公司', creditCode, legalRepresentative: '孙八', contactName: '周九', phone, username: 'formtech', password: PASSWORD };
  await c.form('/register/enterprise', { ...fields, action: 'sendCode' });
  const ok = await c.form('/register/enterprise', { ...fields, smsCode: await latestCode(p, phone), action: 'register' });
  assert.equal(ok.statusCode, 303);
  const account = await c.call('GET', '/account', undefined, { csrf: false });
  assert.match(account.body, /href="\/account\/agents"/);
  const who = person();
  const added = await c.form('/account/agents', { name: '吴十', idNumber: who.idNumber, phone: who.phone, scopeNote: '社保业务' });
  assert.equal(added.statusCode, 303);
  const list = await c.call('GET', '/account/agents', undefined, { csrf: false });
  assert.match(list.body, /吴十/);
  assert.match(list.body, /社保业务/);
  assert.ok(!list.body.includes(who.idNumber));
  const action = /action="(\/account\/agents\/[0-9a-f-]+\/delete)"/.exec(list.body)![1];
  assert.equal((await c.form(action, {})).statusCode, 303);
  assert.doesNotMatch((await c.call('GET', '/account/agents', undefined, { csrf: false })).body, /吴十/);
});
