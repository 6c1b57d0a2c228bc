import type { Queryable } from '../../kernel/db/db.js';

export interface SmsCodeRow {
  id: string;
  code_hash: string;
  attempts: number;
  expires_at: Date;
  consumed_at: Date | null;
}

export const smsCodeRepository = {
  /** Serialises sends to one phone across processes, so two quick requests cannot both pass the rate limit. */
  async lockPhone(q: Queryable, phoneHash: string) {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sms:${phoneHash}`]);
  },

  /** When the last code went to this phone, and how many went in the last 24 hours. */
  async recentCounts(q: Queryable, phoneHash: string): Promise<{ lastSentAt: Date | null; today: number }> {
    const row = await q.one(
      `SELECT max(created_at) AS last, count(*)::int AS today
         FROM identity_sms_codes WHERE phone_hash = $1 AND created_at > now() - interval '1 day'`,
      [phoneHash],
    );
    return { lastSentAt: row.last ? new Date(row.last) : null, today: row.today };
  },

  async insert(q: Queryable, c: { id: string; phoneHash: string; purpose: string; codeHash: string; validMinutes: number; ip: string | null }) {
    await q.query(
      `INSERT INTO identity_sms_codes (id, phone_hash, purpose, code_hash, expires_at, ip)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5), $6)`,
      [c.id, c.phoneHash, c.purpose, c.codeHash, c.validMinutes, c.ip],
    );
  },

  /** The newest code for this phone and purpose, locked; older codes are superseded by a newer one. */
  async latestForUpdate(q: Queryable, phoneHash: string, purpose: string): Promise<(SmsCodeRow & { expired: boolean }) | undefined> {
    return q.maybeOne(
      `SELECT id, code_hash, attempts, expires_at, consumed_at, expires_at <= now() AS expired
         FROM identity_sms_codes WHERE phone_hash = $1 AND purpose = $2
        ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [phoneHash, purpose],
    );
  },

  async countAttempt(q: Queryable, id: string) {
    await q.query('UPDATE identity_sms_codes SET attempts = attempts + 1 WHERE id = $1', [id]);
  },

  async consume(q: Queryable, id: string) {
    await q.query('UPDATE identity_sms_codes SET consumed_at = now(), attempts = attempts + 1 WHERE id = $1', [id]);
  },
};
