// Two worker processes draining N jobs (100,000 on PostgreSQL, set BENCH_DATABASE_URL or TEST_DATABASE_URL; 5,000 on
// PGlite; override with BENCH_JOBS). Each run is a row of test_job_runs (test/support/job-workers.ts, the same
// workers as the crash tests), so a job run twice shows as a duplicate and a job never run as lost. Baseline: the same inserts written directly by as
// many concurrent writers, without the queue. Prints figures; never fails on a time.
import type { Db } from '../src/kernel/db/db.js';
import { migrate } from '../src/kernel/db/migrate.js';
import { openPostgres } from '../src/kernel/db/postgres.js';
import { sqlMigrations } from '../src/kernel/db/sql-files.js';
import { JobService } from '../src/kernel/jobs/jobs.service.js';
import { freshDatabase } from '../test/support/harness.js';
import { createRunsTable, defineRecordingJobs, startWorkerProcess } from '../test/support/job-workers.js';

const CONCURRENCY = 8;

export default async function jobsBench() {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const N = Number(process.env.BENCH_JOBS ?? (serverUrl ? 100_000 : 5_000));
  const fresh = await freshDatabase({ serverUrl, poolSize: CONCURRENCY + 2 });
  const second: Db = fresh.url ? await openPostgres(fresh.url, CONCURRENCY + 2) : fresh.db;
  try {
    await migrate(fresh.db, [{ module: 'kernel', migrations: sqlMigrations(new URL('../src/kernel/migrations/', import.meta.url)) }]);
    await createRunsTable(fresh.db);
    await fresh.db.exec('CREATE TABLE bench_base (n integer PRIMARY KEY)');

    // Baseline: N/10 handler inserts by 2 × CONCURRENCY writers, no queue.
    const baseN = Math.max(1000, Math.floor(N / 10));
    let next = 0;
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: 2 * CONCURRENCY }, (_, i) => (async () => {
      const db = i % 2 ? second : fresh.db;
      for (let n = next++; n < baseN; n = next++) await db.query('INSERT INTO bench_base (n) VALUES ($1)', [n]);
    })()));
    const baseRate = baseN / (Number(process.hrtime.bigint() - t0) / 1e9);

    for (let from = 0; from < N; from += 20_000) {
      await fresh.db.query(`INSERT INTO jobs (type, payload) SELECT 'test.quick', jsonb_build_object('n', g) FROM generate_series($1::int, $2::int) g`, [from + 1, Math.min(N, from + 20_000)]);
    }
    // As autovacuum would after a bulk load: without statistics the planner sorts every queued job per claim.
    await fresh.db.exec('ANALYZE jobs');
    const started = process.hrtime.bigint();
    // On PostgreSQL: two real processes, each with its own pool, as two servers run them. PGlite is one
    // embedded database inside one process, so there the two workers share it in this process.
    const stops = fresh.url
      ? (await Promise.all([0, 1].map((i) => startWorkerProcess(fresh.url!, `bench-${i}`, { concurrency: CONCURRENCY })))).map((w) => () => w.stop())
      : [fresh.db, second].map((db, i) => {
        const w = new JobService(db, { workerId: `bench-${i}`, pollMs: 100, concurrency: CONCURRENCY, log: () => {} });
        defineRecordingJobs(w, `bench-${i}`);
        w.start();
        return () => w.stop();
      });
    for (;;) {
      const left = (await fresh.db.one("SELECT count(*)::int AS n FROM jobs WHERE state IN ('queued', 'running', 'failed')")).n;
      if (left === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await Promise.all(stops.map((stop) => stop()));
    const runs = await fresh.db.one('SELECT count(*)::int AS total, count(DISTINCT job_id)::int AS ran FROM test_job_runs');
    const duplicated = runs.total - runs.ran;
    const ran = runs.ran;
    const perWorker = await fresh.db.query('SELECT worker, count(*)::int AS n FROM test_job_runs GROUP BY worker ORDER BY worker');
    const dead = (await fresh.db.one("SELECT count(*)::int AS n FROM jobs WHERE state <> 'succeeded'")).n;
    const rate = N / seconds;
    console.log(`store: ${fresh.db.kind}${fresh.url ? ' (two worker processes, one pool each)' : ' (one embedded connection shared by two workers in this process)'}`);
    console.log(`  ${'direct inserts, no queue (baseline)'.padEnd(46)} ${baseRate.toFixed(0).padStart(8)} rows/s`);
    console.log(`  ${`2 workers × ${CONCURRENCY} draining ${N} jobs`.padEnd(46)} ${rate.toFixed(0).padStart(8)} jobs/s   ${(rate / baseRate).toFixed(3)} × baseline   (${seconds.toFixed(1)} s)`);
    console.log(`  lost: ${N - ran}   run twice: ${duplicated}   not succeeded: ${dead}   per worker: ${perWorker.map((r) => `${r.worker} ${r.n}`).join(', ')}`);
  } finally {
    if (second !== fresh.db) await second.close();
    // Let the closed pools' sockets finish before DROP DATABASE … WITH (FORCE) ends any straggler.
    await new Promise((r) => setTimeout(r, 500));
    await fresh.drop();
  }
}
