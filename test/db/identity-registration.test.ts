import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { makeCreditCode } from '../../src/kernel/identifiers/credit-code.js';
import { Client, PASSWORD, latestCode, person, registerCitizen } from './identity-fixtures.js';

let p: TestPlatform;
before(async () => { p = await testPlatform(); });
after(async () => { await p.close(); });

const fieldsOf = (res: { json(): any }) => Object.fromEntries(res.json().error.fields.map((f: any) => [f.field, f.message]));

test('a citizen registers with a checked ID number and an SMS code, and is signed in', async () => {
  const { client, who, id } = await registerCitizen(p);
  const me = await client.call('GET', '/api/identity/account');
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().id, id);
  assert.equal(me.json().idNumber, who.idNumber);
  assert.equal(me.json().phone, who.phone);
  assert.equal(me.json().realNameVerified, true);
  const row = await p.kernel.db.one('SELECT username, phone_enc, id_number_enc FROM accounts WHERE id = $1', [id]);
  assert.equal(row.username, who.phone);
  assert.ok(!row.phone_enc.includes(who.phone) && !row.id_number_enc.includes(who.idNumber), 'personal data is stored encrypted');
  const audit = await p.kernel.db.query(`SELECT outcome FROM audit_log WHERE action = 'identity.register' AND target_id = $1`, [id]);
  assert.equal(audit.length, 1);
});

test('a wrong ID check digit is a 400 field error in Chinese, and does not use up the SMS code', async () => {
  const c = new Client(p);
  const who = person();
  await c.call('POST', '/api/identity/sms-codes', { phone: who.phone, purpose: 'register' });
  const code = await latestCode(p, who.phone);
  const bad = who.idNumber.slice(0, 17) + (who.idNumber[17] === '1' ? '2' : '1');
  const res = await c.call('POST', '/api/identity/register/citizen', { ...who, idNumber: bad, smsCode: code, password: PASSWORD });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.code, 'VALIDATION');
  assert.equal(fieldsOf(res).idNumber, '身份证号码校验位不正确，请核对后重新输入。');
  const ok = await c.call('POST', '/api/identity/register/citizen', { ...who, smsCode: code, password: PASSWORD });
  assert.equal(ok.statusCode, 201, 'the same code still works once the number is corrected');
});

test('English callers get English messages', async () => {
  const res = await p.inject({ method: 'POST', url: '/api/identity/register/citizen', headers: { 'accept-language': 'en' },
    payload: { name: 'Li', idNumber: '110105194902300021', phone: '13711112222', smsCode: '123456', password: PASSWORD } });
  assert.equal(res.statusCode, 400);
  assert.equal(fieldsOf(res).idNumber, 'The date of birth in the ID number is not valid.');
});

test('several problems are reported together, each on its field', async () => {
  const res = await p.inject({ method: 'POST', url: '/api/identity/register/citizen',
    payload: { name: '王五', idNumber: '1234', phone: '12345', smsCode: '12', password: 'short', email: 'not-an-email' } });
  assert.equal(res.statusCode, 400);
  const f = fieldsOf(res);
  assert.deepEqual(Object.keys(f).sort(), ['email', 'idNumber', 'password', 'phone', 'smsCode']);
  assert.equal(f.phone, '请输入 11 位中国大陆手机号码。');
  assert.equal(f.password, '密码长度应为 8 到 128 位。');
});

test('missing and unknown fields are 400 with field errors, never 500', async () => {
  const res = await p.inject({ method: 'POST', url: '/api/identity/register/citizen', payload: { name: '王五', extra: 1 } });
  assert.equal(res.statusCode, 400);
  const f = fieldsOf(res);
  assert.ok(f.idNumber && f.phone && f.password && f.extra);
  const notJson = await p.inject({ method: 'POST', url: '/api/identity/register/citizen', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
  assert.equal(notJson.statusCode, 400);
});

test('a duplicate phone and a duplicate ID number are refused on their fields', async () => {
  const first = await registerCitizen(p);
  const c = new Client(p);
  const again = { ...person(), phone: first.who.phone };
  await new Promise((r) => setTimeout(r, 10));
  const res = await c.call('POST', '/api/identity/register/citizen', { ...again, smsCode: '000000', password: PASSWORD });
  assert.equal(res.statusCode, 400);
  assert.equal(fieldsOf(res).phone, '该手机号码已注册，请直接登录或找回密码。');
  const sameId = { ...person(), idNumber: first.who.idNumber.toLowerCase() };
  const res2 = await c.call('POST', '/api/identity/register/citizen', { ...sameId, smsCode: '000000', password: PASSWORD });
  assert.equal(res2.statusCode, 400);
  assert.equal(fieldsOf(res2).idNumber, '该身份证号码已注册，请直接登录或找回密码。');
});

test('a wrong SMS code is refused, and after five wrong tries even the right code is', async () => {
  const c = new Client(p);
  const who = person();
  await c.call('POST', '/api/identity/sms-codes', { phone: who.phone, purpose: 'register' });
  const code = await latestCode(p, who.phone);
  const wrong = code === '111111' ? '222222' : '111111';
  const first = await c.call('POST', '/api/identity/register/citizen', { ...who, smsCode: wrong, password: PASSWORD });
  assert.equal(first.statusCode, 400);
  assert.equal(fieldsOf(first).smsCode, '验证码不正确。');
  for (let i = 0; i < 4; i++) await c.call('POST', '/api/identity/register/citizen', { ...who, smsCode: wrong, password: PASSWORD });
  const right = await c.call('POST', '/api/identity/register/citizen', { ...who, smsCode: code, password: PASSWORD });
  assert.equal(right.statusCode, 400);
  assert.equal(fieldsOf(right).smsCode, '验证码错误次数过多，请重新获取。');
});

test('an expired SMS code is refused', async () => {
  const c = new Client(p);
  const who = person();
  await c.call('POST', '/api/identity/sms-codes', { phone: who.phone, purpose: 'register' });
  await p.kernel.db.query(`UPDATE identity_sms_codes SET expires_at = now() - interval '1 second' WHERE phone_hash = $1`, [p.kernel.cipher.lookupHash(who.phone)]);
  const res = await c.call('POST', '/api/identity/register/citizen', { ...who, smsCode: await latestCode(p, who.phone), password: PASSWORD });
  assert.equal(res.statusCode, 400);
  assert.equal(fieldsOf(res).smsCode, '验证码已过期或未获取，请重新获取。');
});

test('SMS codes: one per phone per minute (429 with the wait), ten per day', async () => {
  const phone = person().phone;
  const send = () => p.inject({ method: 'POST', url: '/api/identity/sms-codes', payload: { phone, purpose: 'register' } });
  assert.equal((await send()).statusCode, 202);
  const second = await send();
  assert.equal(second.statusCode, 429);
  assert.match(second.json().error.message, /^验证码发送过于频繁，请 \d+ 秒后再试。$/);
  const hash = p.kernel.cipher.lookupHash(phone);
  // Pretend nine more were sent over the past hours.
  for (let i = 0; i < 9; i++) {
    await p.kernel.db.query(`INSERT INTO identity_sms_codes (id, phone_hash, purpose, code_hash, expires_at, created_at)
      VALUES (gen_random_uuid(), $1, 'register', 'x', now(), now() - make_interval(hours => $2))`, [hash, i + 1]);
  }
  await p.kernel.db.query(`UPDATE identity_sms_codes SET created_at = created_at - interval '2 minutes' WHERE phone_hash = $1`, [hash]);
  const eleventh = await send();
  assert.equal(eleventh.statusCode, 429);
  assert.equal(eleventh.json().error.message, '该手机号码今日获取验证码已达 10 次上限，请明天再试。');
  const badPhone = await p.inject({ method: 'POST', url: '/api/identity/sms-codes', payload: { phone: '2345', purpose: 'register' } });
  assert.equal(badPhone.statusCode, 400);
  const badPurpose = await p.inject({ method: 'POST', url: '/api/identity/sms-codes', payload: { phone, purpose: 'other' } });
  assert.equal(badPurpose.statusCode, 400);
});

test('an enterprise registers with a checked credit code; a duplicate code and a bad check character are refused', async () => {
  const c = new Client(p);
  const phone = person().phone;
  const creditCode = makeCreditCode('91990102MA02AB123');
  await c.call('POST', '/api/identity/sms-codes', { phone, purpose: 'register' });
  const body = { enterpriseName: '示例市测试有限公司', creditCode, legalRepresentative: '赵六', contactName: '钱七', phone, password: PASSWORD };
  const badCheck = await c.call('POST', '/api/identity/register/enterprise', { ...body, creditCode: creditCode.slice(0, 17) + (creditCode[17] === '0' ? '1' : '0'), smsCode: '000000' });
  assert.equal(badCheck.statusCode, 400);
  assert.equal(fieldsOf(badCheck).creditCode, '统一社会信用代码校验位不正确，请核对后重新输入。');
  const withO = await c.call('POST', '/api/identity/register/enterprise', { ...body, creditCode: 'O' + creditCode.slice(1), smsCode: '000000' });
  assert.match(fieldsOf(withO).creditCode, /不含 I、O、S、V、Z/);
  const res = await c.call('POST', '/api/identity/register/enterprise', { ...body, smsCode: await latestCode(p, phone) });
  assert.equal(res.statusCode, 201);
  assert.equal(res.json().account.kind, 'enterprise');
  assert.equal(res.json().account.username, creditCode.toLowerCase());
  const me = await c.call('GET', '/api/identity/account');
  assert.equal(me.json().creditCode, creditCode);
  assert.equal(me.json().legalRepresentative, '赵六');
  const dup = await new Client(p).call('POST', '/api/identity/register/enterprise', { ...body, phone: person().phone, smsCode: '000000' });
  assert.equal(dup.statusCode, 400);
  assert.equal(fieldsOf(dup).creditCode, '该统一社会信用代码已注册。');
  // Signs in with the credit code itself.
  const login = await new Client(p).call('POST', '/api/auth/login', { username: creditCode, password: PASSWORD });
  assert.equal(login.statusCode, 200);
});

test('own account: contact details are edited with validation; a citizen has no contact person', async () => {
  const { client } = await registerCitizen(p);
  const ok = await client.call('PATCH', '/api/identity/account', { email: 'li@example.cn', address: '示例市人民路 2 号' });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().email, 'li@example.cn');
  assert.equal((await client.call('GET', '/api/identity/account')).json().address, '示例市人民路 2 号');
  const bad = await client.call('PATCH', '/api/identity/account', { email: 'nope' });
  assert.equal(bad.statusCode, 400);
  assert.equal(fieldsOf(bad).email, '请输入有效的电子邮箱地址。');
  const contact = await client.call('PATCH', '/api/identity/account', { contactName: '某人' });
  assert.equal(contact.statusCode, 400);
  const anonymous = await p.inject({ method: 'GET', url: '/api/identity/account' });
  assert.equal(anonymous.statusCode, 401);
});
