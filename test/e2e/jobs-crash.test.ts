// The job queue across real processes on one PostgreSQL: a worker process killed in the middle of a job (kill -9,
// as a crash or a power cut would) leaves the job to be run again by the surviving process once its lease runs
// out; two processes draining the same queue never run a job twice. Needs TEST_DATABASE_URL (CI always has it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshDatabase } from '../support/harness.js';
import { createRunsTable, startWorkerProcess, type WorkerProcess } from '../support/job-workers.js';
import { migrate } from '../../src/kernel/db/migrate.js';
import { sqlMigrations } from '../../src/kernel/db/sql-files.js';
import type { Db } from '../../src/kernel/db/db.js';

const serverUrl = process.env.TEST_DATABASE_URL;

async function until(check: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(100);
  }
}

async function setUp(): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  const fresh = await freshDatabase({ serverUrl });
  await migrate(fresh.db, [{ module: 'kernel', migrations: sqlMigrations(new URL('../../src/kernel/migrations/', import.meta.url)) }]);
  await createRunsTable(fresh.db);
  return { db: fresh.db, url: fresh.url!, drop: fresh.drop };
}

test('a job whose server process is killed mid-run runs again on the other process, once', { skip: !serverUrl && 'needs TEST_DATABASE_URL' }, async () => {
  const { db, url, drop } = await setUp();
  const release = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zw-crash-')), 'release');
  const procs: WorkerProcess[] = [];
  try {
    const a = await startWorkerProcess(url, 'process-a', { leaseMs: 2000 });
    procs.push(a);
    const { id } = await db.one<{ id: string }>(`INSERT INTO jobs (type, payload) VALUES ('test.slow', $1) RETURNING id`, [JSON.stringify({ release })]);
    await until(async () => (await db.query('SELECT 1 FROM test_job_runs WHERE job_id = $1', [id])).length === 1, 15_000);
    assert.equal((await db.one('SELECT state, locked_by FROM jobs WHERE id = $1', [id])).locked_by, 'process-a');

    // The process dies with the job in hand: nothing is handed back, nothing is recorded as done.
    await a.stop('SIGKILL');
    fs.writeFileSync(release, '');
    const b = await startWorkerProcess(url, 'process-b', { leaseMs: 2000 });
    procs.push(b);

    // Once the dead process's lease runs out, the other process claims the job and finishes it.
    await until(async () => (await db.one('SELECT state FROM jobs WHERE id = $1', [id])).state === 'succeeded', 20_000);
    const runs = await db.query('SELECT worker, attempt FROM test_job_runs WHERE job_id = $1 ORDER BY at', [id]);
    assert.deepEqual(runs.map((r) => `${r.worker}#${r.attempt}`), ['process-a#1', 'process-b#2']);
    const row = await db.one('SELECT attempts, locked_by FROM jobs WHERE id = $1', [id]);
    assert.equal(row.attempts, 2);
  } finally {
    for (const w of procs) await w.stop();
    await sleep(300);
    await drop();
  }
});

test('two server processes drain 2,000 jobs: every job runs, none twice', { skip: !serverUrl && 'needs TEST_DATABASE_URL' }, async () => {
  const { db, url, drop } = await setUp();
  const procs: WorkerProcess[] = [];
  try {
    procs.push(await startWorkerProcess(url, 'process-a'), await startWorkerProcess(url, 'process-b'));
    await db.query(`INSERT INTO jobs (type, payload) SELECT 'test.quick', jsonb_build_object('n', g) FROM generate_series(1, 2000) g`);
    await until(async () => (await db.one(`SELECT count(*)::int AS n FROM jobs WHERE state <> 'succeeded'`)).n === 0, 120_000);
    const runs = await db.one<{ total: number; distinct: number; workers: number }>(
      'SELECT count(*)::int AS total, count(DISTINCT job_id)::int AS distinct, count(DISTINCT worker)::int AS workers FROM test_job_runs');
    assert.deepEqual([runs.total, runs.distinct], [2000, 2000], 'each job ran exactly once');
    assert.equal(runs.workers, 2, 'both processes took part');
  } finally {
    for (const w of procs) await w.stop();
    await sleep(300);
    await drop();
  }
});
