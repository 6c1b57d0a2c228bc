import type { Queryable } from '../db/db.js';
import type { MessageStatus, OutboxRow } from './notify.repository.js';

/** SQL of sending one message: its claim and outcome, the attempts history, receipts and the shared rate counters. */
export const deliveryRepository = {
  /**
   * Takes the row for one send: nobody else sends it until `ms` have passed (a worker that dies while
   * talking to the gateway frees it then). Undefined when it is no longer queued or someone else holds it.
   */
  claim(q: Queryable, id: string, ms: number) {
    return q.maybeOne<OutboxRow>(
      `UPDATE notify_outbox SET claimed_until = now() + $2 * interval '1 millisecond'
        WHERE id = $1 AND status = 'queued' AND (claimed_until IS NULL OR claimed_until < now()) RETURNING *`,
      [id, ms],
    );
  },

  async defer(q: Queryable, id: string, until: Date) {
    await q.query(`UPDATE notify_outbox SET deferred_until = $2 WHERE id = $1 AND status = 'queued'`, [id, until.toISOString()]);
  },

  /** Records a send's outcome if the row is still queued (false: someone else already did). */
  async recordOutcome(q: Queryable, id: string, o: { status: MessageStatus; gateway: string; providerId: string | null; error: string | null }): Promise<boolean> {
    const rows = await q.query(
      `UPDATE notify_outbox
          SET status = $2, gateway = $3, provider_id = coalesce($4, provider_id), error = $5, attempts = attempts + 1, claimed_until = NULL,
              deferred_until = CASE WHEN $2 = 'queued' THEN deferred_until END,
              sent_at = CASE WHEN $2 IN ('sent', 'delivered') THEN now() ELSE sent_at END,
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
        WHERE id = $1 AND status = 'queued' RETURNING id`,
      [id, o.status, o.gateway, o.providerId, o.error?.slice(0, 2000) ?? null],
    );
    return rows.length === 1;
  },

  /** Fails a queued message without a send (a limit refused it). */
  async failQueued(q: Queryable, id: string, error: string): Promise<boolean> {
    const rows = await q.query(`UPDATE notify_outbox SET status = 'failed', error = $2, claimed_until = NULL WHERE id = $1 AND status = 'queued' RETURNING id`, [id, error]);
    return rows.length === 1;
  },

  async addAttempt(q: Queryable, outboxId: string, gateway: string, outcome: string, error: string | null) {
    await q.query('INSERT INTO notify_attempts (outbox_id, gateway, outcome, error) VALUES ($1, $2, $3, $4)', [outboxId, gateway, outcome, error?.slice(0, 2000) ?? null]);
  },

  history(q: Queryable, outboxId: string) {
    return q.query<{ at: Date; gateway: string; outcome: string; error: string | null }>(
      'SELECT at, gateway, outcome, error FROM notify_attempts WHERE outbox_id = $1 ORDER BY at, id', [outboxId]);
  },

  /** Stores a receipt once per (gateway, provider id); false when it had come before. */
  async storeReceipt(q: Queryable, r: { gateway: string; providerId: string; status: string; error: string | null; at: Date }): Promise<boolean> {
    const rows = await q.query(
      `INSERT INTO notify_receipts (gateway, provider_id, status, error, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (gateway, provider_id) DO NOTHING RETURNING provider_id`,
      [r.gateway, r.providerId, r.status, r.error?.slice(0, 2000) ?? null, r.at.toISOString()],
    );
    return rows.length === 1;
  },

  /**
   * Applies the stored receipt of (gateway, provider id) to its message: sent → delivered or failed.
   * Returns the message id when one matched (the receipt is then linked to it).
   */
  async applyReceipt(q: Queryable, gateway: string, providerId: string): Promise<string | undefined> {
    const row = await q.maybeOne<{ id: string }>(
      `WITH r AS (SELECT status, error, at FROM notify_receipts WHERE gateway = $1 AND provider_id = $2)
       UPDATE notify_outbox o
          SET status = CASE WHEN o.status = 'sent' THEN r.status ELSE o.status END,
              delivered_at = CASE WHEN o.status = 'sent' AND r.status = 'delivered' THEN r.at ELSE o.delivered_at END,
              error = CASE WHEN o.status = 'sent' AND r.status = 'failed' THEN coalesce(r.error, o.error) ELSE o.error END,
              receipt_at = coalesce(o.receipt_at, r.at)
         FROM r
        WHERE o.gateway = $1 AND o.provider_id = $2 AND o.status IN ('sent', 'delivered', 'failed')
       RETURNING o.id`,
      [gateway, providerId],
    );
    if (row) await q.query('UPDATE notify_receipts SET outbox_id = $3 WHERE gateway = $1 AND provider_id = $2', [gateway, providerId, row.id]);
    return row?.id;
  },

  receiptOf(q: Queryable, outboxId: string) {
    return q.maybeOne<{ status: string; error: string | null; at: Date; received_at: Date }>(
      'SELECT status, error, at, received_at FROM notify_receipts WHERE outbox_id = $1', [outboxId]);
  },

  /**
   * Counts one more use of `key` in the current window of `windowMs` (windows are aligned to the epoch,
   * so every process agrees), returning the count so far and when the window ends.
   */
  async take(q: Queryable, key: string, windowMs: number): Promise<{ count: number; windowEnd: Date }> {
    const row = await q.one<{ count: number; window_end: Date }>(
      `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / $2) * $2 / 1000.0) AS start)
       INSERT INTO notify_rate_counters (key, window_start, count) SELECT $1, start, 1 FROM w
       ON CONFLICT (key, window_start) DO UPDATE SET count = notify_rate_counters.count + 1
       RETURNING count, window_start + $2 * interval '1 millisecond' AS window_end`,
      [key, windowMs],
    );
    return { count: row.count, windowEnd: new Date(row.window_end) };
  },

  async purgeCounters(q: Queryable) {
    await q.query(`DELETE FROM notify_rate_counters WHERE window_start < now() - interval '1 day'`);
  },
};
