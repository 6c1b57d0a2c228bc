import type { Queryable } from '../db/db.js';
import type { Channel } from './gateway.js';

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed';

export interface OutboxRow {
  id: string;
  request_id: string | null;
  channel: Channel;
  account_id: string | null;
  recipient_enc: string | null;
  recipient_masked: string;
  recipient_hash: string | null;
  template: string;
  event: string | null;
  category: string | null;
  locale: string;
  subject: string | null;
  body: string;
  link: string | null;
  params: Record<string, unknown> | null;
  status: MessageStatus;
  urgent: boolean;
  confidential: boolean;
  gateway: string | null;
  provider_id: string | null;
  attempts: number;
  error: string | null;
  deferred_until: Date | null;
  claimed_until: Date | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  receipt_at: Date | null;
  read_at: Date | null;
}

export interface NewMessage {
  requestId: string;
  channel: Channel;
  accountId: string | null;
  recipientEnc: string | null;
  recipientMasked: string;
  recipientHash: string;
  event: string;
  category: string;
  locale: string;
  subject: string | null;
  body: string;
  link: string | null;
  params: Record<string, unknown>;
  urgent: boolean;
  confidential: boolean;
  /** In-app messages are delivered by being written. */
  status: 'queued' | 'delivered';
  deferredUntil: Date | null;
}

export interface RequestRow {
  id: string;
  event: string;
  category: string;
  audience: unknown[];
  params: Record<string, unknown> | null;
  link: string | null;
  urgent: boolean;
  locale: string | null;
  bulk: boolean;
  expanded: boolean;
  expand_cursor: { part: number; after: string | null } | null;
  created_by: string | null;
  created_at: Date;
  expanded_at: Date | null;
}

/** SQL of the outbox, requests, attempts, receipts and the shared rate counters. */
export const notifyRepository = {
  async insertRequest(q: Queryable, r: { event: string; category: string; audience: unknown[]; params: Record<string, unknown> | null; link: string | null; urgent: boolean; locale: string | null; bulk: boolean; createdBy: string | null }): Promise<string> {
    const row = await q.one<{ id: string }>(
      `INSERT INTO notify_requests (event, category, audience, params, link, urgent, locale, bulk, expanded, expand_cursor, created_by, expanded_at)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8, NOT $8, CASE WHEN $8 THEN '{"part":0,"after":null}'::jsonb END, $9, CASE WHEN NOT $8 THEN now() END)
       RETURNING id`,
      [r.event, r.category, JSON.stringify(r.audience), r.params ? JSON.stringify(r.params) : null, r.link, r.urgent, r.locale, r.bulk, r.createdBy],
    );
    return row.id;
  },

  /** Locks the request while one chunk of its audience is expanded (a second worker waits, then sees the new cursor). */
  requestForUpdate(q: Queryable, id: string) {
    return q.maybeOne<RequestRow>('SELECT * FROM notify_requests WHERE id = $1 FOR UPDATE', [id]);
  },

  async advanceRequest(q: Queryable, id: string, cursor: { part: number; after: string | null } | null) {
    await q.query(
      `UPDATE notify_requests SET expand_cursor = $2::jsonb, expanded = ($2::jsonb IS NULL),
              expanded_at = CASE WHEN $2::jsonb IS NULL THEN now() END WHERE id = $1`,
      [id, cursor ? JSON.stringify(cursor) : null],
    );
  },

  /** Writes messages, skipping any a person already has from this request on this channel; returns the new rows. */
  async insertMessages(q: Queryable, rows: NewMessage[]): Promise<{ id: string; channel: Channel; status: string; deferred_until: Date | null }[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof NewMessage>(k: K) => rows.map((r) => r[k]);
    return q.query(
      `INSERT INTO notify_outbox (request_id, channel, account_id, recipient_enc, recipient_masked, recipient_hash, template, event, category, locale,
                                  subject, body, link, params, urgent, confidential, status, deferred_until, gateway, sent_at, delivered_at)
       SELECT r, c, a, e, m, h, ev, ev, cat, l, s, b, lk, p::jsonb, u, cf, st, d,
              CASE WHEN st = 'delivered' THEN 'inbox' END, CASE WHEN st = 'delivered' THEN now() END, CASE WHEN st = 'delivered' THEN now() END
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[], $15::boolean[], $16::text[], $17::timestamptz[])
              AS x(r, c, a, e, m, h, ev, cat, l, s, b, lk, p, u, cf, st, d)
       ON CONFLICT (request_id, channel, recipient_hash) DO NOTHING
       RETURNING id, channel, status, deferred_until`,
      [col('requestId'), col('channel'), col('accountId'), col('recipientEnc'), col('recipientMasked'), col('recipientHash'), col('event'),
        col('category'), col('locale'), col('subject'), col('body'), col('link'), rows.map((r) => JSON.stringify(r.params)), col('urgent'),
        col('confidential'), col('status'), rows.map((r) => r.deferredUntil?.toISOString() ?? null)],
    );
  },

  byId(q: Queryable, id: string) {
    return q.maybeOne<OutboxRow>('SELECT * FROM notify_outbox WHERE id = $1', [id]);
  },

  /** A failed message back in the queue (an administrator's retry). */
  async requeue(q: Queryable, id: string): Promise<OutboxRow | undefined> {
    return q.maybeOne<OutboxRow>(
      `UPDATE notify_outbox SET status = 'queued', deferred_until = NULL, claimed_until = NULL WHERE id = $1 AND status = 'failed' AND channel <> 'inapp' RETURNING *`,
      [id],
    );
  },

  /** The latest SMS sent to a number within `days`: its event decides which module a reply goes to. */
  latestSmsTo(q: Queryable, phoneHash: string, days: number) {
    return q.maybeOne<{ id: string; event: string | null; request_id: string | null; account_id: string | null }>(
      `SELECT id, event, request_id, account_id FROM notify_outbox
        WHERE recipient_hash = $1 AND channel = 'sms' AND status IN ('sent', 'delivered') AND created_at > now() - $2 * interval '1 day'
        ORDER BY created_at DESC LIMIT 1`,
      [phoneHash, days],
    );
  },

  latestTo(q: Queryable, recipientHash: string, template?: string) {
    return q.maybeOne<OutboxRow>(
      `SELECT * FROM notify_outbox WHERE recipient_hash = $1 AND ($2::text IS NULL OR template = $2 OR event = $2)
        ORDER BY created_at DESC LIMIT 1`,
      [recipientHash, template ?? null],
    );
  },
};
