import type { Queryable } from '../db/db.js';

export interface InboxRow {
  id: string;
  event: string | null;
  category: string | null;
  subject: string | null;
  body: string;
  link: string | null;
  urgent: boolean;
  created_at: Date;
  read_at: Date | null;
}

/** The in-app inbox (outbox rows of channel 'inapp') and each person's channel choices; every query takes the owner. */
export const inboxRepository = {
  async page(q: Queryable, accountId: string, f: { unread?: boolean; limit: number; offset: number }) {
    const filter = f.unread === true ? 'AND read_at IS NULL' : f.unread === false ? 'AND read_at IS NOT NULL' : '';
    const total = await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM notify_outbox WHERE account_id = $1 AND channel = 'inapp' ${filter}`, [accountId]);
    const items = await q.query<InboxRow>(
      `SELECT id, event, category, subject, body, link, urgent, created_at, read_at FROM notify_outbox
        WHERE account_id = $1 AND channel = 'inapp' ${filter} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [accountId, f.limit, f.offset],
    );
    return { total: total.n, items };
  },

  async unread(q: Queryable, accountId: string): Promise<number> {
    return (await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM notify_outbox WHERE account_id = $1 AND channel = 'inapp' AND read_at IS NULL`, [accountId])).n;
  },

  markRead(q: Queryable, accountId: string, id: string) {
    return q.maybeOne<{ id: string; read_at: Date }>(
      `UPDATE notify_outbox SET read_at = coalesce(read_at, now()) WHERE id = $1 AND account_id = $2 AND channel = 'inapp' RETURNING id, read_at`,
      [id, accountId],
    );
  },

  async markAllRead(q: Queryable, accountId: string): Promise<number> {
    const rows = await q.query(`UPDATE notify_outbox SET read_at = now() WHERE account_id = $1 AND channel = 'inapp' AND read_at IS NULL RETURNING id`, [accountId]);
    return rows.length;
  },

  contact(q: Queryable, accountId: string) {
    return q.maybeOne<{ kind: 'staff' | 'citizen' | 'enterprise'; phone_enc: string | null; phone_hash: string | null; email: string | null }>(
      'SELECT kind, phone_enc, phone_hash, email FROM accounts WHERE id = $1', [accountId]);
  },

  choices(q: Queryable, accountId: string) {
    return q.query<{ category: string; channel: 'sms' | 'email'; enabled: boolean }>('SELECT category, channel, enabled FROM notify_preferences WHERE account_id = $1', [accountId]);
  },

  async setChoice(q: Queryable, accountId: string, category: string, channel: 'sms' | 'email', enabled: boolean) {
    await q.query(
      `INSERT INTO notify_preferences (account_id, category, channel, enabled) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, category, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
      [accountId, category, channel, enabled],
    );
  },

  async isOptedOut(q: Queryable, phoneHash: string): Promise<boolean> {
    return !!(await q.maybeOne('SELECT 1 FROM notify_sms_optouts WHERE phone_hash = $1', [phoneHash]));
  },

  async optOut(q: Queryable, phoneHash: string, source: string) {
    await q.query('INSERT INTO notify_sms_optouts (phone_hash, source) VALUES ($1, $2) ON CONFLICT (phone_hash) DO NOTHING', [phoneHash, source]);
  },

  async optIn(q: Queryable, phoneHash: string) {
    await q.query('DELETE FROM notify_sms_optouts WHERE phone_hash = $1', [phoneHash]);
  },

  accountsWithPhone(q: Queryable, phoneHash: string) {
    return q.query<{ id: string; username: string; org_id: string | null }>(`SELECT id, username, org_id FROM accounts WHERE phone_hash = $1 AND status = 'active'`, [phoneHash]);
  },
};
