import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, staffSession } from '../support/fixtures.js';

let p: TestPlatform;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let admin: Awaited<ReturnType<typeof staffSession>>;

before(async () => {
  p = await testPlatform();
  tree = await createOrgTree(p);
  admin = await staffSession(p, { org: tree.city, roles: ['systemAdmin'] });
});
after(() => p.close());

const orgIdsIn = (nodes: any[]): string[] => nodes.flatMap((n) => [n.id, ...orgIdsIn(n.children)]);

test('the system administrator creates an org under a parent and sees it in the nested tree', async () => {
  const res = await p.inject({ method: 'POST', url: '/api/directory/orgs', ...admin, payload: { parentId: tree.deptA.id, code: 'SCJ-NEW', name: '信用监督管理科', kind: 'division' } });
  assert.equal(res.statusCode, 201, res.body);
  const created = json(res);
  assert.equal(created.parentId, tree.deptA.id);
  const row = await p.kernel.db.one('SELECT path FROM orgs WHERE id = $1', [created.id]);
  assert.equal(row.path, `${tree.deptA.path}${created.id}/`);

  const t = json(await p.inject({ url: '/api/directory/orgs/tree', ...admin }));
  assert.equal(t.roots.length, 1);
  assert.equal(t.roots[0].id, tree.city.id);
  const deptA = t.roots[0].children.find((c: any) => c.id === tree.deptA.id);
  assert.ok(deptA.children.some((c: any) => c.id === created.id && c.name === '信用监督管理科'));

  const audit = await p.kernel.db.maybeOne("SELECT * FROM audit_log WHERE action = 'directory.org.create' AND target_id = $1", [created.id]);
  assert.ok(audit, 'the creation is audited');
});

test('a duplicate code, an unknown parent, a bad kind and a bad region answer 400 with field errors in Chinese', async () => {
  const dup = await p.inject({ method: 'POST', url: '/api/directory/orgs', ...admin, payload: { parentId: tree.city.id, code: tree.deptA.code, name: '重复', kind: 'department' } });
  assert.equal(dup.statusCode, 400);
  assert.deepEqual(json(dup).error.fields.map((f: any) => f.field), ['code']);
  assert.match(json(dup).error.fields[0].message, /已被使用/);

  const noParent = await p.inject({ method: 'POST', url: '/api/directory/orgs', ...admin, payload: { parentId: '00000000-0000-4000-8000-000000000000', code: 'X1', name: '某机构', kind: 'department' } });
  assert.equal(noParent.statusCode, 400);
  assert.equal(json(noParent).error.fields[0].field, 'parentId');

  const bad = await p.inject({ method: 'POST', url: '/api/directory/orgs', ...admin, payload: { parentId: tree.city.id, code: 'X2', name: '', kind: 'ministry', regionCode: '12345' } });
  assert.equal(bad.statusCode, 400);
  const fields = json(bad).error.fields.map((f: any) => f.field).sort();
  assert.deepEqual(fields, ['kind', 'name', 'regionCode']);

  const unknownRegion = await p.inject({ method: 'POST', url: '/api/directory/orgs', ...admin, payload: { parentId: tree.city.id, code: 'X3', name: '某机构', kind: 'department', regionCode: '880101' } });
  assert.equal(unknownRegion.statusCode, 400);
  assert.equal(json(unknownRegion).error.fields[0].field, 'regionCode');
});

test('moving an org re-roots the paths of its whole subtree; a move under its own descendant is refused', async () => {
  const before = json(await p.inject({ url: `/api/directory/orgs/${tree.deptA.id}`, ...admin }));
  const res = await p.inject({ method: 'PATCH', url: `/api/directory/orgs/${tree.deptA.id}`, ...admin, payload: { version: before.version, parentId: tree.county.id } });
  assert.equal(res.statusCode, 200, res.body);
  const moved = await p.kernel.db.one('SELECT path FROM orgs WHERE id = $1', [tree.deptA.id]);
  assert.equal(moved.path, `${tree.county.path}${tree.deptA.id}/`);
  const division = await p.kernel.db.one('SELECT path FROM orgs WHERE id = $1', [tree.divisionA.id]);
  assert.equal(division.path, `${tree.county.path}${tree.deptA.id}/${tree.divisionA.id}/`);

  const cycle = await p.inject({ method: 'PATCH', url: `/api/directory/orgs/${tree.county.id}`, ...admin, payload: { version: 1, parentId: tree.divisionA.id } });
  assert.equal(cycle.statusCode, 400);
  assert.equal(json(cycle).error.fields[0].field, 'parentId');
  const self = await p.inject({ method: 'PATCH', url: `/api/directory/orgs/${tree.county.id}`, ...admin, payload: { version: 1, parentId: tree.county.id } });
  assert.equal(self.statusCode, 400);

  // Back where it was, for the other tests.
  const back = await p.inject({ method: 'PATCH', url: `/api/directory/orgs/${tree.deptA.id}`, ...admin, payload: { version: json(res).version, parentId: tree.city.id } });
  assert.equal(back.statusCode, 200);
  assert.equal((await p.kernel.db.one('SELECT path FROM orgs WHERE id = $1', [tree.divisionA.id])).path, `${tree.city.path}${tree.deptA.id}/${tree.divisionA.id}/`);
});

test('a stale version answers 409 and changes nothing', async () => {
  const current = json(await p.inject({ url: `/api/directory/orgs/${tree.deptB.id}`, ...admin }));
  const first = await p.inject({ method: 'PATCH', url: `/api/directory/orgs/${tree.deptB.id}`, ...admin, payload: { version: current.version, name: '测试市教育体育局' } });
  assert.equal(first.statusCode, 200);
  assert.equal(json(first).version, current.version + 1);
  const stale = await p.inject({ method: 'PATCH', url: `/api/directory/orgs/${tree.deptB.id}`, ...admin, payload: { version: current.version, name: '另一个名字' } });
  assert.equal(stale.statusCode, 409);
  assert.match(json(stale).error.message, /已被他人修改/);
  assert.equal(json(await p.inject({ url: `/api/directory/orgs/${tree.deptB.id}`, ...admin })).name, '测试市教育体育局');
});

test('the flat org search filters by parent and text within scope', async () => {
  const res = json(await p.inject({ url: `/api/directory/orgs?parentId=${tree.city.id}`, ...admin }));
  assert.deepEqual(new Set(res.items.map((o: any) => o.id)), new Set([tree.deptA.id, tree.deptB.id, tree.county.id]));
  const text = json(await p.inject({ url: `/api/directory/orgs?q=${encodeURIComponent('登记')}`, ...admin }));
  assert.deepEqual(text.items.map((o: any) => o.id), [tree.divisionA.id]);
  assert.ok(orgIdsIn(json(await p.inject({ url: '/api/directory/orgs/tree', ...admin })).roots).includes(tree.countyDept.id));
});

test('anonymous callers get 401; a citizen-free staff account without any directory permission gets 403', async () => {
  assert.equal((await p.inject({ url: '/api/directory/orgs/tree' })).statusCode, 401);
  const nobody = await staffSession(p, { org: tree.deptA });
  assert.equal((await p.inject({ url: '/api/directory/orgs/tree', ...nobody })).statusCode, 403);
  assert.equal((await p.inject({ method: 'POST', url: '/api/directory/orgs', ...nobody, payload: { parentId: tree.deptA.id, code: 'Z9', name: '某', kind: 'division' } })).statusCode, 403);
});
