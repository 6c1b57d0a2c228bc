import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { Client, latestCode, PASSWORD, registerCitizen } from './identity-fixtures.js';

let p: TestPlatform;
before(async () => { p = await testPlatform(); });
after(async () => { await p.close(); });

const NEW_PASSWORD = 'Fresh-Start-2026';

/** Registration has just sent a code to the phone; let the one-a-minute limit pass. */
const minuteLater = () => p.kernel.db.query("UPDATE identity_sms_codes SET created_at = created_at - interval '2 minutes'");

test('a citizen who forgot the password gets a code on the registered phone and sets a new one; old sessions end', async () => {
  const { client: oldDevice, who } = await registerCitizen(p);
  await p.kernel.db.query("UPDATE accounts SET failed_logins = 5, locked_until = now() + interval '1 hour' WHERE username = $1", [who.phone]);
  const c = new Client(p);
  await minuteLater();
  assert.equal((await c.call('POST', '/api/identity/sms-codes', { phone: who.phone, purpose: 'resetPassword' })).statusCode, 202);
  const reset = await c.call('POST', '/api/identity/password-reset', { phone: who.phone, smsCode: await latestCode(p, who.phone), password: NEW_PASSWORD });
  assert.equal(reset.statusCode, 204, reset.body);
  assert.equal((await oldDevice.call('GET', '/api/identity/account')).statusCode, 401, 'the old session ended');
  assert.equal((await c.call('POST', '/api/auth/login', { username: who.phone, password: PASSWORD })).statusCode, 401);
  assert.equal((await c.call('POST', '/api/auth/login', { username: who.phone, password: NEW_PASSWORD })).statusCode, 200, 'unlocked, with the new password');
  assert.ok(await p.kernel.db.maybeOne("SELECT 1 FROM audit_log WHERE action = 'identity.password.reset'"));
});

test('a wrong code, a weak password or an unregistered phone changes nothing; a weak password does not use up the code', async () => {
  const { who } = await registerCitizen(p);
  const c = new Client(p);
  await minuteLater();
  await c.call('POST', '/api/identity/sms-codes', { phone: who.phone, purpose: 'resetPassword' });
  const code = await latestCode(p, who.phone);
  const wrong = await c.call('POST', '/api/identity/password-reset', { phone: who.phone, smsCode: code === '000000' ? '111111' : '000000', password: NEW_PASSWORD });
  assert.equal(wrong.statusCode, 400);
  assert.equal(wrong.json().error.fields[0].field, 'smsCode');
  const weak = await c.call('POST', '/api/identity/password-reset', { phone: who.phone, smsCode: code, password: 'abc' });
  assert.equal(weak.statusCode, 400);
  assert.equal(weak.json().error.fields[0].field, 'password');
  assert.equal((await c.call('POST', '/api/auth/login', { username: who.phone, password: PASSWORD })).statusCode, 200, 'the password is unchanged');
  // A phone nobody registered was sent no code: the same answer as a wrong code, so nothing reveals who has an account.
  assert.equal((await c.call('POST', '/api/identity/sms-codes', { phone: '13712345678', purpose: 'resetPassword' })).statusCode, 202);
  const unknown = await c.call('POST', '/api/identity/password-reset', { phone: '13712345678', smsCode: '123456', password: NEW_PASSWORD });
  assert.equal(unknown.statusCode, 400);
  assert.equal(unknown.json().error.fields[0].field, 'smsCode');
  // The code survived the weak attempt, is good once, and cannot be replayed.
  assert.equal((await c.call('POST', '/api/identity/password-reset', { phone: who.phone, smsCode: code, password: NEW_PASSWORD })).statusCode, 204);
  assert.equal((await c.call('POST', '/api/identity/password-reset', { phone: who.phone, smsCode: code, password: 'Another-2026!' })).statusCode, 400);
});

test('the portal form works without JavaScript: send the code, set the password, land on the sign-in page', async () => {
  const { who } = await registerCitizen(p);
  const c = new Client(p);
  const page = await c.call('GET', '/password-reset');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /找回密码/);
  assert.match((await c.call('GET', '/login')).body, /href="\/password-reset"/, 'the sign-in page links to it');
  await minuteLater();
  const sent = await c.form('/password-reset', { phone: who.phone, smsCode: '', kind: 'citizen', password: '', action: 'sendCode' });
  assert.equal(sent.statusCode, 200);
  assert.match(sent.body, /验证码已发送/);
  const done = await c.form('/password-reset', { phone: who.phone, smsCode: await latestCode(p, who.phone), kind: 'citizen', password: NEW_PASSWORD, action: 'reset' });
  assert.equal(done.statusCode, 200, done.body.slice(0, 500));
  assert.match(done.body, /密码已重新设置/);
  assert.equal((await c.call('POST', '/api/auth/login', { username: who.phone, password: NEW_PASSWORD })).statusCode, 200);
  const en = await c.call('GET', '/en/password-reset');
  assert.match(en.body, /Reset your password/);
});
