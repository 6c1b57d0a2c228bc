import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, createStaff } from '../support/fixtures.js';

let p: TestPlatform;
before(async () => { p = await testPlatform(); });
after(() => p.close());

test('the kernel schedules its housekeeping: hourly session purge and nightly file clean-up', async () => {
  const rows = await p.kernel.db.query('SELECT name, cron, type, enabled FROM job_schedules ORDER BY name');
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  assert.equal(byName['kernel.sessions.purge']?.cron, '17 * * * *');
  assert.equal(byName['kernel.files.collectGarbage']?.cron, '30 3 * * *');
  assert.equal(byName['kernel.jobs.purgeFinished']?.cron, '45 3 * * *');
  assert.ok(rows.every((r) => r.enabled && r.type === r.name), 'each schedule runs the job of its own name');
});

test('the session purge job removes expired and idle sessions and keeps live ones', async () => {
  const tree = await createOrgTree(p);
  const staff = await createStaff(p, { org: tree.deptA });
  const live = await p.kernel.sessions.create(p.kernel.db, staff.id, 'full', {});
  await p.kernel.sessions.create(p.kernel.db, staff.id, 'full', {});
  await p.kernel.sessions.create(p.kernel.db, staff.id, 'full', {});
  const ids = (await p.kernel.db.query('SELECT id FROM sessions WHERE account_id = $1 ORDER BY created_at', [staff.id])).map((r) => r.id);
  await p.kernel.db.query("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = $1", [ids[1]]);
  await p.kernel.db.query("UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE id = $1", [ids[2]]);
  await p.kernel.db.tx((tx) => p.kernel.jobs.enqueue(tx, { type: 'kernel.sessions.purge' }));
  await p.kernel.jobs.drain();
  const left = await p.kernel.db.query('SELECT id FROM sessions WHERE account_id = $1', [staff.id]);
  assert.deepEqual(left.map((r) => r.id), [ids[0]]);
  assert.equal((await p.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `zw_session=${live}` } })).statusCode, 200);
  const done = await p.kernel.db.one("SELECT state FROM jobs WHERE type = 'kernel.sessions.purge' ORDER BY created_at DESC LIMIT 1");
  assert.equal(done.state, 'succeeded');
});

test('the nightly job purge removes finished jobs older than two weeks and keeps recent, failed and dead ones', async () => {
  const old = "now() - interval '15 days'";
  const ids = await p.kernel.db.query(
    `INSERT INTO jobs (type, state, updated_at) VALUES
       ('test.purge', 'succeeded', ${old}), ('test.purge', 'cancelled', ${old}), ('test.purge', 'dead', ${old}),
       ('test.purge', 'failed', ${old}), ('test.purge', 'succeeded', now() - interval '2 days')
     RETURNING id, state`);
  await p.kernel.db.tx((tx) => p.kernel.jobs.enqueue(tx, { type: 'kernel.jobs.purgeFinished' }));
  await p.kernel.jobs.drain();
  const left = await p.kernel.db.query(`SELECT state FROM jobs WHERE type = 'test.purge' ORDER BY state`);
  assert.deepEqual(left.map((r) => r.state), ['dead', 'failed', 'succeeded']);
  assert.equal(ids.length, 5);
});
