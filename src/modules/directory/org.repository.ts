import type { Queryable } from '../../kernel/db/db.js';

export type OrgKind = 'government' | 'department' | 'division' | 'window' | 'town' | 'village' | 'other';
export const ORG_KINDS: OrgKind[] = ['government', 'department', 'division', 'window', 'town', 'village', 'other'];

export interface OrgRow {
  id: string;
  parent_id: string | null;
  path: string;
  code: string;
  name: string;
  short_name: string | null;
  kind: OrgKind;
  region_code: string | null;
  sort: number;
  active: boolean;
  version: number;
}

/** A new organisation as a caller describes it. */
export interface NewOrgInput {
  parentId?: string | null;
  code: string;
  name: string;
  shortName?: string | null;
  kind: OrgKind;
  regionCode?: string | null;
  sort?: number;
}

/** What the service asked for, placed in the tree: its id, its parent and its materialised path. */
export type NewOrg = Omit<NewOrgInput, 'parentId'> & { id: string; parentId: string | null; path: string };

const COLUMNS = 'id, parent_id, path, code, name, short_name, kind, region_code, sort, active, version';

/** SQL on the kernel's `orgs` table. Every read that lists takes the caller's scope as LIKE patterns. */
export const orgRepository = {
  byId(q: Queryable, id: string): Promise<OrgRow | undefined> {
    return q.maybeOne<OrgRow>(`SELECT ${COLUMNS} FROM orgs WHERE id = $1`, [id]);
  },

  byCode(q: Queryable, code: string): Promise<OrgRow | undefined> {
    return q.maybeOne<OrgRow>(`SELECT ${COLUMNS} FROM orgs WHERE code = $1`, [code]);
  },

  async byCodes(q: Queryable, codes: string[]): Promise<Map<string, OrgRow>> {
    if (codes.length === 0) return new Map();
    const rows = await q.query<OrgRow>(`SELECT ${COLUMNS} FROM orgs WHERE code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((r) => [r.code, r]));
  },

  /** Every org within the scope, parents before children. */
  inScope(q: Queryable, patterns: string[]): Promise<OrgRow[]> {
    return q.query<OrgRow>(`SELECT ${COLUMNS} FROM orgs WHERE path LIKE ANY($1::text[]) ORDER BY length(path), sort, code`, [patterns]);
  },

  async search(q: Queryable, patterns: string[], f: { parentId?: string; text?: string; kind?: string; limit: number; offset: number }): Promise<{ items: OrgRow[]; total: number }> {
    const where = ['path LIKE ANY($1::text[])'];
    const params: unknown[] = [patterns];
    if (f.parentId) { params.push(f.parentId); where.push(`parent_id = $${params.length}`); }
    if (f.kind) { params.push(f.kind); where.push(`kind = $${params.length}`); }
    if (f.text) { params.push(`%${f.text.replace(/[\\%_]/g, '\\$&')}%`); where.push(`(name LIKE $${params.length} OR code LIKE $${params.length})`); }
    const sql = `FROM orgs WHERE ${where.join(' AND ')}`;
    const total = (await q.one<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, params)).n;
    const items = await q.query<OrgRow>(`SELECT ${COLUMNS} ${sql} ORDER BY length(path), sort, code LIMIT ${f.limit} OFFSET ${f.offset}`, params);
    return { items, total };
  },

  async insert(q: Queryable, o: NewOrg): Promise<OrgRow> {
    return q.one<OrgRow>(
      `INSERT INTO orgs (id, parent_id, path, code, name, short_name, kind, region_code, sort)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [o.id, o.parentId, o.path, o.code, o.name, o.shortName ?? null, o.kind, o.regionCode ?? null, o.sort ?? 0],
    );
  },

  /** Many orgs in few statements (demo seed); rows must come parents first. */
  async insertMany(q: Queryable, rows: NewOrg[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) {
      const params: unknown[] = [];
      const values = rows.slice(i, i + 100).map((o) => {
        params.push(o.id, o.parentId, o.path, o.code, o.name, o.shortName ?? null, o.kind, o.regionCode ?? null, o.sort ?? 0);
        const n = params.length;
        return `($${n - 8}::uuid, $${n - 7}::uuid, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::int)`;
      });
      await q.query(`INSERT INTO orgs (id, parent_id, path, code, name, short_name, kind, region_code, sort) VALUES ${values.join(', ')}`, params);
    }
  },

  /** Updates the given fields when the version matches; undefined when someone changed it first. */
  update(q: Queryable, id: string, version: number, f: { parentId: string | null; path: string; name: string; shortName: string | null; kind: OrgKind; regionCode: string | null; sort: number; active: boolean }): Promise<OrgRow | undefined> {
    return q.maybeOne<OrgRow>(
      `UPDATE orgs SET parent_id = $3, path = $4, name = $5, short_name = $6, kind = $7, region_code = $8, sort = $9, active = $10,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
      [id, version, f.parentId, f.path, f.name, f.shortName, f.kind, f.regionCode, f.sort, f.active],
    );
  },

  /** Re-roots the descendants of a moved org (its own row is updated separately). */
  async movePaths(q: Queryable, oldPath: string, newPath: string): Promise<number> {
    const rows = await q.query(
      `UPDATE orgs SET path = $2 || substr(path, length($1) + 1), updated_at = now()
        WHERE path LIKE $3 AND path <> $1 RETURNING id`,
      [oldPath, newPath, `${oldPath}%`],
    );
    return rows.length;
  },
};
