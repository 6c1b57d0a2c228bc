// A worker process for the cross-process job tests and the jobs bench (started by job-workers.ts): a JobService
// on the given database running the recording job types until SIGTERM, or until the test kills it (SIGKILL).
import { openPostgres } from '../../src/kernel/db/postgres.js';
import { JobService } from '../../src/kernel/jobs/jobs.service.js';
import { defineRecordingJobs } from './job-workers.js';

const [url, workerId, leaseMs, concurrency] = process.argv.slice(2);
const db = await openPostgres(url, Number(concurrency) + 2);
const worker = new JobService(db, { workerId, pollMs: 100, leaseMs: Number(leaseMs), concurrency: Number(concurrency), log: () => {} });
defineRecordingJobs(worker, workerId);
worker.start();
console.log('ready');
process.on('SIGTERM', async () => { await worker.stop(); await db.close(); process.exit(0); });
