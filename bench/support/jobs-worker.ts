// One worker process of the jobs bench: a JobService on the bench database, running 'bench.job' until the parent
// sends SIGTERM. Each run records itself keyed by job id; a second run of the same job lands in bench_dups.
import { openPostgres } from '../../src/kernel/db/postgres.js';
import { JobService } from '../../src/kernel/jobs/jobs.service.js';

const [url, workerId, concurrency] = process.argv.slice(2);
const db = await openPostgres(url, Number(concurrency) + 2);
const worker = new JobService(db, { workerId, pollMs: 100, concurrency: Number(concurrency), log: () => {} });
worker.define('bench.job', async (job) => {
  const rows = await job.db.query('INSERT INTO bench_runs (job_id, worker) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job_id', [job.id, workerId]);
  if (rows.length === 0) await job.db.query('INSERT INTO bench_dups (job_id, worker) VALUES ($1, $2)', [job.id, workerId]);
});
worker.start();
process.send?.('ready');
process.on('SIGTERM', async () => {
  await worker.stop();
  await db.close();
  process.exit(0);
});
