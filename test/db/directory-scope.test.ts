import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, createStaff, staffSession, type TestOrg } from '../support/fixtures.js';

/** One department must not see or change another's organisations or staff; a county user sees only the county. */
let p: TestPlatform;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let handlerA: Awaited<ReturnType<typeof staffSession>>;
let adminA: Awaited<ReturnType<typeof staffSession>>;
let countyUser: Awaited<ReturnType<typeof staffSession>>;
let staffB: { id: string; username: string };
let staffCounty: { id: string; username: string };

before(async () => {
  p = await testPlatform();
  tree = await createOrgTree(p);
  handlerA = await staffSession(p, { org: tree.divisionA, roles: ['caseHandler'], scope: tree.deptA, displayName: '甲部门承办人' });
  adminA = await staffSession(p, { org: tree.deptA, roles: ['systemAdmin'], displayName: '甲部门管理员' });
  countyUser = await staffSession(p, { org: tree.countyDept, roles: ['caseHandler'], scope: tree.county });
  staffB = await createStaff(p, { org: tree.divisionB, displayName: '乙部门张三', phone: '13800138000' });
  staffCounty = await createStaff(p, { org: tree.countyDept, displayName: '县里李四' });
});
after(() => p.close());

const ids = (nodes: any[]): string[] => nodes.flatMap((n) => [n.id, ...ids(n.children ?? [])]);

test('a department user sees only its own subtree in the org tree and search', async () => {
  const t = json(await p.inject({ url: '/api/directory/orgs/tree', ...handlerA }));
  assert.deepEqual(new Set(ids(t.roots)), new Set([tree.deptA.id, tree.divisionA.id]));
  const all = json(await p.inject({ url: '/api/directory/orgs?pageSize=200', ...handlerA }));
  assert.deepEqual(new Set(all.items.map((o: any) => o.id)), new Set([tree.deptA.id, tree.divisionA.id]));
  const byParent = json(await p.inject({ url: `/api/directory/orgs?parentId=${tree.deptB.id}`, ...handlerA }));
  assert.equal(byParent.total, 0);
});

test('reading another department\'s org answers 404, exactly like an org that does not exist', async () => {
  for (const org of [tree.deptB, tree.divisionB, tree.city, tree.countyDept] as TestOrg[]) {
    const res = await p.inject({ url: `/api/directory/orgs/${org.id}`, ...handlerA });
    assert.equal(res.statusCode, 404, org.name);
    assert.doesNotMatch(res.body, new RegExp(org.name));
  }
  assert.equal((await p.inject({ url: `/api/directory/orgs/${tree.divisionA.id}`, ...handlerA })).statusCode, 200);
});

test('a department administrator cannot change, move into, or create under another department (403)', async () => {
  const update = await p.inject({ method: 'PATCH', url: `/api/directory/orgs/${tree.deptB.id}`, ...adminA, payload: { version: 1, name: '被篡改' } });
  assert.equal(update.statusCode, 403);
  const create = await p.inject({ method: 'POST', url: '/api/directory/orgs', ...adminA, payload: { parentId: tree.deptB.id, code: 'INTRUDE', name: '入侵科', kind: 'division' } });
  assert.equal(create.statusCode, 403);
  const moveOut = await p.inject({ method: 'PATCH', url: `/api/directory/orgs/${tree.divisionA.id}`, ...adminA, payload: { version: 1, parentId: tree.deptB.id } });
  assert.equal(moveOut.statusCode, 403);
  const root = await p.inject({ method: 'POST', url: '/api/directory/orgs', ...adminA, payload: { code: 'ROOT2', name: '另一个政府', kind: 'government' } });
  assert.equal(root.statusCode, 403);
  assert.equal((await p.kernel.db.one('SELECT name FROM orgs WHERE id = $1', [tree.deptB.id])).name, tree.deptB.name);
  assert.equal((await p.kernel.db.query("SELECT 1 FROM orgs WHERE code IN ('INTRUDE', 'ROOT2')")).length, 0);
  const denied = await p.kernel.db.query("SELECT * FROM audit_log WHERE outcome = 'denied' AND action = 'directory.org.update' AND target_id = $1", [tree.deptB.id]);
  assert.equal(denied.length, 1, 'the refused write is audited as denied');
});

test('staff lists never leak another department\'s people; reading one answers 404', async () => {
  const list = json(await p.inject({ url: '/api/directory/staff?pageSize=200', ...handlerA }));
  const names = list.items.map((s: any) => s.displayName);
  assert.ok(names.includes('甲部门承办人'));
  assert.ok(!names.includes('乙部门张三') && !names.includes('县里李四'));
  const search = json(await p.inject({ url: `/api/directory/staff?q=${encodeURIComponent('张三')}`, ...handlerA }));
  assert.equal(search.total, 0);
  const byPhone = json(await p.inject({ url: '/api/directory/staff?q=13800138000', ...handlerA }));
  assert.equal(byPhone.total, 0);
  const filtered = json(await p.inject({ url: `/api/directory/staff?orgId=${tree.deptB.id}`, ...handlerA }));
  assert.equal(filtered.total, 0);
  const read = await p.inject({ url: `/api/directory/staff/${staffB.id}`, ...handlerA });
  assert.equal(read.statusCode, 404);
  assert.doesNotMatch(read.body, /13800138000|张三/);
});

test('a department administrator cannot change another department\'s staff or create staff there', async () => {
  const patch = await p.inject({ method: 'PATCH', url: `/api/directory/staff/${staffB.id}`, ...adminA, payload: { version: 1, status: 'disabled' } });
  assert.equal(patch.statusCode, 403);
  const create = await p.inject({ method: 'POST', url: '/api/directory/staff', ...adminA, payload: { username: 'planted', displayName: '安插者', orgId: tree.deptB.id, initialPassword: 'Str0ng!pass' } });
  assert.equal(create.statusCode, 403);
  const moveIn = await p.inject({ method: 'PATCH', url: `/api/directory/staff/${handlerA.id}`, ...adminA, payload: { version: 1, orgId: tree.deptB.id } });
  assert.equal(moveIn.statusCode, 403);
  assert.equal((await p.kernel.db.one('SELECT status FROM accounts WHERE id = $1', [staffB.id])).status, 'active');
});

test('a county user sees the county\'s orgs and staff but no city department', async () => {
  const t = json(await p.inject({ url: '/api/directory/orgs/tree', ...countyUser }));
  assert.deepEqual(new Set(ids(t.roots)), new Set([tree.county.id, tree.countyDept.id]));
  const staff = json(await p.inject({ url: '/api/directory/staff?pageSize=200', ...countyUser }));
  assert.ok(staff.items.some((s: any) => s.id === staffCounty.id));
  assert.ok(staff.items.every((s: any) => s.id !== staffB.id && s.id !== handlerA.id));
  assert.equal((await p.inject({ url: `/api/directory/orgs/${tree.deptA.id}`, ...countyUser })).statusCode, 404);
  assert.equal((await p.inject({ url: `/api/directory/staff/${handlerA.id}`, ...countyUser })).statusCode, 404);
});

test('within scope, the list masks contact details; the full read shows them and is audited', async () => {
  const cityReader = await staffSession(p, { org: tree.city, roles: ['supervisor'] });
  const list = json(await p.inject({ url: `/api/directory/staff?q=${encodeURIComponent('张三')}`, ...cityReader }));
  assert.equal(list.items[0].phone, '138****8000');
  const full = await p.inject({ url: `/api/directory/staff/${staffB.id}`, ...cityReader });
  assert.equal(full.statusCode, 200);
  assert.equal(json(full).phone, '13800138000');
  const audit = await p.kernel.db.query("SELECT actor_id FROM audit_log WHERE action = 'directory.staff.read' AND target_id = $1", [staffB.id]);
  assert.deepEqual(audit.map((a) => a.actor_id), [cityReader.id]);
});
