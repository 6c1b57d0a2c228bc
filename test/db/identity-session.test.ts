import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { Client, PASSWORD, registerCitizen } from './identity-fixtures.js';

let p: TestPlatform;
before(async () => { p = await testPlatform({ sessionIdleMinutes: 30 }); });
after(async () => { await p.close(); });

test('a session idle for longer than the limit is refused with 401', async () => {
  const { client, id } = await registerCitizen(p);
  assert.equal((await client.call('GET', '/api/auth/session')).statusCode, 200);
  await p.kernel.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE account_id = $1`, [id]);
  assert.equal((await client.call('GET', '/api/auth/session')).statusCode, 401);
});

test('a session past its absolute lifetime is refused even when active', async () => {
  const { client, id } = await registerCitizen(p);
  await p.kernel.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [id]);
  assert.equal((await client.call('GET', '/api/identity/account')).statusCode, 401);
});

test('a cookie-authenticated JSON write without the CSRF header is refused with 403', async () => {
  const { client } = await registerCitizen(p);
  const res = await client.call('PATCH', '/api/identity/account', { email: 'a@example.cn' }, { csrf: false });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().error.code, 'CSRF');
  const forged = await p.inject({ method: 'PATCH', url: '/api/identity/account', cookies: { ...client.cookies }, headers: { 'x-csrf-token': 'something-else-entirely-000000' }, payload: { email: 'a@example.cn' } });
  assert.equal(forged.statusCode, 403);
  assert.equal((await client.call('PATCH', '/api/identity/account', { email: 'a@example.cn' })).statusCode, 200);
});

test('the session answer describes the signed-in account', async () => {
  const { client, who, id } = await registerCitizen(p);
  const s = (await client.call('GET', '/api/auth/session')).json();
  assert.deepEqual(s.account, { id, kind: 'citizen', username: who.phone, displayName: who.name, orgId: null, orgName: null, totpEnrolled: false });
  assert.equal(s.stage, 'full');
  assert.deepEqual(s.permissions, []);
  assert.equal((await p.inject({ method: 'GET', url: '/api/auth/session' })).statusCode, 401);
});

test('sign-out ends the session and clears the cookie', async () => {
  const { client } = await registerCitizen(p);
  const res = await client.call('POST', '/api/auth/logout');
  assert.equal(res.statusCode, 204);
  assert.equal(client.cookies.zw_session, undefined);
  assert.equal((await client.call('GET', '/api/auth/session')).statusCode, 401);
});

test('a password change checks the current password and the policy, and ends the other sessions', async () => {
  const { client, who } = await registerCitizen(p);
  const other = new Client(p);
  assert.equal((await other.call('POST', '/api/auth/login', { username: who.phone, password: PASSWORD })).statusCode, 200);
  const wrong = await client.call('POST', '/api/auth/password', { currentPassword: 'Not.the-one1', newPassword: 'New.password-2026' });
  assert.equal(wrong.statusCode, 400);
  assert.equal(wrong.json().error.fields[0].field, 'currentPassword');
  const weak = await client.call('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'alllowercase' });
  assert.equal(weak.statusCode, 400);
  assert.equal(weak.json().error.fields[0].field, 'newPassword');
  const ok = await client.call('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'New.password-2026' });
  assert.equal(ok.statusCode, 204);
  assert.equal((await client.call('GET', '/api/auth/session')).statusCode, 200, 'this session stays');
  assert.equal((await other.call('GET', '/api/auth/session')).statusCode, 401, 'the other session ended');
  assert.equal((await new Client(p).call('POST', '/api/auth/login', { username: who.phone, password: PASSWORD })).statusCode, 401);
  assert.equal((await new Client(p).call('POST', '/api/auth/login', { username: who.phone, password: 'New.password-2026' })).statusCode, 200);
});

test('the session tells the office app which permissions are held at a tree root (platform-wide pages)', async () => {
  const { createOrgTree, staffSession } = await import('../support/fixtures.js');
  const tree = await createOrgTree(p);
  const cityAdmin = await staffSession(p, { org: tree.city, roles: ['systemAdmin'] });
  const countyAdmin = await staffSession(p, { org: tree.county, roles: ['systemAdmin'] });
  const city = (await p.inject({ method: 'GET', url: '/api/auth/session', headers: cityAdmin.headers })).json();
  const county = (await p.inject({ method: 'GET', url: '/api/auth/session', headers: countyAdmin.headers })).json();
  assert.ok(city.permissionsAtRoot.includes('calendar.manage'));
  assert.ok(county.permissions.includes('calendar.manage'));
  assert.deepEqual(county.permissionsAtRoot, [], 'a county administrator holds nothing platform-wide');
  assert.deepEqual(county.grants.map((g: any) => g.atRoot), [false]);
});
