import type { Queryable } from '../../kernel/db/db.js';
import type { AccountRow } from '../../kernel/auth/account.repository.js';
import type { AccountKind } from '../../kernel/auth/actor.js';

/** SQL of the identity module on the kernel's account tables (sign-in state, profile, admin search). */
export const identityRepository = {
  async lockForUpdate(q: Queryable, id: string): Promise<AccountRow | undefined> {
    return q.maybeOne<AccountRow>('SELECT * FROM accounts WHERE id = $1 FOR UPDATE', [id]);
  },

  /**
   * Counts one failed sign-in in one statement (safe under concurrent attempts). A lock that has run
   * out starts a fresh count; reaching the threshold locks the account for `minutes`.
   */
  async countFailure(q: Queryable, id: string, threshold: number, minutes: number): Promise<{ failed_logins: number; locked_until: Date | null }> {
    return q.one(
      `WITH cur AS (
         SELECT id, CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 0 ELSE failed_logins END + 1 AS n,
                CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN NULL ELSE locked_until END AS still_locked
           FROM accounts WHERE id = $1)
       UPDATE accounts a SET failed_logins = cur.n,
              locked_until = CASE WHEN cur.n >= $2 THEN now() + make_interval(mins => $3) ELSE cur.still_locked END
         FROM cur WHERE a.id = cur.id
       RETURNING a.failed_logins, a.locked_until`,
      [id, threshold, minutes],
    );
  },

  async clearFailures(q: Queryable, id: string) {
    await q.query('UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)', [id]);
  },

  async setTotp(q: Queryable, id: string, secretEnc: string, step: number) {
    await q.query(
      'UPDATE accounts SET totp_secret_enc = $2, totp_enrolled_at = now(), totp_last_step = $3, updated_at = now(), version = version + 1 WHERE id = $1',
      [id, secretEnc, step],
    );
  },

  /** Records the used time step; false when it was already used (a replayed code). */
  async useTotpStep(q: Queryable, id: string, step: number): Promise<boolean> {
    const rows = await q.query('UPDATE accounts SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id', [id, step]);
    return rows.length === 1;
  },

  async savePendingTotp(q: Queryable, accountId: string, secretEnc: string) {
    await q.query(
      `INSERT INTO identity_totp_pending (account_id, secret_enc) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, created_at = now()`,
      [accountId, secretEnc],
    );
  },

  async pendingTotp(q: Queryable, accountId: string): Promise<{ secret_enc: string; created_at: Date } | undefined> {
    return q.maybeOne('SELECT secret_enc, created_at FROM identity_totp_pending WHERE account_id = $1', [accountId]);
  },

  async deletePendingTotp(q: Queryable, accountId: string) {
    await q.query('DELETE FROM identity_totp_pending WHERE account_id = $1', [accountId]);
  },

  async setPassword(q: Queryable, id: string, hash: string) {
    await q.query('UPDATE accounts SET password_hash = $2, password_changed_at = now(), updated_at = now(), version = version + 1 WHERE id = $1', [id, hash]);
  },

  /** Unbinds the authenticator: the next staff sign-in must enrol a new one. */
  async clearTotp(q: Queryable, id: string) {
    await q.query('UPDATE accounts SET totp_secret_enc = NULL, totp_enrolled_at = NULL, totp_last_step = NULL, updated_at = now(), version = version + 1 WHERE id = $1', [id]);
    await q.query('DELETE FROM identity_totp_pending WHERE account_id = $1', [id]);
  },

  async endOtherSessions(q: Queryable, accountId: string, keepSessionId: string) {
    await q.query('DELETE FROM sessions WHERE account_id = $1 AND id <> $2', [accountId, keepSessionId]);
  },

  async updateProfile(q: Queryable, id: string, email: string | null, profile: Record<string, unknown>) {
    await q.query(
      'UPDATE accounts SET email = $2, profile = $3, updated_at = now(), version = version + 1 WHERE id = $1',
      [id, email, JSON.stringify(profile)],
    );
  },

  async orgName(q: Queryable, orgId: string | null): Promise<string | null> {
    if (!orgId) return null;
    const row = await q.maybeOne<{ name: string }>('SELECT name FROM orgs WHERE id = $1', [orgId]);
    return row?.name ?? null;
  },

  async grantsWithNames(q: Queryable, accountId: string) {
    return q.query<{ role_code: string; role_name: string; admin_kind: string | null; permissions: string[]; org_id: string; org_name: string; at_root: boolean }>(
      `SELECT r.code AS role_code, r.name AS role_name, r.admin_kind, r.permissions, g.org_id, o.name AS org_name, o.parent_id IS NULL AS at_root
         FROM grants g JOIN roles r ON r.id = g.role_id JOIN orgs o ON o.id = g.org_id
        WHERE g.account_id = $1 AND o.active ORDER BY r.code, o.path`,
      [accountId],
    );
  },

  /**
   * The security administrator's account list. Staff are limited to the given org-path prefixes;
   * citizens and enterprises appear only when `publicAccounts` is true (an administrator of the whole city).
   */
  async search(q: Queryable, f: {
    staffScopes: string[]; publicAccounts: boolean; kind?: AccountKind; text?: string; phoneHash?: string; idNumberHash?: string;
    lockedOnly: boolean; limit: number; offset: number;
  }) {
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    const visible = [`(a.kind = 'staff' AND o.path LIKE ANY(${p(f.staffScopes.map((s) => `${s}%`))}::text[]))`];
    if (f.publicAccounts) visible.push(`a.kind IN ('citizen', 'enterprise')`);
    const where = [`(${visible.join(' OR ')})`];
    if (f.kind) where.push(`a.kind = ${p(f.kind)}`);
    if (f.lockedOnly) where.push('a.locked_until > now()');
    if (f.text) {
      const like = p(`%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const alternatives = [`a.username ILIKE ${like}`, `a.display_name ILIKE ${like}`, `a.credit_code ILIKE ${like}`];
      if (f.phoneHash) alternatives.push(`a.phone_hash = ${p(f.phoneHash)}`);
      if (f.idNumberHash) alternatives.push(`a.id_number_hash = ${p(f.idNumberHash)}`);
      where.push(`(${alternatives.join(' OR ')})`);
    }
    const from = `FROM accounts a LEFT JOIN orgs o ON o.id = a.org_id WHERE ${where.join(' AND ')}`;
    const total = await q.one<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
    const items = await q.query<AccountRow & { org_name: string | null; org_path: string | null; locked: boolean }>(
      `SELECT a.*, o.name AS org_name, o.path AS org_path, coalesce(a.locked_until > now(), false) AS locked ${from}
        ORDER BY a.kind, a.username LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
      params,
    );
    return { total: total.n, items };
  },

  async withOrgPath(q: Queryable, id: string): Promise<(AccountRow & { org_path: string | null }) | undefined> {
    return q.maybeOne('SELECT a.*, o.path AS org_path FROM accounts a LEFT JOIN orgs o ON o.id = a.org_id WHERE a.id = $1', [id]);
  },

};
