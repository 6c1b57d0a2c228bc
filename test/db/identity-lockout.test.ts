import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { Client, PASSWORD, registerCitizen, staffWithRole } from './identity-fixtures.js';

let p: TestPlatform;
// STAFF_REQUIRE_TOTP off here: these tests are about passwords; the TOTP tests cover the second factor.
before(async () => { p = await testPlatform({ staffRequireTotp: false, lockoutThreshold: 5, lockoutMinutes: 30 }); });
after(async () => { await p.close(); });

const login = (username: string, password: string) => new Client(p).call('POST', '/api/auth/login', { username, password });

test('a wrong password and an unknown account get the same 401 answer, both audited', async () => {
  const { who } = await registerCitizen(p);
  const wrong = await login(who.phone, 'Wrong.password1');
  const unknown = await login('nobody-here', 'Wrong.password1');
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  assert.deepEqual(wrong.json(), unknown.json());
  assert.equal(wrong.json().error.code, 'BAD_CREDENTIALS');
  assert.equal(wrong.json().error.message, '账号或密码不正确。');
  const rows = await p.kernel.db.query(`SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'identity.login' AND outcome = 'failure' ORDER BY id`);
  assert.deepEqual(rows.map((r) => r.reason).slice(-2), ['badPassword', 'unknownAccount']);
});

test('citizens sign in with phone or ID number; a success resets the failure count', async () => {
  const { who, id } = await registerCitizen(p);
  assert.equal((await login(who.phone, 'Wrong.password1')).statusCode, 401);
  const byId = await login(who.idNumber.toLowerCase(), PASSWORD);
  assert.equal(byId.statusCode, 200);
  assert.equal(byId.json().stage, 'full');
  const cookie = byId.cookies.find((c) => c.name === 'zw_session')!;
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.path, '/');
  assert.equal(byId.json().token, undefined, 'the token travels only in the cookie');
  assert.equal((await p.kernel.db.one('SELECT failed_logins FROM accounts WHERE id = $1', [id])).failed_logins, 0);
});

test('five failures lock the account: even the right password is refused with 423 and the unlock time', async () => {
  const { who, id, client } = await registerCitizen(p);
  for (let i = 1; i <= 4; i++) assert.equal((await login(who.phone, `Wrong.password${i}`)).statusCode, 401);
  const fifth = await login(who.phone, 'Wrong.password5');
  assert.equal(fifth.statusCode, 423);
  assert.equal(fifth.json().error.code, 'LOCKED');
  assert.match(fifth.json().error.message, /将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 自动解锁/);
  const right = await login(who.phone, PASSWORD);
  assert.equal(right.statusCode, 423);
  assert.equal(right.cookies.find((c) => c.name === 'zw_session'), undefined);
  // The lock also ended the sessions the account already had.
  assert.equal((await client.call('GET', '/api/identity/account')).statusCode, 401);
  const locks = await p.kernel.db.query(`SELECT 1 FROM audit_log WHERE action = 'identity.account.lock' AND target_id = $1`, [id]);
  assert.equal(locks.length, 1);
});

test('the lock runs out by itself after the configured period, and the count starts again', async () => {
  const { who, id } = await registerCitizen(p);
  for (let i = 0; i < 5; i++) await login(who.phone, 'Wrong.password1');
  assert.equal((await login(who.phone, PASSWORD)).statusCode, 423);
  await p.kernel.db.query(`UPDATE accounts SET locked_until = now() - interval '1 second' WHERE id = $1`, [id]);
  // One failure after the lock ran out is the first of a new count, not the sixth.
  assert.equal((await login(who.phone, 'Wrong.password1')).statusCode, 401);
  assert.equal((await p.kernel.db.one('SELECT failed_logins FROM accounts WHERE id = $1', [id])).failed_logins, 1);
  assert.equal((await login(who.phone, PASSWORD)).statusCode, 200);
});

test('a short configured lock period really is short', async () => {
  const q = await testPlatform({ lockoutThreshold: 2, lockoutMinutes: 1 });
  try {
    const { who } = await registerCitizen(q);
    const l = (pw: string) => new Client(q).call('POST', '/api/auth/login', { username: who.phone, password: pw });
    assert.equal((await l('Wrong.password1')).statusCode, 401);
    assert.equal((await l('Wrong.password1')).statusCode, 423);
    const until = await q.kernel.db.one(`SELECT extract(epoch FROM locked_until - now()) AS s FROM accounts WHERE username = $1`, [who.phone]);
    assert.ok(Number(until.s) > 50 && Number(until.s) <= 60, `locked for about a minute, got ${until.s}s`);
  } finally {
    await q.close();
  }
});

test('a security administrator of the whole city unlocks a locked citizen; the unlock is audited', async () => {
  const { who, id } = await registerCitizen(p);
  for (let i = 0; i < 5; i++) await login(who.phone, 'Wrong.password1');
  const { account: admin } = await staffWithRole(p, { username: 'sec-root', permissions: ['security.account.read', 'security.account.unlock'], scope: 'root', adminKind: 'security' });
  const c = new Client(p);
  assert.equal((await c.call('POST', '/api/auth/login', { username: 'sec-root', password: PASSWORD })).statusCode, 200);
  const list = await c.call('GET', '/api/identity/accounts?locked=true&kind=citizen');
  assert.equal(list.statusCode, 200);
  const item = list.json().items.find((i: any) => i.id === id);
  assert.ok(item, 'the locked citizen is listed');
  assert.equal(item.locked, true);
  assert.equal(item.phone, `${who.phone.slice(0, 3)}****${who.phone.slice(-4)}`, 'phone is masked');
  assert.match(item.idNumber, /^\d{6}\*{8}\d{3}[\dX]$/, 'ID number is masked');
  const byPhone = await c.call('GET', `/api/identity/accounts?q=${who.phone}`);
  assert.deepEqual(byPhone.json().items.map((i: any) => i.id), [id], 'found by the full phone number through its lookup hash');
  const unlock = await c.call('POST', `/api/identity/accounts/${id}/unlock`);
  assert.equal(unlock.statusCode, 204);
  assert.equal((await login(who.phone, PASSWORD)).statusCode, 200);
  const audit = await p.kernel.db.query(`SELECT actor_id FROM audit_log WHERE action = 'identity.account.unlock' AND target_id = $1 AND outcome = 'success'`, [id]);
  assert.equal(audit[0].actor_id, admin.id);
  const reads = await p.kernel.db.query(`SELECT 1 FROM audit_log WHERE action = 'identity.account.search' AND actor_id = $1`, [admin.id]);
  assert.equal(reads.length, 2, 'each list read of personal data is audited');
});

test('a departmental security administrator sees and unlocks only staff in their own subtree', async () => {
  const { account: dept } = await staffWithRole(p, { username: 'sec-child', permissions: ['security.account.read', 'security.account.unlock'], scope: 'child', adminKind: 'security' });
  const { account: colleague } = await staffWithRole(p, { username: 'clerk-child', permissions: [], scope: 'child' });
  const { account: outsider } = await staffWithRole(p, { username: 'clerk-other', permissions: [], scope: 'other' });
  const { id: citizenId } = await registerCitizen(p);
  const c = new Client(p);
  assert.equal((await c.call('POST', '/api/auth/login', { username: 'sec-child', password: PASSWORD })).statusCode, 200);
  const ids = (await c.call('GET', '/api/identity/accounts?pageSize=100')).json().items.map((i: any) => i.id);
  assert.ok(ids.includes(colleague.id) && ids.includes(dept.id));
  assert.ok(!ids.includes(outsider.id), 'staff of another department are not listed');
  assert.ok(!ids.includes(citizenId), 'the public are not listed for a departmental administrator');
  assert.equal((await c.call('POST', `/api/identity/accounts/${colleague.id}/unlock`)).statusCode, 204);
  assert.equal((await c.call('POST', `/api/identity/accounts/${outsider.id}/unlock`)).statusCode, 404);
  assert.equal((await c.call('POST', `/api/identity/accounts/${citizenId}/unlock`)).statusCode, 403);
  assert.equal((await c.call('POST', '/api/identity/accounts/not-a-uuid/unlock')).statusCode, 400);
});

test('without the permission, the account list and unlock are refused; anonymous callers get 401', async () => {
  await staffWithRole(p, { username: 'plain-clerk', permissions: ['directory.org.read'], scope: 'root' });
  const c = new Client(p);
  await c.call('POST', '/api/auth/login', { username: 'plain-clerk', password: PASSWORD });
  assert.equal((await c.call('GET', '/api/identity/accounts')).statusCode, 403);
  const { client: citizen, id } = await registerCitizen(p);
  assert.equal((await citizen.call('GET', '/api/identity/accounts')).statusCode, 403);
  assert.equal((await citizen.call('POST', `/api/identity/accounts/${id}/unlock`)).statusCode, 403);
  assert.equal((await p.inject({ method: 'GET', url: '/api/identity/accounts' })).statusCode, 401);
});
