import type { Queryable } from '../../kernel/db/db.js';

export interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  org_id: string | null;
  org_name: string | null;
  org_path: string | null;
  position: string | null;
  phone_enc: string | null;
  email: string | null;
  status: 'active' | 'disabled';
  locked_until: Date | null;
  totp_enrolled_at: Date | null;
  created_at: Date;
  version: number;
}

const SELECT = `SELECT a.id, a.username, a.display_name, a.org_id, o.name AS org_name, o.path AS org_path, a.position, a.phone_enc,
  a.email, a.status, a.locked_until, a.totp_enrolled_at, a.created_at, a.version
  FROM accounts a LEFT JOIN orgs o ON o.id = a.org_id`;

/** SQL on staff accounts; lists always take the caller's org scope as LIKE patterns. */
export const staffRepository = {
  byId(q: Queryable, id: string): Promise<StaffRow | undefined> {
    return q.maybeOne<StaffRow>(`${SELECT} WHERE a.id = $1 AND a.kind = 'staff'`, [id]);
  },

  async search(q: Queryable, patterns: string[], f: { orgId?: string; text?: string; phoneHash?: string; status?: string; limit: number; offset: number }) {
    const where = [`a.kind = 'staff'`, 'o.path LIKE ANY($1::text[])'];
    const params: unknown[] = [patterns];
    if (f.orgId) { params.push(f.orgId); where.push(`o.path LIKE (SELECT path FROM orgs WHERE id = $${params.length}) || '%'`); }
    if (f.status) { params.push(f.status); where.push(`a.status = $${params.length}`); }
    if (f.text) {
      params.push(`%${f.text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
      const text = `(a.username LIKE $${params.length} OR lower(a.display_name) LIKE $${params.length} OR lower(coalesce(a.position, '')) LIKE $${params.length}`;
      if (f.phoneHash) { params.push(f.phoneHash); where.push(`${text} OR a.phone_hash = $${params.length})`); } else where.push(`${text})`);
    }
    const cond = where.join(' AND ');
    const total = (await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM accounts a LEFT JOIN orgs o ON o.id = a.org_id WHERE ${cond}`, params)).n;
    const items = await q.query<StaffRow>(`${SELECT} WHERE ${cond} ORDER BY o.path, a.username LIMIT ${f.limit} OFFSET ${f.offset}`, params);
    return { items, total };
  },

  update(q: Queryable, id: string, version: number, f: { displayName: string; position: string | null; orgId: string | null; phoneEnc: string | null; phoneHash: string | null; email: string | null; status: string }) {
    return q.maybeOne<{ id: string }>(
      `UPDATE accounts SET display_name = $3, position = $4, org_id = $5, phone_enc = $6, phone_hash = $7, email = $8, status = $9,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND kind = 'staff' RETURNING id`,
      [id, version, f.displayName, f.position, f.orgId, f.phoneEnc, f.phoneHash, f.email, f.status],
    );
  },

  async phoneHashesTaken(q: Queryable, hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const rows = await q.query<{ phone_hash: string }>(`SELECT phone_hash FROM accounts WHERE kind = 'staff' AND phone_hash = ANY($1::text[])`, [hashes]);
    return new Set(rows.map((r) => r.phone_hash));
  },

  async usernamesTaken(q: Queryable, usernames: string[]): Promise<Set<string>> {
    if (usernames.length === 0) return new Set();
    const rows = await q.query<{ username: string }>('SELECT username FROM accounts WHERE username = ANY($1::text[])', [usernames]);
    return new Set(rows.map((r) => r.username));
  },

  /** The admin kinds (三员) an account holds through its grants. */
  async adminKinds(q: Queryable, accountId: string): Promise<string[]> {
    const rows = await q.query<{ admin_kind: string }>(
      'SELECT DISTINCT r.admin_kind FROM grants g JOIN roles r ON r.id = g.role_id WHERE g.account_id = $1 AND r.admin_kind IS NOT NULL', [accountId]);
    return rows.map((r) => r.admin_kind);
  },
};
