import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { signInAs } from '../support/fixtures.js';
import { directoryModule } from '../../src/modules/directory/index.js';
import type { DemoContext } from '../../src/kernel/module.js';

let p: TestPlatform;
before(async () => { p = await testPlatform(); });
after(() => p.close());

const counts = async () => Object.fromEntries((await p.kernel.db.query(
  `SELECT 'orgs' AS k, count(*)::int AS n FROM orgs UNION ALL SELECT 'regions', count(*)::int FROM regions
   UNION ALL SELECT 'accounts', count(*)::int FROM accounts UNION ALL SELECT 'grants', count(*)::int FROM grants`)).map((r) => [r.k, r.n]));

test('the sample city: 3 counties with towns and villages, 40+ departments with divisions and windows, staff in every role', async () => {
  const demo: DemoContext = { password: 'Demo-Passw0rd!', accounts: [] };
  const started = Date.now();
  await directoryModule.seedDemo!(p.kernel, demo);
  assert.ok(Date.now() - started < 30_000, 'seeding takes seconds');

  const levels = Object.fromEntries((await p.kernel.db.query('SELECT level, count(*)::int AS n FROM regions GROUP BY level')).map((r) => [r.level, r.n]));
  assert.equal(levels[1], 1);
  assert.equal(levels[2], 1);
  assert.equal(levels[3], 3);
  assert.ok(levels[4] >= 9 && levels[5] >= 27);
  const kinds = Object.fromEntries((await p.kernel.db.query('SELECT kind, count(*)::int AS n FROM orgs GROUP BY kind')).map((r) => [r.kind, r.n]));
  assert.ok(kinds.department >= 40, `departments: ${kinds.department}`);
  assert.ok(kinds.division >= 80 && kinds.window >= 8 && kinds.town >= 9 && kinds.village >= 27);
  assert.equal((await p.kernel.db.query("SELECT 1 FROM orgs WHERE kind = 'government' AND parent_id IS NULL")).length, 1);
  // Every county has its own departments under its own government.
  for (const county of ['990102', '990121', '990122']) {
    const n = await p.kernel.db.one("SELECT count(*)::int AS n FROM orgs d JOIN orgs g ON d.path LIKE g.path || '%' WHERE g.code = $1 AND d.kind = 'department'", [`${county}-GOV`]);
    assert.ok(n.n >= 6, county);
  }
  // Paths are consistent with parents everywhere.
  const broken = await p.kernel.db.query("SELECT c.code FROM orgs c JOIN orgs pr ON pr.id = c.parent_id WHERE c.path <> pr.path || c.id::text || '/'");
  assert.deepEqual(broken, []);
  // Every org region exists.
  assert.deepEqual(await p.kernel.db.query('SELECT code FROM orgs WHERE region_code IS NOT NULL AND region_code NOT IN (SELECT code FROM regions)'), []);

  const usernames = demo.accounts.map((a) => a.username);
  for (const u of ['admin', 'security', 'auditor', 'clerk.scj', 'handler.scj', 'leader.scj', 'supervisor', 'handler.qs.scj']) assert.ok(usernames.includes(u), u);
  const roles = (await p.kernel.db.query('SELECT DISTINCT r.code FROM grants g JOIN roles r ON r.id = g.role_id')).map((r) => r.code).sort();
  assert.deepEqual(roles, ['auditAdmin', 'caseHandler', 'leader', 'securityAdmin', 'supervisor', 'systemAdmin', 'windowClerk']);
  const admin = await p.kernel.db.one("SELECT password_hash FROM accounts WHERE username = 'admin'");
  assert.ok(await p.kernel.passwords.verify(admin.password_hash, 'Demo-Passw0rd!'));
});

test('seeding twice changes nothing', async () => {
  const before = await counts();
  const demo: DemoContext = { password: 'Demo-Passw0rd!', accounts: [] };
  await directoryModule.seedDemo!(p.kernel, demo);
  assert.deepEqual(await counts(), before);
  assert.ok(demo.accounts.length >= 8, 'the accounts are still listed for the start-up banner');
});

test('demo scopes work: the county handler sees only the county; the city market bureau handler sees only the bureau', async () => {
  const id = async (u: string) => (await p.kernel.db.one('SELECT id FROM accounts WHERE username = $1', [u])).id;
  const county = await signInAs(p, await id('handler.qs.scj'));
  const names = (nodes: any[]): string[] => nodes.flatMap((n) => [n.name, ...names(n.children)]);
  const countyTree = names(json(await p.inject({ url: '/api/directory/orgs/tree', ...county })).roots);
  assert.ok(countyTree.includes('青山县市场监督管理局'));
  assert.ok(!countyTree.some((n) => n.startsWith('示例市') || n.startsWith('绿水县')));
  const city = await signInAs(p, await id('handler.scj'));
  const cityTree = names(json(await p.inject({ url: '/api/directory/orgs/tree', ...city })).roots);
  assert.equal(cityTree[0], '示例市市场监督管理局');
  assert.ok(!cityTree.includes('示例市教育局'));
  const supervisor = await signInAs(p, await id('supervisor'));
  const all = names(json(await p.inject({ url: '/api/directory/orgs/tree', ...supervisor })).roots);
  assert.equal(all.length, (await p.kernel.db.one('SELECT count(*)::int AS n FROM orgs')).n);
});

test('the sample city opens with a notice in every demo account\'s inbox, sent through the job queue, once', async () => {
  const { seedDemo } = await import('../../src/platform.js');
  const { DEMO_CITIZEN } = await import('../../src/modules/identity/identity.demo.js');
  await seedDemo(p.kernel);
  await seedDemo(p.kernel);
  // The platform's own worker may hold the fan-out job (drain skips jobs another worker runs): wait for the queue.
  for (let i = 0; i < 200; i++) {
    await p.kernel.jobs.drain();
    const busy = await p.kernel.db.query(`SELECT 1 FROM jobs WHERE type LIKE 'notify.%' AND state IN ('queued', 'running') LIMIT 1`);
    if (busy.length === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const inbox = async (username: string) => p.kernel.db.query(
    `SELECT o.body FROM notify_outbox o JOIN accounts a ON a.id = o.account_id WHERE a.username = $1 AND o.channel = 'inapp'`, [username]);
  for (const who of ['admin', 'handler.scj', DEMO_CITIZEN.phone, 'yunfan']) {
    const rows = await inbox(who);
    assert.equal(rows.length, 1, `${who} has the notice once`);
    assert.match(rows[0].body, /一体化政务服务平台已正式启用/);
  }
  // The departments seeded after the portal started are searchable at once.
  const found = await p.kernel.search.query(null, { q: '市场监管', page: 1, pageSize: 10, locale: 'zh-CN' });
  assert.ok(found.items.some((i: { title: string }) => /市场监/.test(i.title)), JSON.stringify(found.items.map((i: { title: string }) => i.title)));
});
