import type { Queryable } from '../db/db.js';
import type { AccountKind, Grant } from './actor.js';

export interface SessionRow {
  id: string;
  account_id: string;
  stage: 'full' | 'mfa' | 'enrol';
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  kind: AccountKind;
  username: string;
  display_name: string;
  org_id: string | null;
  org_path: string | null;
  status: string;
}

export const sessionRepository = {
  async insert(q: Queryable, s: { id: string; accountId: string; stage: string; expiresAt: Date; ip?: string; userAgent?: string }) {
    await q.query(
      `INSERT INTO sessions (id, account_id, stage, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.id, s.accountId, s.stage, s.expiresAt, s.ip ?? null, s.userAgent?.slice(0, 300) ?? null],
    );
  },

  async find(q: Queryable, id: string): Promise<SessionRow | undefined> {
    return q.maybeOne<SessionRow>(
      `SELECT s.id, s.account_id, s.stage, s.created_at, s.last_seen_at, s.expires_at,
              a.kind, a.username, a.display_name, a.org_id, a.status, o.path AS org_path
         FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN orgs o ON o.id = a.org_id
        WHERE s.id = $1`,
      [id],
    );
  },

  async grantsOf(q: Queryable, accountId: string): Promise<Grant[]> {
    const rows = await q.query(
      `SELECT r.code, r.admin_kind, r.permissions, g.org_id, o.path
         FROM grants g JOIN roles r ON r.id = g.role_id JOIN orgs o ON o.id = g.org_id
        WHERE g.account_id = $1 AND o.active`,
      [accountId],
    );
    return rows.map((r) => ({ roleCode: r.code, adminKind: r.admin_kind, permissions: r.permissions, orgId: r.org_id, orgPath: r.path }));
  },

  async touch(q: Queryable, id: string) {
    await q.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [id]);
  },

  async setStage(q: Queryable, id: string, stage: 'full' | 'mfa' | 'enrol') {
    await q.query('UPDATE sessions SET stage = $2, last_seen_at = now() WHERE id = $1', [id, stage]);
  },

  async delete(q: Queryable, id: string) {
    await q.query('DELETE FROM sessions WHERE id = $1', [id]);
  },

  async deleteForAccount(q: Queryable, accountId: string) {
    await q.query('DELETE FROM sessions WHERE account_id = $1', [accountId]);
  },

  async deleteExpired(q: Queryable, idleCutoff: Date) {
    await q.query('DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < $1', [idleCutoff]);
  },
};
