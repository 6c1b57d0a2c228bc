import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { totpCode } from '../../src/modules/identity/totp.js';
import { Client, PASSWORD, staffWithRole } from './identity-fixtures.js';

let p: TestPlatform;
before(async () => { p = await testPlatform({ staffRequireTotp: true }); });
after(async () => { await p.close(); });

/** Enrols a staff member through the API and returns their secret and a signed-out state. */
async function enrol(username: string) {
  await staffWithRole(p, { username, permissions: ['security.account.read'], scope: 'root', adminKind: 'security' });
  const c = new Client(p);
  const login = await c.call('POST', '/api/auth/login', { username, password: PASSWORD });
  assert.equal(login.json().stage, 'enrol');
  const start = await c.call('POST', '/api/auth/totp/enrolment');
  assert.equal(start.statusCode, 200);
  const { secret } = start.json();
  const confirm = await c.call('POST', '/api/auth/totp/enrolment/confirm', { code: totpCode(secret) });
  assert.equal(confirm.statusCode, 200);
  return { c, secret };
}

test('staff without TOTP must enrol first: nothing else is allowed until the first code is confirmed', async () => {
  await staffWithRole(p, { username: 'new-admin', permissions: ['security.account.read'], scope: 'root', adminKind: 'security' });
  const c = new Client(p);
  const login = await c.call('POST', '/api/auth/login', { username: 'new-admin', password: PASSWORD });
  assert.deepEqual(login.json().stage, 'enrol');
  const blocked = await c.call('GET', '/api/identity/accounts');
  assert.equal(blocked.statusCode, 401);
  assert.equal(blocked.json().error.code, 'TOTP_ENROL_REQUIRED');
  const session = await c.call('GET', '/api/auth/session');
  assert.equal(session.json().stage, 'enrol');
  assert.deepEqual(session.json().permissions, [], 'no permissions before the second factor');
  const start = await c.call('POST', '/api/auth/totp/enrolment');
  const e = start.json();
  assert.match(e.otpauthUrl, /^otpauth:\/\/totp\//);
  assert.match(e.qrDataUrl, /^data:image\/png;base64,/);
  const pending = await p.kernel.db.one(`SELECT a.totp_secret_enc, t.secret_enc FROM accounts a JOIN identity_totp_pending t ON t.account_id = a.id WHERE a.username = 'new-admin'`);
  assert.equal(pending.totp_secret_enc, null, 'the secret is not active before it is confirmed');
  assert.ok(!pending.secret_enc.includes(e.secret), 'the pending secret is stored encrypted');
  const wrong = await c.call('POST', '/api/auth/totp/enrolment/confirm', { code: '000000' === totpCode(e.secret) ? '111111' : '000000' });
  assert.equal(wrong.statusCode, 400);
  assert.equal(wrong.json().error.fields[0].field, 'code');
  const ok = await c.call('POST', '/api/auth/totp/enrolment/confirm', { code: totpCode(e.secret) });
  assert.equal(ok.statusCode, 200);
  const full = await c.call('GET', '/api/auth/session');
  assert.equal(full.json().stage, 'full');
  assert.equal(full.json().account.totpEnrolled, true);
  assert.deepEqual(full.json().permissions, ['security.account.read']);
  assert.equal(full.json().grants[0].adminKind, 'security');
  assert.equal((await c.call('GET', '/api/identity/accounts')).statusCode, 200);
});

test('an enrolled staff member signs in with password then code; the same code cannot be used twice', async () => {
  const { secret } = await enrol('totp-user');
  const c = new Client(p);
  const login = await c.call('POST', '/api/auth/login', { username: 'totp-user', password: PASSWORD });
  assert.equal(login.json().stage, 'mfa');
  const blocked = await c.call('GET', '/api/identity/accounts');
  assert.equal(blocked.json().error.code, 'TOTP_REQUIRED');
  // The enrolment used the current step; wait for a fresh one only if needed by using the next step's code.
  const code = totpCode(secret, Date.now() + 30_000);
  const ok = await c.call('POST', '/api/auth/totp', { code });
  assert.equal(ok.statusCode, 200);
  assert.equal((await c.call('GET', '/api/identity/accounts')).statusCode, 200);
  const other = new Client(p);
  await other.call('POST', '/api/auth/login', { username: 'totp-user', password: PASSWORD });
  const replay = await other.call('POST', '/api/auth/totp', { code });
  assert.equal(replay.statusCode, 400);
  assert.equal(replay.json().error.fields[0].message, '该动态口令已使用过，请等待下一个口令。');
  assert.equal((await other.call('GET', '/api/auth/session')).json().stage, 'mfa');
});

test('wrong codes count toward the lock-out, and a lock ends the half-signed-in session', async () => {
  const { secret } = await enrol('guessed');
  const c = new Client(p);
  await c.call('POST', '/api/auth/login', { username: 'guessed', password: PASSWORD });
  const good = totpCode(secret);
  const bad = good === '123456' ? '654321' : '123456';
  for (let i = 0; i < 4; i++) assert.equal((await c.call('POST', '/api/auth/totp', { code: bad })).statusCode, 400);
  const fifth = await c.call('POST', '/api/auth/totp', { code: bad });
  assert.equal(fifth.statusCode, 423);
  assert.equal((await c.call('POST', '/api/auth/totp', { code: good })).statusCode, 401, 'the session is gone');
  assert.equal((await new Client(p).call('POST', '/api/auth/login', { username: 'guessed', password: PASSWORD })).statusCode, 423);
  const audit = await p.kernel.db.query(`SELECT 1 FROM audit_log WHERE action = 'identity.totp.verify' AND outcome = 'failure' AND actor_name = 'guessed'`);
  assert.equal(audit.length, 5);
});

test('a correct password alone does not reset the failure count while the code is still to come', async () => {
  const { secret } = await enrol('alternating');
  const bad = totpCode(secret) === '123456' ? '654321' : '123456';
  let last = 0;
  for (let i = 0; i < 5; i++) {
    const c = new Client(p);
    const login = await c.call('POST', '/api/auth/login', { username: 'alternating', password: PASSWORD });
    if (login.statusCode === 423) { last = 423; break; }
    last = (await c.call('POST', '/api/auth/totp', { code: bad })).statusCode;
  }
  assert.equal(last, 423);
});

test('the second-factor step refuses anonymous callers, and a full session cannot count failures against itself', async () => {
  assert.equal((await p.inject({ method: 'POST', url: '/api/auth/totp', payload: { code: '123456' } })).statusCode, 401);
  assert.equal((await p.inject({ method: 'POST', url: '/api/auth/totp/enrolment' })).statusCode, 401);
  const { c } = await enrol('already-full');
  for (let i = 0; i < 6; i++) assert.equal((await c.call('POST', '/api/auth/totp', { code: '123456' })).statusCode, 400);
  assert.equal((await p.kernel.db.one(`SELECT failed_logins FROM accounts WHERE username = 'already-full'`)).failed_logins, 0);
});

test('a bound authenticator cannot be replaced from a session: a stolen session cannot bind its own', async () => {
  const { c, secret } = await enrol('rebind-victim');
  const start = await c.call('POST', '/api/auth/totp/enrolment');
  assert.equal(start.statusCode, 409);
  assert.match(start.json().error.message, /已绑定动态口令/);
  const confirm = await c.call('POST', '/api/auth/totp/enrolment/confirm', { code: totpCode(secret) });
  assert.equal(confirm.statusCode, 409);
  const row = await p.kernel.db.one(`SELECT totp_secret_enc FROM accounts WHERE username = 'rebind-victim'`);
  assert.equal(p.kernel.cipher.decrypt(row.totp_secret_enc), secret, 'the original secret stays bound');
  assert.ok(await p.kernel.db.maybeOne(`SELECT 1 FROM audit_log WHERE action = 'identity.totp.enrol' AND outcome = 'denied'`));
});
