import type { Db, Queryable } from '../db/db.js';

export const notifyRepository = {
  async insert(q: Queryable, m: { channel: string; accountId: string | null; recipientEnc: string; recipientMasked: string; template: string; locale: string; body: string }) {
    const row = await q.one<{ id: string }>(
      `INSERT INTO notify_outbox (channel, account_id, recipient_enc, recipient_masked, template, locale, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [m.channel, m.accountId, m.recipientEnc, m.recipientMasked, m.template, m.locale, m.body],
    );
    return row.id;
  },

  async claimQueued(q: Queryable, limit: number) {
    return q.query(
      `SELECT id, channel, recipient_enc, body, template, locale FROM notify_outbox WHERE status = 'queued'
        ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  },

  async markResult(q: Queryable, id: string, gateway: string, status: string, error: string | null) {
    await q.query(
      `UPDATE notify_outbox SET status = $3, gateway = $2, error = $4, attempts = attempts + 1, sent_at = now() WHERE id = $1`,
      [id, gateway, status, error],
    );
  },

  async search(db: Db, f: { channel?: string; status?: string; recipient?: string; limit: number; offset: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, v: unknown) => { params.push(v); where.push(clause.replaceAll('?', `$${params.length}`)); };
    if (f.channel) add('channel = ?', f.channel);
    if (f.status) add('status = ?', f.status);
    if (f.recipient) add('recipient_masked LIKE ?', `%${f.recipient}%`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM notify_outbox ${w}`, params);
    const items = await db.query(
      `SELECT id, channel, account_id, recipient_masked, template, locale, body, status, gateway, attempts, error, created_at, sent_at
         FROM notify_outbox ${w} ORDER BY created_at DESC LIMIT ${Number(f.limit)} OFFSET ${Number(f.offset)}`,
      params,
    );
    return { total: total.n, items };
  },

  async latestByMasked(db: Db, masked: string, template?: string) {
    return db.query(
      `SELECT id, recipient_enc, body, template, created_at FROM notify_outbox
        WHERE recipient_masked = $1 AND ($2::text IS NULL OR template = $2) ORDER BY created_at DESC LIMIT 20`,
      [masked, template ?? null],
    );
  },
};
