import type { Queryable } from '../../kernel/db/db.js';

export interface RoleRow {
  id: string;
  code: string;
  name: string;
  description: string;
  permissions: string[];
  admin_kind: 'system' | 'security' | 'audit' | null;
  builtin: boolean;
  version: number;
  grant_count?: number;
}

const SELECT = `SELECT r.id, r.code, r.name, r.description, r.permissions, r.admin_kind, r.builtin, r.version,
  (SELECT count(*) FROM grants g WHERE g.role_id = r.id)::int AS grant_count FROM roles r`;

export const roleRepository = {
  all(q: Queryable): Promise<RoleRow[]> {
    return q.query<RoleRow>(`${SELECT} ORDER BY r.builtin DESC, r.admin_kind NULLS LAST, r.code`);
  },

  byId(q: Queryable, id: string): Promise<RoleRow | undefined> {
    return q.maybeOne<RoleRow>(`${SELECT} WHERE r.id = $1`, [id]);
  },

  byCode(q: Queryable, code: string): Promise<RoleRow | undefined> {
    return q.maybeOne<RoleRow>(`${SELECT} WHERE r.code = $1`, [code]);
  },

  async insert(q: Queryable, r: { code: string; name: string; description: string; permissions: string[]; adminKind: string | null }): Promise<string> {
    return (await q.one<{ id: string }>(
      'INSERT INTO roles (code, name, description, permissions, admin_kind) VALUES ($1, $2, $3, $4::text[], $5) RETURNING id',
      [r.code, r.name, r.description, r.permissions, r.adminKind],
    )).id;
  },

  /** Creates or refreshes a builtin role (idempotent; safe when several processes start at once). */
  async upsertBuiltin(q: Queryable, r: { code: string; name: string; description: string; permissions: string[]; adminKind: string | null }): Promise<void> {
    await q.query(
      `INSERT INTO roles (code, name, description, permissions, admin_kind, builtin) VALUES ($1, $2, $3, $4::text[], $5, true)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, permissions = EXCLUDED.permissions,
         admin_kind = EXCLUDED.admin_kind, builtin = true, updated_at = now(), version = roles.version + 1
       WHERE roles.permissions IS DISTINCT FROM EXCLUDED.permissions OR roles.name <> EXCLUDED.name
          OR roles.description <> EXCLUDED.description OR roles.admin_kind IS DISTINCT FROM EXCLUDED.admin_kind OR NOT roles.builtin`,
      [r.code, r.name, r.description, r.permissions, r.adminKind],
    );
  },

  update(q: Queryable, id: string, version: number, r: { name: string; description: string; permissions: string[]; adminKind: string | null }) {
    return q.maybeOne<{ id: string }>(
      `UPDATE roles SET name = $3, description = $4, permissions = $5::text[], admin_kind = $6, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND NOT builtin RETURNING id`,
      [id, version, r.name, r.description, r.permissions, r.adminKind],
    );
  },

  async delete(q: Queryable, id: string): Promise<void> {
    await q.query('DELETE FROM roles WHERE id = $1 AND NOT builtin', [id]);
  },
};
