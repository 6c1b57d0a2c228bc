import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, createStaff, staffSession, TEST_PASSWORD } from '../support/fixtures.js';

let p: TestPlatform;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
before(async () => { p = await testPlatform(); tree = await createOrgTree(p); });
after(() => p.close());

const login = (username: string, password: string) => p.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

test('the security administrator gives a staff member who lost everything a new password and a fresh authenticator enrolment', async () => {
  const security = await staffSession(p, { org: tree.city, roles: ['securityAdmin'] });
  const staff = await createStaff(p, { org: tree.divisionA });
  await p.kernel.db.query("UPDATE accounts SET totp_secret_enc = 'x', totp_enrolled_at = now(), failed_logins = 5, locked_until = now() + interval '1 hour' WHERE id = $1", [staff.id]);
  const old = await p.kernel.sessions.create(p.kernel.db, staff.id, 'full', {});

  const res = await p.inject({ method: 'POST', url: `/api/identity/accounts/${staff.id}/reset`, headers: security.headers, payload: { password: 'Handed-0ver!', totp: true } });
  assert.equal(res.statusCode, 204, res.body);

  assert.equal((await login(staff.username, TEST_PASSWORD)).statusCode, 401, 'the old password no longer works');
  const signIn = await login(staff.username, 'Handed-0ver!');
  assert.equal(signIn.statusCode, 200, 'unlocked, with the new password');
  assert.equal(json(signIn).stage, 'enrol', 'the next sign-in enrols a new authenticator');
  assert.equal((await p.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `zw_session=${old}` } })).statusCode, 401, 'old sessions ended');
  const audit = await p.kernel.db.one("SELECT actor_id, details FROM audit_log WHERE action = 'identity.account.reset' AND target_id = $1", [staff.id]);
  assert.equal(audit.actor_id, security.id);
  assert.deepEqual(audit.details, { password: true, totp: true });
});

test('a reset needs something to reset, a password that meets the policy, and someone else to do it', async () => {
  const security = await staffSession(p, { org: tree.city, roles: ['securityAdmin'] });
  const staff = await createStaff(p, { org: tree.divisionA });
  const reset = (id: string, payload: object) => p.inject({ method: 'POST', url: `/api/identity/accounts/${id}/reset`, headers: security.headers, payload });
  const nothing = await reset(staff.id, {});
  assert.equal(nothing.statusCode, 400);
  assert.match(json(nothing).error.fields[0].message, /请填写新密码/);
  const weak = await reset(staff.id, { password: 'password' });
  assert.equal(weak.statusCode, 400);
  assert.equal(json(weak).error.fields[0].field, 'password');
  assert.equal((await reset(security.id, { totp: true })).statusCode, 403, 'not one\'s own account');
});

test('a department\'s security administrator cannot reset another department\'s staff, and the system administrator cannot reset at all', async () => {
  const deptBSecurity = await staffSession(p, { org: tree.deptB, roles: ['securityAdmin'] });
  const system = await staffSession(p, { org: tree.city, roles: ['systemAdmin'] });
  const staffA = await createStaff(p, { org: tree.divisionA });
  const byB = await p.inject({ method: 'POST', url: `/api/identity/accounts/${staffA.id}/reset`, headers: deptBSecurity.headers, payload: { totp: true } });
  assert.equal(byB.statusCode, 404);
  const bySystem = await p.inject({ method: 'POST', url: `/api/identity/accounts/${staffA.id}/reset`, headers: system.headers, payload: { totp: true } });
  assert.equal(bySystem.statusCode, 403);
  assert.ok(await p.kernel.db.maybeOne("SELECT 1 FROM audit_log WHERE action = 'identity.account.reset' AND outcome = 'denied' AND target_id = $1", [staffA.id]));
});
