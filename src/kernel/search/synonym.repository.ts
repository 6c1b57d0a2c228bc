import type { Queryable } from '../db/db.js';

export interface SynonymRow {
  id: string;
  term: string;
  synonyms: string[];
  version: number;
  updated_at: Date;
}

const COLUMNS = 'id, term, synonyms, version, updated_at';

/** SQL on `search_synonyms`; every write also bumps `search_state.synonyms_version` (see 006_search.sql). */
export const synonymRepository = {
  all(q: Queryable): Promise<SynonymRow[]> {
    return q.query<SynonymRow>(`SELECT ${COLUMNS} FROM search_synonyms ORDER BY term`);
  },

  async list(q: Queryable, f: { text?: string; limit: number; offset: number }): Promise<{ items: SynonymRow[]; total: number }> {
    const params: unknown[] = [];
    let where = '';
    if (f.text) {
      params.push(`%${f.text.replace(/[\\%_]/g, '\\$&')}%`);
      where = `WHERE term LIKE $1 OR array_to_string(synonyms, ' ') LIKE $1`;
    }
    const total = (await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM search_synonyms ${where}`, params)).n;
    const items = await q.query<SynonymRow>(`SELECT ${COLUMNS} FROM search_synonyms ${where} ORDER BY term LIMIT ${f.limit} OFFSET ${f.offset}`, params);
    return { items, total };
  },

  byId(q: Queryable, id: string): Promise<SynonymRow | undefined> {
    return q.maybeOne<SynonymRow>(`SELECT ${COLUMNS} FROM search_synonyms WHERE id = $1`, [id]);
  },

  byTerm(q: Queryable, term: string): Promise<SynonymRow | undefined> {
    return q.maybeOne<SynonymRow>(`SELECT ${COLUMNS} FROM search_synonyms WHERE term = $1`, [term]);
  },

  insert(q: Queryable, term: string, synonyms: string[], by: string | null): Promise<SynonymRow> {
    return q.one<SynonymRow>(
      `INSERT INTO search_synonyms (term, synonyms, updated_by) VALUES ($1, $2::text[], $3) RETURNING ${COLUMNS}`,
      [term, synonyms, by],
    );
  },

  /** Null when the row is gone or `version` is not the current one. */
  update(q: Queryable, id: string, version: number, term: string, synonyms: string[], by: string | null): Promise<SynonymRow | undefined> {
    return q.maybeOne<SynonymRow>(
      `UPDATE search_synonyms SET term = $3, synonyms = $4::text[], version = version + 1, updated_at = now(), updated_by = $5
        WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
      [id, version, term, synonyms, by],
    );
  },

  async remove(q: Queryable, id: string): Promise<SynonymRow | undefined> {
    return q.maybeOne<SynonymRow>(`DELETE FROM search_synonyms WHERE id = $1 RETURNING ${COLUMNS}`, [id]);
  },

  async bumpVersion(q: Queryable): Promise<void> {
    await q.query('UPDATE search_state SET synonyms_version = synonyms_version + 1');
  },

  async version(q: Queryable): Promise<number> {
    return Number((await q.one<{ v: number }>('SELECT synonyms_version AS v FROM search_state')).v);
  },
};
