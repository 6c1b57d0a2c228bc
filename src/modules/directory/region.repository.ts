import type { Queryable } from '../../kernel/db/db.js';

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  sort: number;
  version: number;
  child_count?: number;
}

const COLUMNS = `r.code, r.name, r.level, r.parent_code, r.sort, r.version,
  (SELECT count(*) FROM regions c WHERE c.parent_code = r.code)::int AS child_count`;

export const regionRepository = {
  children(q: Queryable, parentCode: string | null): Promise<RegionRow[]> {
    return parentCode
      ? q.query<RegionRow>(`SELECT ${COLUMNS} FROM regions r WHERE r.parent_code = $1 ORDER BY r.sort, r.code`, [parentCode])
      : q.query<RegionRow>(`SELECT ${COLUMNS} FROM regions r WHERE r.parent_code IS NULL ORDER BY r.sort, r.code`);
  },

  byCode(q: Queryable, code: string): Promise<RegionRow | undefined> {
    return q.maybeOne<RegionRow>(`SELECT ${COLUMNS} FROM regions r WHERE r.code = $1`, [code]);
  },

  async existing(q: Queryable, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await q.query<{ code: string }>('SELECT code FROM regions WHERE code = ANY($1::text[])', [codes]);
    return new Set(rows.map((r) => r.code));
  },

  async insert(q: Queryable, r: { code: string; name: string; level: number; parentCode: string | null; sort: number }): Promise<void> {
    await q.query('INSERT INTO regions (code, name, level, parent_code, sort) VALUES ($1, $2, $3, $4, $5)',
      [r.code, r.name, r.level, r.parentCode, r.sort]);
  },

  /** Inserts many regions at once, skipping codes that exist (demo seed). */
  async insertMany(q: Queryable, rows: { code: string; name: string; level: number; parentCode: string | null; sort: number }[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        params.push(r.code, r.name, r.level, r.parentCode, r.sort);
        const n = params.length;
        return `($${n - 4}, $${n - 3}, $${n - 2}::smallint, $${n - 1}, $${n}::int)`;
      });
      await q.query(`INSERT INTO regions (code, name, level, parent_code, sort) VALUES ${values.join(', ')} ON CONFLICT (code) DO NOTHING`, params);
    }
  },

  /** Updates name and sort when the version matches; undefined when it does not. */
  update(q: Queryable, code: string, version: number, patch: { name?: string; sort?: number }): Promise<RegionRow | undefined> {
    return q.maybeOne<RegionRow>(
      `UPDATE regions SET name = coalesce($3, name), sort = coalesce($4, sort), version = version + 1, updated_at = now()
        WHERE code = $1 AND version = $2 RETURNING code, name, level, parent_code, sort, version`,
      [code, version, patch.name ?? null, patch.sort ?? null],
    );
  },
};
