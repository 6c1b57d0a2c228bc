// Several workers on one database. On PGlite the two JobService instances share the one embedded store;
// on PostgreSQL (TEST_DB=postgres) each has its own connection pool, as two server processes would.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../src/kernel/db/db.js';
import { migrate } from '../../src/kernel/db/migrate.js';
import { openPostgres } from '../../src/kernel/db/postgres.js';
import { sqlMigrations } from '../../src/kernel/db/sql-files.js';
import { JobService } from '../../src/kernel/jobs/jobs.service.js';
import { freshDatabase } from '../support/harness.js';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let dbs: Db[];
before(async () => {
  fresh = await freshDatabase();
  await migrate(fresh.db, [{ module: 'kernel', migrations: sqlMigrations(new URL('../../src/kernel/migrations/', import.meta.url)) }]);
  await fresh.db.exec('CREATE TABLE job_runs (job_id uuid PRIMARY KEY, worker text NOT NULL)');
  dbs = fresh.url ? [fresh.db, await openPostgres(fresh.url, 5)] : [fresh.db, fresh.db];
});
after(async () => {
  if (dbs?.[1] && dbs[1] !== fresh.db) await dbs[1].close();
  await fresh?.drop();
});

const quiet = { log: () => {} };

test('two workers drain 500 jobs: every job runs exactly once, never twice at the same time', async () => {
  const N = 500;
  const running = new Set<string>();
  let overlaps = 0;
  let duplicates = 0;
  const workers = dbs.map((db, i) => {
    const w = new JobService(db, { ...quiet, workerId: `w${i}`, pollMs: 50, concurrency: 8 });
    w.define('test.count', async (job) => {
      if (running.has(job.id)) overlaps++;
      running.add(job.id);
      try {
        await job.db.query('INSERT INTO job_runs (job_id, worker) VALUES ($1, $2)', [job.id, `w${i}`]);
      } catch {
        duplicates++;
      } finally {
        running.delete(job.id);
      }
    });
    return w;
  });
  await fresh.db.tx(async (tx) => {
    await tx.query(`INSERT INTO jobs (type, payload) SELECT 'test.count', jsonb_build_object('n', g) FROM generate_series(1, ${N}) g`);
  });
  const started = Date.now();
  for (const w of workers) w.start();
  while ((await fresh.db.one("SELECT count(*)::int AS n FROM jobs WHERE type = 'test.count' AND state <> 'succeeded'")).n > 0) {
    if (Date.now() - started > 60_000) throw new Error('not drained in 60 s');
    await sleep(25);
  }
  await Promise.all(workers.map((w) => w.stop()));
  const runs = await fresh.db.query<{ worker: string; n: number }>('SELECT worker, count(*)::int AS n FROM job_runs GROUP BY worker ORDER BY worker');
  assert.equal(runs.reduce((s, r) => s + r.n, 0), N, 'every job ran');
  assert.equal(duplicates, 0, 'no job ran twice');
  assert.equal(overlaps, 0);
  assert.equal((await fresh.db.one("SELECT max(attempts)::int AS n FROM jobs WHERE type = 'test.count'")).n, 1);
  // On PostgreSQL both workers take jobs. On PGlite the two share one embedded connection, whose queue lets
  // the busy worker's queries go first, so one worker may take them all: exactly-once is what counts there.
  if (fresh.url) assert.equal(runs.length, 2, `both workers took jobs: ${JSON.stringify(runs)}`);
});

test('a due schedule fires exactly once per tick across two workers', async () => {
  const workers = dbs.map((db, i) => new JobService(db, { ...quiet, workerId: `s${i}` }));
  await workers[0].schedule('nightly-stats', '0 2 * * *', 'test.nightly', { report: 'daily' });
  await workers[1].schedule('nightly-stats', '0 2 * * *', 'test.nightly', { report: 'daily' });
  const s = await fresh.db.one("SELECT next_run_at, next_run_at > now() AS future FROM job_schedules WHERE name = 'nightly-stats'");
  assert.equal(s.future, true);
  assert.equal(new Date(s.next_run_at).getUTCHours(), 18, '02:00 in Beijing is 18:00 UTC');

  for (let round = 1; round <= 10; round++) {
    await fresh.db.query("UPDATE job_schedules SET next_run_at = now() - interval '1 minute' WHERE name = 'nightly-stats'");
    const fired = await Promise.all([...workers, ...workers].map((w) => w.tickSchedules()));
    assert.equal(fired.reduce((a, b) => a + b, 0), 1, `round ${round}: ${fired}`);
    const jobs = await fresh.db.one("SELECT count(*)::int AS n FROM jobs WHERE type = 'test.nightly' AND schedule_name = 'nightly-stats'");
    assert.equal(jobs.n, round);
  }
  const after = await fresh.db.one("SELECT next_run_at > now() AS future, last_run_at IS NOT NULL AS ran FROM job_schedules WHERE name = 'nightly-stats'");
  assert.deepEqual([after.future, after.ran], [true, true]);
  // Not due: nothing fires.
  assert.deepEqual(await Promise.all(workers.map((w) => w.tickSchedules())), [0, 0]);

  // Changing the expression moves the next run; an administrator's "disabled" is kept.
  await fresh.db.query("UPDATE job_schedules SET enabled = false WHERE name = 'nightly-stats'");
  await workers[0].schedule('nightly-stats', '30 3 * * *', 'test.nightly', {});
  const changed = await fresh.db.one("SELECT enabled, cron, next_run_at FROM job_schedules WHERE name = 'nightly-stats'");
  assert.deepEqual([changed.enabled, changed.cron, new Date(changed.next_run_at).getUTCHours(), new Date(changed.next_run_at).getUTCMinutes()], [false, '30 3 * * *', 19, 30]);
});
