// The job queue on one database: transactional enqueue, retries and death, leases, graceful stop, and the
// administrators' API. Concurrency across workers is in jobs-concurrency.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, staffSession } from '../support/fixtures.js';
import { JobService, type JobServiceOptions } from '../../src/kernel/jobs/jobs.service.js';
import { jobsRepository } from '../../src/kernel/jobs/jobs.repository.js';

let p: TestPlatform;
const workers: JobService[] = [];
before(async () => { p = await testPlatform(); });
after(async () => {
  for (const w of workers) await w.stop();
  await p?.close();
});

const quiet = { log: () => {} };
function worker(opts: JobServiceOptions = {}) {
  const w = new JobService(p.kernel.db, { ...quiet, ...opts });
  workers.push(w);
  return w;
}
const jobRow = (id: string) => p.kernel.db.one('SELECT * FROM jobs WHERE id = $1', [id]);
async function until(check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

test('a job enqueued in a rolled-back transaction does not exist; a committed one does', async () => {
  const w = worker();
  await assert.rejects(p.kernel.db.tx(async (tx) => {
    await w.enqueue(tx, { type: 'test.rollback', payload: { n: 1 } });
    throw new Error('the change failed');
  }), /the change failed/);
  assert.equal((await p.kernel.db.one("SELECT count(*)::int AS n FROM jobs WHERE type = 'test.rollback'")).n, 0);
  const id = await p.kernel.db.tx((tx) => w.enqueue(tx, { type: 'test.rollback', payload: { n: 2 } }));
  const row = await jobRow(id);
  assert.deepEqual([row.state, row.payload, row.attempts, row.max_attempts], ['queued', { n: 2 }, 0, 5]);
});

test('a dedupe key admits one unfinished job at a time', async () => {
  const w = worker();
  const runs: string[] = [];
  w.define('test.dedupe', (job) => { runs.push(job.id); });
  const a = await w.enqueue(p.kernel.db, { type: 'test.dedupe', dedupeKey: 'k1' });
  const b = await w.enqueue(p.kernel.db, { type: 'test.dedupe', dedupeKey: 'k1' });
  assert.equal(a, b);
  await w.drain();
  assert.deepEqual(runs, [a]);
  const c = await w.enqueue(p.kernel.db, { type: 'test.dedupe', dedupeKey: 'k1' });
  assert.notEqual(c, a, 'once finished, the key is free again');
});

test('a failing handler is retried with back-off, then dead with its last error', async () => {
  const w = worker();
  const attempts: number[] = [];
  w.define('test.failing', (job) => {
    attempts.push(job.attempt);
    throw new Error(`provider down (attempt ${job.attempt})`);
  }, { maxAttempts: 3, backoff: { baseMs: 1, maxMs: 5 } });
  const id = await w.enqueue(p.kernel.db, { type: 'test.failing', payload: {} });
  await until(async () => { await w.drain(); return (await jobRow(id)).state === 'dead'; });
  const row = await jobRow(id);
  assert.deepEqual(attempts, [1, 2, 3]);
  assert.equal(row.attempts, 3);
  assert.match(row.last_error, /provider down \(attempt 3\)/);
  assert.equal(row.locked_by, null);

  // The retry delay really is in the future with the default back-off.
  const slow = worker();
  slow.define('test.slowRetry', () => { throw new Error('no'); }, { backoff: { baseMs: 60_000 } });
  const id2 = await slow.enqueue(p.kernel.db, { type: 'test.slowRetry' });
  await slow.drain();
  const r2 = await p.kernel.db.one("SELECT state, run_at > now() + interval '25 seconds' AS later FROM jobs WHERE id = $1", [id2]);
  assert.deepEqual([r2.state, r2.later], ['failed', true]);
});

test('a job whose worker died (lease expired) is run again by another worker', async () => {
  const w = worker();
  const seen: number[] = [];
  w.define('test.crashed', (job) => { seen.push(job.attempt); });
  const row = await p.kernel.db.one(
    `INSERT INTO jobs (type, state, attempts, locked_by, lease_until) VALUES ('test.crashed', 'running', 1, 'host:999:gone', now() - interval '1 second') RETURNING id`);
  const alive = await p.kernel.db.one(
    `INSERT INTO jobs (type, state, attempts, locked_by, lease_until) VALUES ('test.crashed', 'running', 1, 'host:998:busy', now() + interval '1 minute') RETURNING id`);
  await w.drain();
  assert.deepEqual(seen, [2], 'only the expired one runs');
  const done = await jobRow(row.id);
  assert.deepEqual([done.state, done.attempts], ['succeeded', 2]);
  assert.equal((await jobRow(alive.id)).state, 'running', 'a job under a live lease is left alone');
  await p.kernel.db.query('DELETE FROM jobs WHERE id = $1', [alive.id]);
});

test('a worker that loses its lease is told (signal aborted) and its late result is ignored', async () => {
  const a = worker({ leaseMs: 150, pollMs: 60_000 });
  const b = worker({ pollMs: 60_000 });
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  let aborted = false;
  const runs: string[] = [];
  a.define('test.lease', async (job) => {
    runs.push('a');
    job.signal.addEventListener('abort', () => { aborted = true; });
    await gate;
  });
  b.define('test.lease', () => { runs.push('b'); });
  const id = await a.enqueue(p.kernel.db, { type: 'test.lease' });
  a.start();
  await until(async () => (await jobRow(id)).state === 'running');
  // The process freezes (no heartbeat gets through) long enough for the lease to run out.
  // (Expire and reap in one transaction, so that a's heartbeat cannot slip in between.)
  await p.kernel.db.tx(async (tx) => {
    await tx.query("UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = $1", [id]);
    assert.equal(await jobsRepository.reapExpired(tx), 1);
  });
  await b.drain();
  assert.deepEqual(runs, ['a', 'b']);
  await until(async () => aborted);
  release();
  await sleep(50);
  const row = await jobRow(id);
  assert.deepEqual([row.state, row.attempts], ['succeeded', 2]);
  await a.stop();
});

test('a started worker runs a job right after the enqueue commits, without waiting for the poll', async () => {
  const w = worker({ pollMs: 60_000 });
  const ran: string[] = [];
  w.define('test.wake', (job) => { ran.push(job.id); });
  w.start();
  await sleep(50); // the first poll has run
  const started = Date.now();
  const id = await p.kernel.db.tx((tx) => w.enqueue(tx, { type: 'test.wake' }));
  await until(async () => ran.includes(id), 2000);
  assert.ok(Date.now() - started < 1000);
  await w.stop();
});

test('a worker kept full keeps going: polls that find no free slot do not stall it', async () => {
  const w = worker({ pollMs: 5, concurrency: 1 });
  let ran = 0;
  w.define('test.full', async () => { await sleep(15); ran++; });
  for (let i = 0; i < 20; i++) await w.enqueue(p.kernel.db, { type: 'test.full' });
  w.start();
  await until(async () => ran === 20, 5000);
  await w.stop();
});

test('stop lets a running job finish, and hands back one that does not finish in time', async () => {
  const w = worker({ pollMs: 60_000, stopTimeoutMs: 2000 });
  w.define('test.finish', async () => { await sleep(150); });
  const id = await w.enqueue(p.kernel.db, { type: 'test.finish' });
  w.start();
  await until(async () => w.busy === 1);
  await w.stop();
  assert.equal((await jobRow(id)).state, 'succeeded');

  const h = worker({ pollMs: 60_000, stopTimeoutMs: 100 });
  let sawAbort = false;
  h.define('test.hang', (job) => new Promise<void>((_, reject) => job.signal.addEventListener('abort', () => { sawAbort = true; reject(new Error('aborted')); })));
  const id2 = await h.enqueue(p.kernel.db, { type: 'test.hang' });
  h.start();
  await until(async () => h.busy === 1);
  await h.stop();
  const row = await jobRow(id2);
  assert.deepEqual([row.state, row.attempts, row.locked_by, sawAbort], ['queued', 0, null, true]);
});

test('administrators list jobs with counts per state, retry dead and failed jobs, cancel queued ones; each audited', async () => {
  const tree = await createOrgTree(p);
  const admin = await staffSession(p, { org: tree.city, roles: ['systemAdmin'] });
  const w = worker();
  const [queued, dead] = [
    await w.enqueue(p.kernel.db, { type: 'test.admin', payload: { k: 'q' } }),
    (await p.kernel.db.one("INSERT INTO jobs (type, state, attempts, max_attempts, last_error) VALUES ('test.admin', 'dead', 3, 3, 'boom') RETURNING id")).id as string,
  ];
  const list = await p.inject({ method: 'GET', url: '/api/jobs?type=test.admin&pageSize=10', headers: admin.headers });
  assert.equal(list.statusCode, 200, list.body);
  const body = json(list);
  assert.equal(body.total, 2);
  assert.equal(body.counts.queued, 1);
  assert.equal(body.counts.dead, 1);
  assert.equal(body.items.find((j: any) => j.id === dead).lastError, 'boom');
  const onlyDead = json(await p.inject({ method: 'GET', url: '/api/jobs?state=dead&type=test.admin', headers: admin.headers }));
  assert.deepEqual(onlyDead.items.map((j: any) => j.id), [dead]);

  const retried = await p.inject({ method: 'POST', url: `/api/jobs/${dead}/retry`, headers: admin.headers });
  assert.equal(retried.statusCode, 200, retried.body);
  assert.deepEqual([json(retried).state, json(retried).attempts], ['queued', 0]);
  assert.equal((await p.inject({ method: 'POST', url: `/api/jobs/${dead}/retry`, headers: admin.headers })).statusCode, 409, 'a queued job is not retried');

  const cancelled = await p.inject({ method: 'POST', url: `/api/jobs/${queued}/cancel`, headers: admin.headers });
  assert.equal(cancelled.statusCode, 200, cancelled.body);
  assert.equal((await jobRow(queued)).state, 'cancelled');
  const again = await p.inject({ method: 'POST', url: `/api/jobs/${queued}/cancel`, headers: admin.headers });
  assert.equal(again.statusCode, 409);
  assert.equal(json(again).error.code, 'CONFLICT');
  assert.equal((await p.inject({ method: 'POST', url: `/api/jobs/00000000-0000-4000-8000-000000000000/cancel`, headers: admin.headers })).statusCode, 404);

  const audited = await p.kernel.db.query("SELECT action, target_id FROM audit_log WHERE action LIKE 'jobs.job.%' ORDER BY action");
  assert.deepEqual(audited.map((r) => [r.action, r.target_id]), [['jobs.job.cancel', queued], ['jobs.job.retry', dead]]);

  // Someone without the permission is refused.
  const clerk = await staffSession(p, { org: tree.deptA, roles: ['caseHandler'] });
  assert.equal((await p.inject({ method: 'GET', url: '/api/jobs', headers: clerk.headers })).statusCode, 403);
});
