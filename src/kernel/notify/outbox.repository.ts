import type { Queryable } from '../db/db.js';
import type { OutboxRow, RequestRow } from './notify.repository.js';

export interface OutboxFilter {
  channel?: string;
  status?: string;
  event?: string;
  /** Exact keyed digest of a phone or address, or a fragment of the masked recipient. */
  recipientHash?: string;
  recipientMasked?: string;
  from?: Date;
  to?: Date;
  requestId?: string;
  limit: number;
  offset: number;
}

export interface Progress { request_id: string; recipients: number; queued: number; sent: number; delivered: number; failed: number }

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What administrators search: messages, bulk requests and their progress; plus the look-ups announcements need. */
export const outboxRepository = {
  async search(q: Queryable, f: OutboxFilter) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, v: unknown) => { params.push(v); where.push(clause.replaceAll('?', `$${params.length}`)); };
    if (f.channel) add('channel = ?', f.channel);
    if (f.status) add('status = ?', f.status);
    if (f.event) add('event = ?', f.event);
    if (f.recipientHash) add('recipient_hash = ?', f.recipientHash);
    if (f.recipientMasked) add(`recipient_masked LIKE ? ESCAPE '\\'`, `%${likeEscape(f.recipientMasked)}%`);
    if (f.from) add('created_at >= ?', f.from.toISOString());
    if (f.to) add('created_at < ?', f.to.toISOString());
    if (f.requestId) add('request_id = ?', f.requestId);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM notify_outbox ${w}`, params);
    const items = await q.query<OutboxRow>(
      `SELECT * FROM notify_outbox ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { total: total.n, items };
  },

  async bulkRequests(q: Queryable, limit: number, offset: number) {
    const total = await q.one<{ n: number }>('SELECT count(*)::int AS n FROM notify_requests WHERE bulk');
    const items = await q.query<RequestRow & { created_by_name: string | null }>(
      `SELECT r.*, a.display_name AS created_by_name FROM notify_requests r LEFT JOIN accounts a ON a.id = r.created_by
        WHERE r.bulk ORDER BY r.created_at DESC, r.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return { total: total.n, items };
  },

  request(q: Queryable, id: string) {
    return q.maybeOne<RequestRow & { created_by_name: string | null }>(
      'SELECT r.*, a.display_name AS created_by_name FROM notify_requests r LEFT JOIN accounts a ON a.id = r.created_by WHERE r.id = $1', [id]);
  },

  /** Per request: the people reached (accounts or contacts) and the messages in each state. */
  progress(q: Queryable, ids: string[]) {
    return q.query<Progress>(
      `SELECT request_id, count(DISTINCT coalesce(account_id::text, recipient_hash))::int AS recipients,
              count(*) FILTER (WHERE status = 'queued')::int AS queued, count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status = 'delivered')::int AS delivered, count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM notify_outbox WHERE request_id = ANY($1::uuid[]) GROUP BY request_id`,
      [ids],
    );
  },

  orgs(q: Queryable, ids: string[]) {
    return q.query<{ id: string; name: string; path: string }>('SELECT id, name, path FROM orgs WHERE id = ANY($1::uuid[])', [ids]);
  },

  roles(q: Queryable, codes: string[]) {
    return q.query<{ code: string; name: string }>('SELECT code, name FROM roles WHERE code = ANY($1::text[])', [codes]);
  },
};
