import type { Queryable } from '../db/db.js';

export interface JobRow {
  id: string;
  type: string;
  payload: unknown;
  state: string;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  locked_by: string | null;
  lease_until: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
  schedule_name: string | null;
  created_at: Date;
  updated_at: Date;
}

/** States in which a job is not finished (a dedupe key is taken only by these). */
export const UNFINISHED = `('queued', 'running', 'failed')`;

export const jobsRepository = {
  async insert(q: Queryable, j: { type: string; payload: unknown; runAt: Date | null; maxAttempts: number; dedupeKey: string | null; scheduleName?: string | null }): Promise<string | null> {
    const row = await q.maybeOne<{ id: string }>(
      `INSERT INTO jobs (type, payload, run_at, max_attempts, dedupe_key, schedule_name)
       VALUES ($1, $2::jsonb, coalesce($3::timestamptz, now()), $4, $5, $6)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ${UNFINISHED} DO NOTHING
       RETURNING id`,
      [j.type, JSON.stringify(j.payload ?? {}), j.runAt ? j.runAt.toISOString() : null, j.maxAttempts, j.dedupeKey, j.scheduleName ?? null],
    );
    return row?.id ?? null;
  },

  async insertMany(q: Queryable, type: string, maxAttempts: number, items: { payload: unknown; runAt?: Date | null; dedupeKey?: string | null }[]): Promise<number> {
    const rows = await q.query(
      `INSERT INTO jobs (type, payload, run_at, max_attempts, dedupe_key)
       SELECT $1, p::jsonb, coalesce(r, now()), $2, k FROM unnest($3::text[], $4::timestamptz[], $5::text[]) AS x(p, r, k)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ${UNFINISHED} DO NOTHING
       RETURNING id`,
      [type, maxAttempts, items.map((i) => JSON.stringify(i.payload ?? {})), items.map((i) => i.runAt?.toISOString() ?? null), items.map((i) => i.dedupeKey ?? null)],
    );
    return rows.length;
  },

  async unfinishedByDedupeKey(q: Queryable, key: string): Promise<string | undefined> {
    return (await q.maybeOne<{ id: string }>(`SELECT id FROM jobs WHERE dedupe_key = $1 AND state IN ${UNFINISHED}`, [key]))?.id;
  },

  /** Claims up to `limit` due jobs of the given types for `worker`, with a lease of `leaseMs`. */
  claim(q: Queryable, worker: string, types: string[], limit: number, leaseMs: number): Promise<JobRow[]> {
    return q.query<JobRow>(
      `WITH due AS (
         SELECT id FROM jobs
          WHERE state IN ('queued', 'failed') AND run_at <= now() AND type = ANY($1::text[])
          ORDER BY run_at, id
          LIMIT $2
          FOR UPDATE SKIP LOCKED)
       UPDATE jobs j
          SET state = 'running', attempts = j.attempts + 1, locked_by = $3,
              lease_until = now() + $4 * interval '1 millisecond', updated_at = now()
         FROM due
        WHERE j.id = due.id AND j.state IN ('queued', 'failed')
       RETURNING j.*`,
      [types, limit, worker, leaseMs],
    );
  },

  /** Running jobs whose lease ran out (their process stopped): back to 'failed' for an immediate retry, or 'dead'. */
  async reapExpired(q: Queryable, limit = 100): Promise<number> {
    const rows = await q.query(
      `WITH expired AS (
         SELECT id FROM jobs WHERE state = 'running' AND lease_until < now()
          ORDER BY lease_until LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE jobs j
          SET state = CASE WHEN j.attempts >= j.max_attempts THEN 'dead' ELSE 'failed' END,
              run_at = now(), last_error = 'lease expired: worker ' || coalesce(j.locked_by, '?') || ' stopped before finishing',
              locked_by = NULL, lease_until = NULL, updated_at = now()
         FROM expired
        WHERE j.id = expired.id AND j.state = 'running'
       RETURNING j.id`,
      [limit],
    );
    return rows.length;
  },

  /** Extends the leases of the jobs this worker still holds; returns those it still holds. */
  async extend(q: Queryable, worker: string, ids: string[], leaseMs: number): Promise<string[]> {
    const rows = await q.query<{ id: string }>(
      `UPDATE jobs SET lease_until = now() + $3 * interval '1 millisecond'
        WHERE id = ANY($1::uuid[]) AND locked_by = $2 AND state = 'running' RETURNING id`,
      [ids, worker, leaseMs],
    );
    return rows.map((r) => r.id);
  },

  async succeed(q: Queryable, id: string, worker: string, attempt: number): Promise<boolean> {
    const rows = await q.query(
      `UPDATE jobs SET state = 'succeeded', locked_by = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND attempts = $3 AND state = 'running' RETURNING id`,
      [id, worker, attempt],
    );
    return rows.length === 1;
  },

  async fail(q: Queryable, id: string, worker: string, attempt: number, error: string, delayMs: number): Promise<string | undefined> {
    const row = await q.maybeOne<{ state: string }>(
      `UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'failed' END,
              run_at = now() + $5 * interval '1 millisecond', last_error = $4,
              locked_by = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND attempts = $3 AND state = 'running' RETURNING state`,
      [id, worker, attempt, error.slice(0, 4000), delayMs],
    );
    return row?.state;
  },

  /** Hands a job back unrun (graceful stop): the attempt does not count. */
  async release(q: Queryable, id: string, worker: string, attempt: number): Promise<void> {
    await q.query(
      `UPDATE jobs SET state = 'queued', attempts = attempts - 1, run_at = now(), locked_by = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND attempts = $3 AND state = 'running'`,
      [id, worker, attempt],
    );
  },

  /** Back to the queue for `runAt`, the attempt not counted (the handler asked to run later). */
  async defer(q: Queryable, id: string, worker: string, attempt: number, runAt: Date): Promise<void> {
    await q.query(
      `UPDATE jobs SET state = 'queued', attempts = attempts - 1, run_at = $4, locked_by = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND attempts = $3 AND state = 'running'`,
      [id, worker, attempt, runAt.toISOString()],
    );
  },

  /** Deletes succeeded and cancelled jobs last changed before `before`, a batch at a time; answers how many went. */
  async purgeFinished(q: Queryable, before: Date, limit = 5000): Promise<number> {
    const rows = await q.query(
      `DELETE FROM jobs WHERE id IN (
         SELECT id FROM jobs WHERE state IN ('succeeded', 'cancelled') AND updated_at < $1 LIMIT $2
       ) RETURNING id`,
      [before.toISOString(), limit],
    );
    return rows.length;
  },

  async search(q: Queryable, f: { state?: string; type?: string; limit: number; offset: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.state) { params.push(f.state); where.push(`state = $${params.length}`); }
    if (f.type) { params.push(f.type); where.push(`type = $${params.length}`); }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM jobs ${w}`, params)).n;
    const items = await q.query<JobRow>(
      `SELECT * FROM jobs ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    const counts = await q.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM jobs ${f.type ? 'WHERE type = $1' : ''} GROUP BY state`, f.type ? [f.type] : []);
    return { total, items, counts };
  },

  byId(q: Queryable, id: string) {
    return q.maybeOne<JobRow>('SELECT * FROM jobs WHERE id = $1', [id]);
  },

  setState(q: Queryable, id: string, from: string[], to: 'queued' | 'cancelled') {
    return q.maybeOne<JobRow>(
      `UPDATE jobs SET state = $3, run_at = CASE WHEN $3 = 'queued' THEN now() ELSE run_at END,
              attempts = CASE WHEN $3 = 'queued' THEN 0 ELSE attempts END,
              locked_by = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND state = ANY($2::text[]) RETURNING *`,
      [id, from, to],
    );
  },
};
