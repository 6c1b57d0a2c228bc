import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, signInAs, staffSession } from '../support/fixtures.js';

let p: TestPlatform;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let admin: Awaited<ReturnType<typeof staffSession>>;

before(async () => {
  p = await testPlatform();
  tree = await createOrgTree(p);
  admin = await staffSession(p, { org: tree.city, roles: ['systemAdmin'] });
});
after(() => p.close());

test('regions: the system administrator builds province → prefecture → county → town → village, codes checked against parents', async () => {
  const add = (payload: object) => p.inject({ method: 'POST', url: '/api/directory/regions', ...admin, payload });
  assert.equal((await add({ code: '99', name: '示例省' })).statusCode, 201);
  assert.equal((await add({ code: '9901', name: '示例市', parentCode: '99' })).statusCode, 201);
  assert.equal((await add({ code: '990121', name: '青山县' })).statusCode, 201);
  assert.equal((await add({ code: '990121100', name: '青山镇', parentCode: '990121' })).statusCode, 201);
  assert.equal((await add({ code: '990121100201', name: '青山村' })).statusCode, 201);

  const mismatch = await add({ code: '990122', name: '绿水县', parentCode: '9902' });
  assert.equal(mismatch.statusCode, 400);
  assert.equal(json(mismatch).error.fields[0].field, 'parentCode');
  assert.match(json(mismatch).error.fields[0].message, /9901/);
  const orphan = await add({ code: '980101', name: '无上级县' });
  assert.equal(orphan.statusCode, 400);
  assert.match(json(orphan).error.fields[0].message, /9801/);
  for (const code of ['9', '99010', '990100', '9901210001', 'ab']) {
    const bad = await add({ code, name: '坏代码' });
    assert.equal(bad.statusCode, 400, code);
    assert.equal(json(bad).error.fields[0].field, 'code', code);
  }
  assert.equal((await add({ code: '990121', name: '重复' })).statusCode, 400);

  const children = json(await p.inject({ url: '/api/directory/regions?parent=990121' }));
  assert.deepEqual(children.items.map((r: any) => [r.code, r.level, r.hasChildren]), [['990121100', 4, true]]);
  const provinces = json(await p.inject({ url: '/api/directory/regions' }));
  assert.deepEqual(provinces.items.map((r: any) => r.code), ['99']);
  const village = json(await p.inject({ url: '/api/directory/regions/990121100201' }));
  assert.deepEqual(village.ancestors.map((a: any) => a.name), ['示例省', '示例市', '青山县', '青山镇']);
  assert.equal((await p.inject({ url: '/api/directory/regions/990199' })).statusCode, 404);
  assert.equal((await p.inject({ url: '/api/directory/regions?parent=x1' })).statusCode, 400);

  const renamed = await p.inject({ method: 'PATCH', url: '/api/directory/regions/990121', ...admin, payload: { name: '青山市', version: 1 } });
  assert.equal(renamed.statusCode, 200);
  assert.equal(json(renamed).name, '青山市');
  assert.equal((await p.inject({ method: 'PATCH', url: '/api/directory/regions/990121', ...admin, payload: { name: '旧版本', version: 1 } })).statusCode, 409);

  const handler = await staffSession(p, { org: tree.deptA, roles: ['caseHandler'] });
  assert.equal((await p.inject({ method: 'POST', url: '/api/directory/regions', ...handler, payload: { code: '990123', name: '某县' } })).statusCode, 403);
  assert.equal((await p.inject({ method: 'POST', url: '/api/directory/regions', payload: { code: '990123', name: '某县' } })).statusCode, 401);
});

test('staff: create with password policy and unique user name and phone, then edit', async () => {
  const create = (payload: object) => p.inject({ method: 'POST', url: '/api/directory/staff', ...admin, payload });
  const base = { username: 'zhang.wei', displayName: '张伟', orgId: tree.divisionA.id, position: '科员', phone: '138 0013 8001', email: 'zhangwei@test.gov.cn', initialPassword: 'Good-Passw0rd' };
  const weak = await create({ ...base, initialPassword: 'password' });
  assert.equal(weak.statusCode, 400);
  assert.equal(json(weak).error.fields[0].field, 'initialPassword');
  const badPhone = await create({ ...base, phone: '12345' });
  assert.equal(json(badPhone).error.fields[0].field, 'phone');
  const badName = await create({ ...base, username: '张伟' });
  assert.equal(json(badName).error.fields[0].field, 'username');
  const ok = await create(base);
  assert.equal(ok.statusCode, 201, ok.body);
  const created = json(ok);
  assert.equal(created.phone, '138****8001');
  const dupName = await create({ ...base, username: 'ZHANG.WEI', phone: null });
  assert.equal(dupName.statusCode, 400);
  assert.equal(json(dupName).error.fields[0].field, 'username');
  const dupPhone = await create({ ...base, username: 'zhang.wei2', phone: '13800138001' });
  assert.equal(json(dupPhone).error.fields[0].field, 'phone');
  const unknownOrg = await create({ ...base, username: 'zhang.wei3', phone: null, orgId: '00000000-0000-4000-8000-000000000000' });
  assert.equal(json(unknownOrg).error.fields[0].field, 'orgId');
  const extra = await create({ ...base, username: 'zhang.wei4', phone: null, isAdmin: true });
  assert.equal(json(extra).error.fields[0].field, 'isAdmin');

  const full = json(await p.inject({ url: `/api/directory/staff/${created.id}`, ...admin }));
  assert.equal(full.phone, '13800138001');
  assert.equal(full.email, 'zhangwei@test.gov.cn');
  const edit = await p.inject({ method: 'PATCH', url: `/api/directory/staff/${created.id}`, ...admin, payload: { version: full.version, position: '副科长', orgId: tree.deptB.id, phone: null } });
  assert.equal(edit.statusCode, 200, edit.body);
  const after = json(await p.inject({ url: `/api/directory/staff/${created.id}`, ...admin }));
  assert.deepEqual([after.position, after.orgId, after.phone], ['副科长', tree.deptB.id, null]);
  assert.equal((await p.inject({ method: 'PATCH', url: `/api/directory/staff/${created.id}`, ...admin, payload: { version: full.version, position: '旧' } })).statusCode, 409);
});

test('disabling a staff account ends its sessions at once', async () => {
  const person = await staffSession(p, { org: tree.deptA, roles: ['caseHandler'] });
  assert.equal((await p.inject({ url: '/api/directory/orgs/tree', ...person })).statusCode, 200);
  const res = await p.inject({ method: 'PATCH', url: `/api/directory/staff/${person.id}`, ...admin, payload: { version: 1, status: 'disabled' } });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(json(res).status, 'disabled');
  assert.equal((await p.inject({ url: '/api/directory/orgs/tree', ...person })).statusCode, 401);
  assert.equal((await p.kernel.db.query('SELECT 1 FROM sessions WHERE account_id = $1', [person.id])).length, 0);
  assert.ok(await p.kernel.db.maybeOne("SELECT 1 FROM audit_log WHERE action = 'directory.staff.disable' AND target_id = $1", [person.id]));
  const again = await signInAs(p, person.id);
  assert.equal((await p.inject({ url: '/api/directory/orgs/tree', ...again })).statusCode, 401);
  const self = await p.inject({ method: 'PATCH', url: `/api/directory/staff/${admin.id}`, ...admin, payload: { version: 1, status: 'disabled' } });
  assert.equal(self.statusCode, 400);
});

test('the permission catalogue lists every permission with its domain and a label in the caller\'s language', async () => {
  const zh = json(await p.inject({ url: '/api/directory/permissions', ...admin })).items;
  const grant = zh.find((x: any) => x.code === 'security.grant.manage');
  assert.equal(grant.domain, 'security');
  assert.equal(grant.label, '授予和收回角色');
  assert.ok(zh.some((x: any) => x.code === 'audit.read' && x.domain === 'audit'));
  const en = json(await p.inject({ url: '/api/directory/permissions', headers: { ...admin.headers, 'accept-language': 'en' } })).items;
  assert.equal(en.find((x: any) => x.code === 'security.grant.manage').label, 'Grant and revoke roles');
});
