import crypto from 'node:crypto';
import os from 'node:os';
import type { Db, Queryable } from '../db/db.js';
import { isUniqueViolation } from '../db/db.js';
import { conflict, notFound } from '../http/errors.js';
import { backoffDelay, type Backoff } from './backoff.js';
import { nextCronTime, parseCron } from './cron.js';
import { jobsRepository, type JobRow } from './jobs.repository.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead' | 'cancelled';
export const JOB_STATES: JobState[] = ['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'];

/** What a handler receives. */
export interface JobContext<P = any> {
  id: string;
  type: string;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker stops or loses the job's lease: stop work and throw. */
  signal: AbortSignal;
  db: Db;
  /**
   * Ends this run and puts the job back in the queue for `runAt` without counting an attempt (a rate
   * limit's next window, the end of quiet hours): `return job.deferUntil(next)`.
   */
  deferUntil(runAt: Date): never;
}
export type JobHandler<P = any> = (job: JobContext<P>) => Promise<void> | void;

export interface DefineOptions {
  /** Runs in all, including the first (default 5). After the last failure the job is 'dead'. */
  maxAttempts?: number;
  backoff?: Backoff;
}

export interface EnqueueRequest<P = unknown> {
  type: string;
  payload?: P;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** While a job with this key is queued, running or waiting for a retry, enqueueing it again adds nothing. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface JobServiceOptions {
  /** Names this worker in `locked_by` (default host:pid:random). */
  workerId?: string;
  /** How often to look for due jobs and schedules (ms, default 1000). */
  pollMs?: number;
  /** Lease of a running job (ms, default 30 s); extended every third of it while the handler runs. */
  leaseMs?: number;
  /** Jobs run at once by this worker (default 4). */
  concurrency?: number;
  /** On stop, how long running handlers may finish before their jobs are handed back (ms, default 10 s). */
  stopTimeoutMs?: number;
  /** UTC offset of cron expressions in minutes (default +480, China Standard Time). */
  cronOffsetMinutes?: number;
  /** Where handler errors and worker problems are reported (default console.error). */
  log?: (message: string, err?: unknown) => void;
}

interface Definition { handler: JobHandler; maxAttempts: number; backoff: Backoff }

/** Thrown by `JobContext.deferUntil`: not a failure, the job simply runs again later. */
export class JobDeferred extends Error {
  constructor(readonly runAt: Date) {
    super(`deferred until ${runAt.toISOString()}`);
  }
}
interface Running { row: JobRow; controller: AbortController; done: Promise<void> }

/**
 * The durable job queue and its worker. Jobs are rows written in the caller's transaction; every server
 * process runs a worker that claims due jobs of the types it knows with FOR UPDATE SKIP LOCKED under a
 * lease, so a job never runs in two places at once and a job whose process died is claimed again.
 */
export class JobService {
  readonly workerId: string;
  private readonly defs = new Map<string, Definition>();
  private readonly running = new Map<string, Running>();
  private readonly opts: Required<Omit<JobServiceOptions, 'workerId'>>;
  private started = false;
  private stopping = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private filling: Promise<void> | null = null;
  private claiming = false;
  private refill = false;
  private polling: Promise<void> | null = null;

  constructor(private readonly db: Db, opts: JobServiceOptions = {}) {
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.opts = {
      pollMs: opts.pollMs ?? 1000,
      leaseMs: opts.leaseMs ?? 30_000,
      concurrency: opts.concurrency ?? 4,
      stopTimeoutMs: opts.stopTimeoutMs ?? 10_000,
      cronOffsetMinutes: opts.cronOffsetMinutes ?? 480,
      log: opts.log ?? ((m, e) => console.error(`[jobs] ${m}`, e ?? '')),
    };
  }

  /** Registers the handler of a job type. Only processes that define a type run its jobs. */
  define<P = any>(type: string, handler: JobHandler<P>, options: DefineOptions = {}): void {
    if (this.defs.has(type)) throw new Error(`job type ${type} is already defined`);
    this.defs.set(type, { handler, maxAttempts: options.maxAttempts ?? 5, backoff: options.backoff ?? {} });
  }

  /**
   * Adds a job in the caller's transaction `q` (or `kernel.db` for no transaction): a rollback enqueues
   * nothing. Returns the job's id — with a `dedupeKey` already taken by an unfinished job, that job's id.
   */
  async enqueue<P>(q: Queryable, req: EnqueueRequest<P>): Promise<string> {
    const maxAttempts = req.maxAttempts ?? this.defs.get(req.type)?.maxAttempts ?? 5;
    const id = await jobsRepository.insert(q, { type: req.type, payload: req.payload ?? {}, runAt: req.runAt ?? null, maxAttempts, dedupeKey: req.dedupeKey ?? null });
    this.nudge();
    if (id) return id;
    const existing = await jobsRepository.unfinishedByDedupeKey(q, req.dedupeKey!);
    if (!existing) throw new Error(`job with dedupe key ${req.dedupeKey} was neither added nor found`);
    return existing;
  }

  /**
   * Adds many jobs of one type in one statement, in the caller's transaction (a fan-out of deliveries).
   * An item whose dedupe key an unfinished job holds is skipped. Returns how many were added.
   */
  async enqueueMany<P>(q: Queryable, type: string, items: { payload: P; runAt?: Date | null; dedupeKey?: string | null }[]): Promise<number> {
    if (items.length === 0) return 0;
    const added = await jobsRepository.insertMany(q, type, this.defs.get(type)?.maxAttempts ?? 5, items);
    this.nudge();
    return added;
  }

  /**
   * Creates or updates a recurring schedule: `cron` is a five-field expression in China Standard Time
   * (`0 2 * * *` = 02:00 every night). Changing the expression recomputes the next run; an administrator's
   * `enabled = false` is kept.
   */
  async schedule(name: string, cron: string, type: string, payload: unknown = {}): Promise<void> {
    const next = nextCronTime(parseCron(cron), new Date(), this.opts.cronOffsetMinutes);
    await this.db.query(
      `INSERT INTO job_schedules (name, cron, type, payload, next_run_at) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (name) DO UPDATE SET type = EXCLUDED.type, payload = EXCLUDED.payload, cron = EXCLUDED.cron,
         next_run_at = CASE WHEN job_schedules.cron = EXCLUDED.cron THEN job_schedules.next_run_at ELSE EXCLUDED.next_run_at END,
         updated_at = now()`,
      [name, cron, type, JSON.stringify(payload ?? {}), next.toISOString()],
    );
  }

  /** Turns due schedules into jobs, each exactly once across all processes; returns how many fired. */
  async tickSchedules(): Promise<number> {
    // A cheap look first, so that an idle poll opens no transaction.
    if (!(await this.db.maybeOne('SELECT 1 FROM job_schedules WHERE enabled AND next_run_at <= now() LIMIT 1'))) return 0;
    return this.db.tx(async (tx) => {
      const due = await tx.query<{ name: string; cron: string; type: string; payload: unknown; db_now: Date }>(
        `SELECT name, cron, type, payload, now() AS db_now FROM job_schedules
          WHERE enabled AND next_run_at <= now() ORDER BY next_run_at LIMIT 50 FOR UPDATE SKIP LOCKED`,
      );
      for (const s of due) {
        let next: Date;
        try {
          next = nextCronTime(s.cron, new Date(s.db_now), this.opts.cronOffsetMinutes);
        } catch (err) {
          this.opts.log(`schedule ${s.name} has a bad expression and is disabled`, err);
          await tx.query('UPDATE job_schedules SET enabled = false, updated_at = now() WHERE name = $1', [s.name]);
          continue;
        }
        await jobsRepository.insert(tx, { type: s.type, payload: s.payload, runAt: null, maxAttempts: this.defs.get(s.type)?.maxAttempts ?? 5, dedupeKey: null, scheduleName: s.name });
        await tx.query('UPDATE job_schedules SET next_run_at = $2, last_run_at = now(), updated_at = now() WHERE name = $1', [s.name, next.toISOString()]);
      }
      return due.length;
    });
  }

  /** Starts the worker (polling, schedules, lease heartbeat). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), Math.max(50, Math.floor(this.opts.leaseMs / 3)));
    this.heartbeatTimer.unref();
    this.schedulePoll(0);
  }

  /** Stops taking jobs; lets running handlers finish for `stopTimeoutMs`, then aborts them and hands their jobs back. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    clearTimeout(this.pollTimer);
    await this.polling?.catch(() => {});
    await this.filling?.catch(() => {});
    const all = () => Promise.all([...this.running.values()].map((r) => r.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all(), new Promise((r) => { timer = setTimeout(r, this.opts.stopTimeoutMs); })]);
    clearTimeout(timer);
    for (const r of [...this.running.values()]) {
      r.controller.abort(new Error('worker stopping'));
      await jobsRepository.release(this.db, r.row.id, this.workerId, r.row.attempts).catch((err) => this.opts.log('could not release a job', err));
    }
    clearInterval(this.heartbeatTimer);
    this.started = false;
  }

  /** Runs one pass by hand (tests, CLI): expired leases, schedules, then due jobs until none is left. */
  /**
   * Removes finished jobs (succeeded, cancelled) older than `keepDays`; failed and dead ones stay for the
   * administrators. Runs nightly as `kernel.jobs.purgeFinished`.
   */
  async purgeFinished(keepDays = 14): Promise<number> {
    const before = new Date(Date.now() - keepDays * 24 * 60 * 60 * 1000);
    let total = 0;
    for (;;) {
      const n = await jobsRepository.purgeFinished(this.db, before);
      total += n;
      if (n < 5000) return total;
    }
  }

  async drain(): Promise<void> {
    for (;;) {
      await jobsRepository.reapExpired(this.db);
      await this.tickSchedules();
      const rows = await this.claim(this.opts.concurrency);
      if (!rows.length) return;
      await Promise.all(rows.map((row) => this.execute(row)));
    }
  }

  /** Number of jobs this worker is running now. */
  get busy(): number {
    return this.running.size;
  }

  // --- administration -------------------------------------------------------------------------

  async search(f: { state?: string; type?: string; limit: number; offset: number }) {
    const { total, items, counts } = await jobsRepository.search(this.db, f);
    const byState = Object.fromEntries(JOB_STATES.map((s) => [s, counts.find((c) => c.state === s)?.n ?? 0]));
    return { total, counts: byState, items: items.map(toView) };
  }

  /** A failed or dead job back to the queue with fresh attempts. */
  async retry(tx: Queryable, id: string) {
    try {
      return await this.transition(tx, id, ['failed', 'dead'], 'queued');
    } catch (err) {
      if (isUniqueViolation(err, 'jobs_dedupe')) throw conflict('jobs.duplicate');
      throw err;
    }
  }

  /** A queued job, or one waiting for its retry, will not run. */
  cancel(tx: Queryable, id: string) {
    return this.transition(tx, id, ['queued', 'failed'], 'cancelled');
  }

  private async transition(tx: Queryable, id: string, from: JobState[], to: 'queued' | 'cancelled') {
    const row = await jobsRepository.setState(tx, id, from, to);
    if (row) {
      if (to === 'queued') this.nudge();
      return toView(row);
    }
    const current = await jobsRepository.byId(tx, id);
    if (!current) throw notFound();
    throw conflict('jobs.wrongState');
  }

  // --- the worker -----------------------------------------------------------------------------

  private schedulePoll(ms: number) {
    if (this.stopping || !this.started) return;
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      this.polling = this.poll().finally(() => { this.polling = null; this.schedulePoll(this.opts.pollMs); });
    }, ms);
    this.pollTimer.unref();
  }

  private async poll() {
    try {
      await jobsRepository.reapExpired(this.db);
      if (!this.stopping) await this.tickSchedules();
    } catch (err) {
      if (!this.stopping) this.opts.log('poll failed', err);
    }
    await this.fill();
  }

  /** After an enqueue: look again soon (the caller's transaction may commit a moment later). */
  private nudge() {
    if (!this.started || this.stopping) return;
    for (const ms of [5, 50]) setTimeout(() => void this.fill(), ms).unref();
  }

  /** Claims jobs while there is capacity; one claimer at a time per worker. */
  private fill(): Promise<void> {
    if (!this.started || this.stopping) return Promise.resolve();
    if (this.claiming) {
      this.refill = true;
      return this.filling ?? Promise.resolve();
    }
    // A flag, not the promise: when there is no capacity the body below finishes without awaiting anything.
    this.claiming = true;
    this.filling = (async () => {
      try {
        do {
          this.refill = false;
          while (!this.stopping && this.running.size < this.opts.concurrency) {
            const rows = await this.claim(this.opts.concurrency - this.running.size);
            for (const row of rows) void this.execute(row);
            if (rows.length === 0) break;
          }
        } while (this.refill && !this.stopping);
      } catch (err) {
        if (!this.stopping) this.opts.log('claim failed', err);
      } finally {
        this.claiming = false;
      }
    })();
    return this.filling;
  }

  private claim(limit: number): Promise<JobRow[]> {
    const types = [...this.defs.keys()];
    if (types.length === 0 || limit <= 0) return Promise.resolve([]);
    return jobsRepository.claim(this.db, this.workerId, types, limit, this.opts.leaseMs);
  }

  private execute(row: JobRow): Promise<void> {
    const def = this.defs.get(row.type)!;
    const controller = new AbortController();
    const done = (async () => {
      try {
        const deferUntil = (runAt: Date): never => { throw new JobDeferred(runAt); };
        await def.handler({ id: row.id, type: row.type, payload: row.payload, attempt: row.attempts, maxAttempts: row.max_attempts, signal: controller.signal, db: this.db, deferUntil });
        await jobsRepository.succeed(this.db, row.id, this.workerId, row.attempts);
      } catch (err) {
        if (controller.signal.aborted && this.stopping) return; // handed back by stop()
        if (err instanceof JobDeferred) {
          await jobsRepository.defer(this.db, row.id, this.workerId, row.attempts, err.runAt).catch((e) => this.opts.log(`could not defer job ${row.id}`, e));
          return;
        }
        const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        try {
          const state = await jobsRepository.fail(this.db, row.id, this.workerId, row.attempts, message, backoffDelay(row.attempts, def.backoff));
          if (state === 'dead') this.opts.log(`job ${row.type} ${row.id} is dead after ${row.attempts} attempts: ${message}`);
        } catch (e) {
          this.opts.log(`could not record the failure of job ${row.id}`, e);
        }
      }
    })().finally(() => {
      this.running.delete(row.id);
      if (!this.stopping) void this.fill();
    });
    this.running.set(row.id, { row, controller, done });
    return done;
  }

  private async heartbeat() {
    if (this.running.size === 0) return;
    const ids = [...this.running.keys()];
    try {
      const held = new Set(await jobsRepository.extend(this.db, this.workerId, ids, this.opts.leaseMs));
      for (const id of ids) {
        const r = this.running.get(id);
        if (r && !held.has(id)) r.controller.abort(new Error('lease lost'));
      }
    } catch (err) {
      this.opts.log('lease heartbeat failed', err);
    }
  }
}

function toView(r: JobRow) {
  return {
    id: r.id, type: r.type, state: r.state as JobState, attempts: r.attempts, maxAttempts: r.max_attempts,
    runAt: r.run_at, lockedBy: r.locked_by, leaseUntil: r.lease_until, lastError: r.last_error,
    dedupeKey: r.dedupe_key, scheduleName: r.schedule_name, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
