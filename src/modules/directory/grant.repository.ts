import type { Queryable } from '../../kernel/db/db.js';

export interface GrantRow {
  id: string;
  account_id: string;
  username: string;
  display_name: string;
  role_id: string;
  role_code: string;
  role_name: string;
  admin_kind: 'system' | 'security' | 'audit' | null;
  org_id: string;
  org_name: string;
  org_path: string;
  granted_by: string | null;
  granted_at: Date;
}

const SELECT = `SELECT g.id, g.account_id, a.username, a.display_name, g.role_id, r.code AS role_code, r.name AS role_name, r.admin_kind,
  g.org_id, o.name AS org_name, o.path AS org_path, g.granted_by, g.granted_at
  FROM grants g JOIN accounts a ON a.id = g.account_id JOIN roles r ON r.id = g.role_id JOIN orgs o ON o.id = g.org_id`;

export const grantRepository = {
  byId(q: Queryable, id: string): Promise<GrantRow | undefined> {
    return q.maybeOne<GrantRow>(`${SELECT} WHERE g.id = $1`, [id]);
  },

  ofAccount(q: Queryable, accountId: string): Promise<GrantRow[]> {
    return q.query<GrantRow>(`${SELECT} WHERE g.account_id = $1 ORDER BY o.path, r.code`, [accountId]);
  },

  /** Grants whose scope root lies in the caller's scope. */
  inScope(q: Queryable, patterns: string[], f: { accountId?: string; orgId?: string; roleId?: string; limit: number; offset: number }): Promise<GrantRow[]> {
    const where = ['o.path LIKE ANY($1::text[])'];
    const params: unknown[] = [patterns];
    if (f.accountId) { params.push(f.accountId); where.push(`g.account_id = $${params.length}`); }
    if (f.orgId) { params.push(f.orgId); where.push(`g.org_id = $${params.length}`); }
    if (f.roleId) { params.push(f.roleId); where.push(`g.role_id = $${params.length}`); }
    return q.query<GrantRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.username, o.path, r.code LIMIT ${f.limit} OFFSET ${f.offset}`, params);
  },

  async insert(q: Queryable, g: { accountId: string; roleId: string; orgId: string; grantedBy: string | null }): Promise<string> {
    const row = await q.one<{ id: string }>(
      'INSERT INTO grants (account_id, role_id, org_id, granted_by) VALUES ($1, $2, $3, $4) RETURNING id',
      [g.accountId, g.roleId, g.orgId, g.grantedBy],
    );
    return row.id;
  },

  async delete(q: Queryable, id: string): Promise<void> {
    await q.query('DELETE FROM grants WHERE id = $1', [id]);
  },

  async countForRole(q: Queryable, roleId: string): Promise<number> {
    return (await q.one<{ n: number }>('SELECT count(*)::int AS n FROM grants WHERE role_id = $1', [roleId])).n;
  },

  /**
   * Serialises grant changes of one account, so that two concurrent grants cannot together give it two
   * kinds of administrator role (each alone would pass the check).
   */
  async lockAccount(q: Queryable, accountId: string): Promise<void> {
    await q.query('SELECT id FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
  },
};
