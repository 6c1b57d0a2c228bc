// Job workers for the tests and the bench that prove the queue across processes: the recording job types, and a
// real worker process (job-worker-process.ts) to start, stop or kill. Every run of a job is a row in
// test_job_runs, so a job run twice shows as two rows and a job never run as none.
import fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../src/kernel/db/db.js';
import type { JobService } from '../../src/kernel/jobs/jobs.service.js';

/** Creates the table every recorded run goes to. */
export const createRunsTable = (db: Db) =>
  db.exec('CREATE TABLE test_job_runs (job_id uuid, worker text, attempt integer, at timestamptz DEFAULT clock_timestamp())');

/**
 * 'test.quick' records its run; 'test.slow' records its start, then waits until the file named by its payload's
 * `release` exists (or 60 s), so that a test can kill its process in the middle of it.
 */
export function defineRecordingJobs(worker: JobService, workerId: string): void {
  const record = (job: { id: string; attempt: number; db: Db }) =>
    job.db.query('INSERT INTO test_job_runs (job_id, worker, attempt) VALUES ($1, $2, $3)', [job.id, workerId, job.attempt]);
  worker.define('test.quick', async (job) => { await record(job); });
  worker.define('test.slow', async (job) => {
    await record(job);
    const until = Date.now() + 60_000;
    while (Date.now() < until && !fs.existsSync(job.payload.release)) await sleep(50);
  });
}

export interface WorkerProcess {
  child: ChildProcess;
  /** SIGTERM (a graceful stop) by default; SIGKILL plays a crash. Waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const script = fileURLToPath(new URL('./job-worker-process.ts', import.meta.url));

/** Starts a worker process on the database at `url` and waits until its worker runs. */
export async function startWorkerProcess(url: string, workerId: string, opts: { leaseMs?: number; concurrency?: number } = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, workerId, String(opts.leaseMs ?? 30_000), String(opts.concurrency ?? 2)],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(); });
    child.once('exit', (code) => reject(new Error(`worker ${workerId} exited with ${code}`)));
  });
  return {
    child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}
