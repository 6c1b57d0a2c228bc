// A worker process for the crash tests: a JobService on the given database running 'test.slow' (records its
// start, then waits for the file named in the payload to appear or for 60 s) and 'test.quick' (records its run).
// Prints "ready" once started. Killed with SIGKILL by the test to play a crashed server process.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPostgres } from '../../src/kernel/db/postgres.js';
import { JobService } from '../../src/kernel/jobs/jobs.service.js';

const [url, workerId, leaseMs] = process.argv.slice(2);
const db = await openPostgres(url, 4);
const worker = new JobService(db, { workerId, pollMs: 100, leaseMs: Number(leaseMs), concurrency: 2, log: () => {} });
worker.define('test.slow', async (job) => {
  await job.db.query('INSERT INTO test_job_runs (job_id, worker, attempt) VALUES ($1, $2, $3)', [job.id, workerId, job.attempt]);
  const until = Date.now() + 60_000;
  while (Date.now() < until && !fs.existsSync(job.payload.release)) await sleep(50);
});
worker.define('test.quick', async (job) => {
  await job.db.query('INSERT INTO test_job_runs (job_id, worker, attempt) VALUES ($1, $2, $3)', [job.id, workerId, job.attempt]);
});
worker.start();
console.log('ready');
process.on('SIGTERM', async () => { await worker.stop(); await db.close(); process.exit(0); });
