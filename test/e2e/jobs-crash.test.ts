// The job queue across real processes on one PostgreSQL: a worker process killed in the middle of a job (kill -9,
// as a crash or a power cut would) leaves the job to be run again by the surviving process once its lease runs
// out; two processes draining the same queue never run a job twice. Needs TEST_DATABASE_URL (CI always has it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from '../support/harness.js';
import { migrate } from '../../src/kernel/db/migrate.js';
import { sqlMigrations } from '../../src/kernel/db/sql-files.js';
import type { Db } from '../../src/kernel/db/db.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const script = fileURLToPath(new URL('../support/job-worker-process.ts', import.meta.url));

async function startWorker(url: string, id: string, leaseMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, id, String(leaseMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(); });
    child.once('exit', (code) => reject(new Error(`worker ${id} exited with ${code}`)));
  });
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

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
  await fresh.db.exec('CREATE TABLE test_job_runs (job_id uuid, worker text, attempt integer, at timestamptz DEFAULT clock_timestamp())');
  return { db: fresh.db, url: fresh.url!, drop: fresh.drop };
}

test('a job whose server process is killed mid-run runs again on the other process, once', { skip: !serverUrl && 'needs TEST_DATABASE_URL' }, async () => {
  const { db, url, drop } = await setUp();
  const release = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zw-crash-')), 'release');
  const procs: ChildProcess[] = [];
  try {
    const a = await startWorker(url, 'process-a', 2000);
    procs.push(a);
    const { id } = await db.one<{ id: string }>(`INSERT INTO jobs (type, payload) VALUES ('test.slow', $1) RETURNING id`, [JSON.stringify({ release })]);
    await until(async () => (await db.query('SELECT 1 FROM test_job_runs WHERE job_id = $1', [id])).length === 1, 15_000);
    assert.equal((await db.one('SELECT state, locked_by FROM jobs WHERE id = $1', [id])).locked_by, 'process-a');

    // The process dies with the job in hand: nothing is handed back, nothing is recorded as done.
    await stop(a, 'SIGKILL');
    fs.writeFileSync(release, '');
    const b = await startWorker(url, 'process-b', 2000);
    procs.push(b);

    // Once the dead process's lease runs out, the other process claims the job and finishes it.
    await until(async () => (await db.one('SELECT state FROM jobs WHERE id = $1', [id])).state === 'succeeded', 20_000);
    const runs = await db.query('SELECT worker, attempt FROM test_job_runs WHERE job_id = $1 ORDER BY at', [id]);
    assert.deepEqual(runs.map((r) => `${r.worker}#${r.attempt}`), ['process-a#1', 'process-b#2']);
    const row = await db.one('SELECT attempts, locked_by FROM jobs WHERE id = $1', [id]);
    assert.equal(row.attempts, 2);
  } finally {
    for (const c of procs) await stop(c);
    await sleep(300);
    await drop();
  }
});

test('two server processes drain 2,000 jobs: every job runs, none twice', { skip: !serverUrl && 'needs TEST_DATABASE_URL' }, async () => {
  const { db, url, drop } = await setUp();
  const procs: ChildProcess[] = [];
  try {
    procs.push(await startWorker(url, 'process-a', 30_000), await startWorker(url, 'process-b', 30_000));
    await db.query(`INSERT INTO jobs (type, payload) SELECT 'test.quick', jsonb_build_object('n', g) FROM generate_series(1, 2000) g`);
    await until(async () => (await db.one(`SELECT count(*)::int AS n FROM jobs WHERE state <> 'succeeded'`)).n === 0, 120_000);
    const runs = await db.one<{ total: number; distinct: number; workers: number }>(
      'SELECT count(*)::int AS total, count(DISTINCT job_id)::int AS distinct, count(DISTINCT worker)::int AS workers FROM test_job_runs');
    assert.deepEqual([runs.total, runs.distinct], [2000, 2000], 'each job ran exactly once');
    assert.equal(runs.workers, 2, 'both processes took part');
  } finally {
    for (const c of procs) await stop(c);
    await sleep(300);
    await drop();
  }
});
