import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, createStaff, roleId, staffSession } from '../support/fixtures.js';

/** The three administrators (三员): configuration, permissions and audit in separate hands. */
let p: TestPlatform;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let sysAdmin: Awaited<ReturnType<typeof staffSession>>;
let secAdmin: Awaited<ReturnType<typeof staffSession>>;
let auditor: Awaited<ReturnType<typeof staffSession>>;
let countySec: Awaited<ReturnType<typeof staffSession>>;
const role: Record<string, string> = {};

before(async () => {
  p = await testPlatform();
  tree = await createOrgTree(p);
  sysAdmin = await staffSession(p, { org: tree.city, roles: ['systemAdmin'] });
  secAdmin = await staffSession(p, { org: tree.city, roles: ['securityAdmin'] });
  auditor = await staffSession(p, { org: tree.city, roles: ['auditAdmin'] });
  countySec = await staffSession(p, { org: tree.county, roles: ['securityAdmin'] });
  for (const code of ['systemAdmin', 'securityAdmin', 'auditAdmin', 'caseHandler', 'windowClerk']) role[code] = await roleId(p, code);
});
after(() => p.close());

const grant = (who: { headers: any }, payload: object) => p.inject({ method: 'POST', url: '/api/directory/grants', ...who, payload });
const deniedCount = async (action: string) => (await p.kernel.db.query("SELECT 1 FROM audit_log WHERE action = $1 AND outcome = 'denied'", [action])).length;

test('the builtin roles exist once, with the administrator kinds of their permissions', async () => {
  const roles = json(await p.inject({ url: '/api/directory/roles', ...secAdmin })).items;
  const byCode = Object.fromEntries(roles.map((r: any) => [r.code, r]));
  assert.equal(byCode.systemAdmin.adminKind, 'system');
  assert.ok(byCode.systemAdmin.permissions.includes('directory.org.manage') && byCode.systemAdmin.permissions.includes('calendar.manage'));
  assert.ok(!byCode.systemAdmin.permissions.some((c: string) => c.startsWith('security.') || c === 'audit.read'));
  assert.equal(byCode.securityAdmin.adminKind, 'security');
  assert.deepEqual(byCode.auditAdmin.permissions, ['audit.read']);
  assert.equal(byCode.caseHandler.adminKind, null);
  assert.equal(roles.filter((r: any) => r.code === 'systemAdmin').length, 1);
});

test('the security administrator grants a business role within scope; the grant is audited and takes effect at once', async () => {
  const clerkSession = await staffSession(p, { org: tree.divisionA });
  assert.equal((await p.inject({ url: '/api/directory/orgs/tree', ...clerkSession })).statusCode, 403);
  const res = await grant(secAdmin, { accountId: clerkSession.id, roleId: role.windowClerk, orgId: tree.deptA.id });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(json(res).roleCode, 'windowClerk');
  assert.equal((await p.inject({ url: '/api/directory/orgs/tree', ...clerkSession })).statusCode, 200);
  const rec = await p.kernel.db.one("SELECT * FROM audit_log WHERE action = 'directory.grant.create' AND target_id = $1 AND outcome = 'success'", [clerkSession.id]);
  assert.equal(rec.actor_id, secAdmin.id);
  assert.equal(rec.details.roleCode, 'windowClerk');

  const dup = await grant(secAdmin, { accountId: clerkSession.id, roleId: role.windowClerk, orgId: tree.deptA.id });
  assert.equal(dup.statusCode, 409);

  const list = json(await p.inject({ url: `/api/directory/grants?accountId=${clerkSession.id}`, ...secAdmin }));
  assert.equal(list.items.length, 1);
  const revoke = await p.inject({ method: 'DELETE', url: `/api/directory/grants/${list.items[0].id}`, ...secAdmin });
  assert.equal(revoke.statusCode, 204);
  assert.equal((await p.inject({ url: '/api/directory/orgs/tree', ...clerkSession })).statusCode, 403);
  assert.ok(await p.kernel.db.maybeOne("SELECT 1 FROM audit_log WHERE action = 'directory.grant.revoke' AND target_id = $1", [clerkSession.id]));
});

test('the system administrator cannot grant, revoke or manage roles (403), and the attempt is audited as denied', async () => {
  const target = await createStaff(p, { org: tree.deptA });
  const before = await deniedCount('directory.grant.create');
  const res = await grant(sysAdmin, { accountId: target.id, roleId: role.caseHandler, orgId: tree.deptA.id });
  assert.equal(res.statusCode, 403);
  assert.equal(await deniedCount('directory.grant.create'), before + 1);
  assert.equal((await p.inject({ method: 'POST', url: '/api/directory/roles', ...sysAdmin, payload: { code: 'myRole', name: '我的角色', permissions: ['directory.org.read'] } })).statusCode, 403);
  assert.equal((await p.inject({ url: '/api/directory/grants', ...sysAdmin })).statusCode, 403);
  assert.equal((await p.kernel.db.query('SELECT 1 FROM grants WHERE account_id = $1', [target.id])).length, 0);
});

test('nobody grants or revokes their own roles', async () => {
  const self = await grant(secAdmin, { accountId: secAdmin.id, roleId: role.caseHandler, orgId: tree.city.id });
  assert.equal(self.statusCode, 403);
  assert.match(json(self).error.message, /自己/);
  const own = await p.kernel.db.one('SELECT id FROM grants WHERE account_id = $1', [secAdmin.id]);
  const revoke = await p.inject({ method: 'DELETE', url: `/api/directory/grants/${own.id}`, ...secAdmin });
  assert.equal(revoke.statusCode, 403);
  assert.ok(await p.kernel.db.maybeOne('SELECT 1 FROM grants WHERE id = $1', [own.id]));
});

test('an account holds administrator roles of at most one kind: a clear 400, audited as denied', async () => {
  const person = await createStaff(p, { org: tree.city });
  assert.equal((await grant(secAdmin, { accountId: person.id, roleId: role.securityAdmin, orgId: tree.city.id })).statusCode, 201);
  const before = await deniedCount('directory.grant.create');
  const clash = await grant(secAdmin, { accountId: person.id, roleId: role.auditAdmin, orgId: tree.city.id });
  assert.equal(clash.statusCode, 400);
  const body = json(clash);
  assert.equal(body.error.fields[0].field, 'roleId');
  assert.match(body.error.fields[0].message, /已是安全管理员.*三员必须由不同的人担任/);
  assert.equal(await deniedCount('directory.grant.create'), before + 1);
  const toSystem = await grant(secAdmin, { accountId: person.id, roleId: role.systemAdmin, orgId: tree.deptA.id });
  assert.equal(toSystem.statusCode, 400);
  // A business role alongside is fine.
  assert.equal((await grant(secAdmin, { accountId: person.id, roleId: role.caseHandler, orgId: tree.deptA.id })).statusCode, 201);
  const kinds = await p.kernel.db.query('SELECT DISTINCT r.admin_kind FROM grants g JOIN roles r ON r.id = g.role_id WHERE g.account_id = $1 AND r.admin_kind IS NOT NULL', [person.id]);
  assert.deepEqual(kinds.map((k) => k.admin_kind), ['security']);

  const en = await p.inject({ method: 'POST', url: '/api/directory/grants', headers: { ...secAdmin.headers, 'accept-language': 'en' }, payload: { accountId: person.id, roleId: role.auditAdmin, orgId: tree.city.id } });
  assert.match(json(en).error.fields[0].message, /three administrators must be different people/);
});

test('a custom role that would mix administrator domains cannot even be created', async () => {
  const mixed = await p.inject({ method: 'POST', url: '/api/directory/roles', ...secAdmin, payload: { code: 'superUser', name: '超级用户', permissions: ['directory.org.manage', 'security.grant.manage', 'audit.read'] } });
  assert.equal(mixed.statusCode, 400);
  assert.equal(json(mixed).error.fields[0].field, 'permissions');
  assert.match(json(mixed).error.fields[0].message, /同一类管理员/);
  const adminAndBusiness = await p.inject({ method: 'POST', url: '/api/directory/roles', ...secAdmin, payload: { code: 'halfAdmin', name: '半管理员', permissions: ['directory.org.manage', 'directory.staff.read'] } });
  assert.equal(adminAndBusiness.statusCode, 400);
  const unknown = await p.inject({ method: 'POST', url: '/api/directory/roles', ...secAdmin, payload: { code: 'ghost', name: '幽灵', permissions: ['directory.org.read', 'nuclear.launch'] } });
  assert.equal(unknown.statusCode, 400);
  assert.equal(json(unknown).error.fields[0].field, 'permissions.1');
  assert.match(json(unknown).error.fields[0].message, /nuclear\.launch/);
  const ok = await p.inject({ method: 'POST', url: '/api/directory/roles', ...secAdmin, payload: { code: 'orgViewer', name: '机构查看员', permissions: ['directory.org.read'] } });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(json(ok).adminKind, null);
  const deputy = await p.inject({ method: 'POST', url: '/api/directory/roles', ...secAdmin, payload: { code: 'deputyAuditor', name: '副审计员', permissions: ['audit.read'] } });
  assert.equal(json(deputy).adminKind, 'audit');
  // A role that is already granted may not switch kinds: its holders were checked against the old kind.
  const holder = await createStaff(p, { org: tree.city });
  assert.equal((await grant(secAdmin, { accountId: holder.id, roleId: json(ok).id, orgId: tree.city.id })).statusCode, 201);
  const toAdmin = await p.inject({ method: 'PATCH', url: `/api/directory/roles/${json(ok).id}`, ...secAdmin, payload: { version: json(ok).version, permissions: ['directory.org.manage'] } });
  assert.equal(toAdmin.statusCode, 400);
  const rename = await p.inject({ method: 'PATCH', url: `/api/directory/roles/${json(ok).id}`, ...secAdmin, payload: { version: json(ok).version, name: '机构浏览员' } });
  assert.equal(rename.statusCode, 200);
  assert.equal((await p.inject({ method: 'DELETE', url: `/api/directory/roles/${json(ok).id}`, ...secAdmin })).statusCode, 409);
  assert.equal((await p.inject({ method: 'DELETE', url: `/api/directory/roles/${json(deputy).id}`, ...secAdmin })).statusCode, 204);
});

test('builtin roles cannot be edited or deleted, not even by the security administrator', async () => {
  const edit = await p.inject({ method: 'PATCH', url: `/api/directory/roles/${role.auditAdmin}`, ...secAdmin, payload: { version: 1, permissions: ['audit.read', 'security.grant.manage'] } });
  assert.equal(edit.statusCode, 403);
  assert.match(json(edit).error.message, /内置角色/);
  const rename = await p.inject({ method: 'PATCH', url: `/api/directory/roles/${role.systemAdmin}`, ...secAdmin, payload: { version: 1, name: '超级管理员' } });
  assert.equal(rename.statusCode, 403);
  assert.equal((await p.inject({ method: 'DELETE', url: `/api/directory/roles/${role.caseHandler}`, ...secAdmin })).statusCode, 403);
  assert.equal((await p.kernel.db.one('SELECT name FROM roles WHERE id = $1', [role.systemAdmin])).name, '系统管理员');
});

test('the security administrator cannot read the audit log; the auditor can', async () => {
  assert.equal((await p.inject({ url: '/api/audit', ...secAdmin })).statusCode, 403);
  assert.equal((await p.inject({ url: '/api/audit', ...sysAdmin })).statusCode, 403);
  assert.equal((await p.inject({ url: '/api/audit', ...auditor })).statusCode, 200);
});

test('the auditor cannot change anything in the directory', async () => {
  const target = await createStaff(p, { org: tree.deptA });
  const attempts = [
    { method: 'POST', url: '/api/directory/orgs', payload: { parentId: tree.city.id, code: 'AUD1', name: '审计新机构', kind: 'department' } },
    { method: 'PATCH', url: `/api/directory/orgs/${tree.deptA.id}`, payload: { version: 1, name: '改名' } },
    { method: 'POST', url: '/api/directory/staff', payload: { username: 'audnew', displayName: '新人', orgId: tree.deptA.id, initialPassword: 'Str0ng!pass' } },
    { method: 'PATCH', url: `/api/directory/staff/${target.id}`, payload: { version: 1, status: 'disabled' } },
    { method: 'POST', url: '/api/directory/roles', payload: { code: 'audRole', name: '审计角色', permissions: ['audit.read'] } },
    { method: 'POST', url: '/api/directory/grants', payload: { accountId: target.id, roleId: role.caseHandler, orgId: tree.deptA.id } },
    { method: 'POST', url: '/api/directory/regions', payload: { code: '98', name: '某省' } },
  ] as const;
  for (const a of attempts) {
    const res = await p.inject({ ...a, ...auditor });
    assert.equal(res.statusCode, 403, `${a.method} ${a.url}`);
  }
  assert.equal((await p.kernel.db.query("SELECT 1 FROM orgs WHERE code = 'AUD1'")).length, 0);
});

test('the system administrator cannot disable or edit the security or audit administrator', async () => {
  const res = await p.inject({ method: 'PATCH', url: `/api/directory/staff/${auditor.id}`, ...sysAdmin, payload: { version: 1, status: 'disabled' } });
  assert.equal(res.statusCode, 403);
  assert.match(json(res).error.message, /三员/);
  assert.equal((await p.inject({ method: 'PATCH', url: `/api/directory/staff/${secAdmin.id}`, ...sysAdmin, payload: { version: 1, displayName: '改名' } })).statusCode, 403);
  assert.equal((await p.inject({ url: '/api/audit', ...auditor })).statusCode, 200);
});

test('a county security administrator grants only within the county', async () => {
  const cityPerson = await createStaff(p, { org: tree.deptA });
  const countyPerson = await createStaff(p, { org: tree.countyDept });
  assert.equal((await grant(countySec, { accountId: countyPerson.id, roleId: role.caseHandler, orgId: tree.countyDept.id })).statusCode, 201);
  assert.equal((await grant(countySec, { accountId: countyPerson.id, roleId: role.caseHandler, orgId: tree.city.id })).statusCode, 403);
  assert.equal((await grant(countySec, { accountId: cityPerson.id, roleId: role.caseHandler, orgId: tree.county.id })).statusCode, 403);
  const visible = json(await p.inject({ url: '/api/directory/grants', ...countySec })).items;
  assert.ok(visible.every((g: any) => [tree.county.id, tree.countyDept.id].includes(g.orgId)));
  const cityGrant = await p.kernel.db.one('SELECT id FROM grants WHERE account_id = $1', [sysAdmin.id]);
  assert.equal((await p.inject({ method: 'DELETE', url: `/api/directory/grants/${cityGrant.id}`, ...countySec })).statusCode, 403);
});

test('roles cannot be granted to public accounts', async () => {
  const citizen = await p.kernel.db.one("INSERT INTO accounts (kind, username, display_name, password_hash) VALUES ('citizen', 'citizen-x', '市民', 'x') RETURNING id");
  const res = await grant(secAdmin, { accountId: citizen.id, roleId: role.caseHandler, orgId: tree.city.id });
  assert.equal(res.statusCode, 400);
  assert.equal(json(res).error.fields[0].field, 'accountId');
});
