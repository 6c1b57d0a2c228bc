import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';

let p: TestPlatform;
before(async () => { p = await testPlatform(); });
after(async () => { await p?.close(); });

const CSRF = 'audit-test-csrf-token-0123456789';
let rootOrg = '';

async function org(parent?: { id: string; path: string }) {
  const id = crypto.randomUUID();
  const path = `${parent?.path ?? '/'}${id}/`;
  await p.kernel.db.query(`INSERT INTO orgs (id, parent_id, path, code, name, kind) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, parent?.id ?? null, path, `o-${id.slice(0, 8)}`, parent ? '示例市财政局' : '示例市人民政府', parent ? 'department' : 'government']);
  return { id, path };
}

/** A staff account holding `permissions` within `scope`; returns its id and request headers. */
async function staff(scope: { id: string }, permissions: string[], adminKind: 'system' | 'audit' | null) {
  const tag = crypto.randomBytes(4).toString('hex');
  const db = p.kernel.db;
  const account = await db.one<{ id: string }>(
    `INSERT INTO accounts (kind, username, display_name, password_hash, org_id) VALUES ('staff', $1, $2, 'x', $3) RETURNING id`,
    [`s${tag}`, `工作人员${tag}`, scope.id],
  );
  const role = await db.one<{ id: string }>(`INSERT INTO roles (code, name, permissions, admin_kind) VALUES ($1, $2, $3, $4) RETURNING id`, [`r${tag}`, `角色${tag}`, permissions, adminKind]);
  await db.query('INSERT INTO grants (account_id, role_id, org_id) VALUES ($1, $2, $3)', [account.id, role.id, scope.id]);
  const token = await p.kernel.sessions.create(db, account.id, 'full', {});
  return { id: account.id, username: `s${tag}`, headers: { cookie: `zw_session=${token}; zw_csrf=${CSRF}`, 'x-csrf-token': CSRF } };
}

const search = (query: string, headers: Record<string, string> = {}) => p.inject({ method: 'GET', url: `/api/audit${query ? `?${query}` : ''}`, headers });

test('the audit log is refused to anonymous callers, non-auditors and auditors of a subtree', async () => {
  const root = await org();
  rootOrg = root.id;
  const department = await org(root);
  await p.kernel.audit.recordNow({ action: 'test.secret', targetType: 'account', targetId: 'someone' });

  const anonymous = await search('');
  assert.equal(anonymous.statusCode, 401);
  assert.equal(json(anonymous).error.code, 'UNAUTHENTICATED');
  assert.ok(!anonymous.body.includes('test.secret'));

  const admin = await staff(root, ['calendar.manage'], 'system');
  assert.equal((await search('', admin.headers)).statusCode, 403, 'the system administrator cannot read the audit log');
  assert.equal((await p.inject({ method: 'GET', url: '/api/audit/verify', headers: admin.headers })).statusCode, 403);

  const subtreeAuditor = await staff(department, ['audit.read'], 'audit');
  const sub = await search('', subtreeAuditor.headers);
  assert.equal(sub.statusCode, 403, 'the audit log is the whole platform\'s: only an auditor at a root reads it');
  assert.ok(!sub.body.includes('test.secret'));
  assert.equal((await p.inject({ method: 'GET', url: '/api/audit/verify', headers: subtreeAuditor.headers })).statusCode, 403);
});

test('an auditor at the root searches, filters and pages the log, and the search is itself recorded', async () => {
  const auditor = await staff({ id: rootOrg }, ['audit.read'], 'audit');
  for (let i = 0; i < 5; i++) await p.kernel.audit.recordNow({ action: 'test.page', targetType: 'case', targetId: `c${i}`, outcome: i === 4 ? 'failure' : 'success', actorId: auditor.id, actorName: auditor.username, orgId: rootOrg });

  const all = await search('', auditor.headers);
  assert.equal(all.statusCode, 200);
  assert.ok(json(all).total >= 6);
  assert.ok(json(all).items.some((r: { action: string }) => r.action === 'test.secret'));

  const page1 = json(await search('action=test.page&pageSize=2&page=1', auditor.headers));
  const page3 = json(await search('action=test.page&pageSize=2&page=3', auditor.headers));
  assert.equal(page1.total, 5);
  assert.deepEqual(page1.items.map((r: { target_id: string }) => r.target_id), ['c4', 'c3'], 'newest first');
  assert.deepEqual(page3.items.map((r: { target_id: string }) => r.target_id), ['c0']);
  assert.equal(page1.items[0].org_name, '示例市人民政府');

  assert.deepEqual(json(await search('action=test.page&outcome=failure', auditor.headers)).items.map((r: { target_id: string }) => r.target_id), ['c4']);
  assert.equal(json(await search('targetType=case&targetId=c2', auditor.headers)).total, 1);
  assert.equal(json(await search(`actor=${auditor.username}&action=test.`, auditor.headers)).total, 5);
  assert.equal(json(await search(`actor=${auditor.id}&action=test.page`, auditor.headers)).total, 5);
  assert.equal(json(await search(`orgId=${rootOrg}&action=test.page`, auditor.headers)).total, 5);

  const searches = await p.kernel.db.query(`SELECT actor_id, details FROM audit_log WHERE action = 'audit.search' ORDER BY id`);
  assert.ok(searches.length >= 7);
  assert.equal(searches.at(-1)!.actor_id, auditor.id);
  assert.equal(searches.at(-1)!.details.filters.orgId, rootOrg);
});

test('bad search input answers 400 with field errors', async () => {
  const auditor = await staff({ id: rootOrg }, ['audit.read'], 'audit');
  const cases: [string, string][] = [
    ['from=2026-13-01', 'from'], ['to=2026-02-30', 'to'], ['outcome=maybe', 'outcome'], ['pageSize=1000', 'pageSize'],
    ['page=0', 'page'], ['orgId=not-a-uuid', 'orgId'], ['colour=red', 'colour'], [`action=${'x'.repeat(101)}`, 'action'],
  ];
  for (const [query, field] of cases) {
    const res = await search(query, auditor.headers);
    assert.equal(res.statusCode, 400, query);
    assert.deepEqual(json(res).error.fields.map((f: { field: string }) => f.field), [field], query);
    assert.match(json(res).error.fields[0].message, /[\u4e00-\u9fff]/, 'a Chinese message');
  }
  assert.equal(json(await search('from=2026-13-01', { ...auditor.headers, 'accept-language': 'en' })).error.fields[0].message, 'Enter a valid date as YYYY-MM-DD.');
});

test('the verify operation reports an intact log to the auditor', async () => {
  const auditor = await staff({ id: rootOrg }, ['audit.read'], 'audit');
  const res = await p.inject({ method: 'GET', url: '/api/audit/verify', headers: auditor.headers });
  assert.equal(res.statusCode, 200);
  const body = json(res);
  assert.equal(body.intact, true);
  assert.deepEqual(body.problems, []);
  assert.equal(body.records, (await p.kernel.db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).n);
  assert.ok(body.records >= 10);
  assert.equal((await p.inject({ method: 'GET', url: '/api/audit/verify' })).statusCode, 401);
});

test('date filters are days in China, whatever the database time zone', async () => {
  const auditor = await staff({ id: rootOrg }, ['audit.read'], 'audit');
  // 2026-03-01 07:30 in Beijing is still 2026-02-28 in UTC; 2026-03-01 23:30 in Beijing is 03-01 15:30 UTC.
  const insert = (at: string, targetId: string) => p.kernel.db.query(
    `INSERT INTO audit_log (shard, seq, at, action, target_id, outcome, prev_hash, hash) VALUES (900, $1, $2, 'test.tz', $3, 'success', '', '')`,
    [targetId === 'early' ? 1 : targetId === 'late' ? 2 : 3, at, targetId],
  );
  await insert('2026-02-28T23:30:00Z', 'early');
  await insert('2026-03-01T15:30:00Z', 'late');
  await insert('2026-03-01T16:30:00Z', 'next-day');
  const ids = async (query: string) => json(await search(`action=test.tz&${query}`, auditor.headers)).items.map((r: { target_id: string }) => r.target_id).sort();
  assert.deepEqual(await ids('from=2026-03-01&to=2026-03-01'), ['early', 'late']);
  assert.deepEqual(await ids('from=2026-03-02'), ['next-day']);
  assert.deepEqual(await ids('to=2026-02-28'), []);
  // Rows written straight into the table belong to no chain: verify names them.
  const problems = (await p.kernel.audit.verify()).problems;
  assert.equal(problems.length, 3);
  assert.ok(problems.every((x) => x.kind === 'inserted' && x.shard === 900));
});
