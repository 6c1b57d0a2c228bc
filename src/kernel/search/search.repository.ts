import type { Queryable } from '../db/db.js';

/** A document as stored: text, the vectors the application built, who may see it. */
export interface IndexRow {
  source: string;
  ref: string;
  title: string;
  body: string;
  docNumber: string | null;
  fields: Record<string, string>;
  url: string;
  orgId: string | null;
  visibility: 'public' | 'staff' | 'org';
  publishedAt: string | null;
  updatedAt: string;
  locale: string;
  /** Title, 文号 and fields as a tsvector literal with positions and weights (ranking). */
  head: string;
  /** Every distinct lexeme of the document, space-separated (the matching vector, no positions). */
  lexemes: string;
  /** China calendar year of the date shown (the year facet). */
  year: number;
}

/**
 * Who is searching, as SQL needs it: everyone sees published public documents; signed-in staff also see
 * staff documents; `orgPatterns` (LIKE patterns of the org paths the actor's grants cover) add org
 * documents, and public ones not yet published, of those organisations.
 */
export interface SearchScope {
  staff: boolean;
  orgPatterns: string[];
}

export interface SearchFilters {
  source?: string;
  orgId?: string;
  /** Inclusive bounds as instants (the caller turns China dates into them). */
  from?: string;
  before?: string;
}

export interface CandidateRow {
  id: number;
  source: string;
  org_id: string | null;
  sort_at: Date;
  rank: number;
}

export interface FacetRow {
  kind: 'source' | 'org' | 'year' | 'total';
  key: string | null;
  n: number;
}

export interface HitRow {
  id: number;
  source: string;
  ref: string;
  title: string;
  body: string;
  doc_number: string | null;
  url: string;
  org_id: string | null;
  org_name: string | null;
  sort_at: Date;
}

/** ts_rank_cd weights for D, C, B, A over `head`: the title (A) counts more than 文号 and fields (B). */
const WEIGHTS = '{0.05, 0.1, 0.4, 1.0}';

const COLUMNS = ['source', 'ref', 'title', 'body', 'doc_number', 'fields', 'url', 'org_id', 'visibility', 'published_at', 'updated_at', 'locale', 'head', 'lexemes', 'year'] as const;

/** `WHERE` conditions for visibility and filters; `$1` is always the tsquery. */
function conditions(params: unknown[], scope: SearchScope, f: SearchFilters): string {
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const visible = [`(d.visibility = 'public' AND d.published_at <= now())`];
  if (scope.staff) visible.push(`d.visibility = 'staff'`);
  if (scope.orgPatterns.length > 0) {
    visible.push(`(d.visibility <> 'staff' AND d.org_id IN (SELECT o.id FROM orgs o WHERE o.path LIKE ANY(${add(scope.orgPatterns)}::text[])))`);
  }
  const where = [`(${visible.join(' OR ')})`];
  if (f.source) where.push(`d.source = ${add(f.source)}`);
  if (f.orgId) where.push(`d.org_id IN (SELECT s.id FROM orgs s JOIN orgs r ON s.path LIKE r.path || '%' WHERE r.id = ${add(f.orgId)}::uuid)`);
  if (f.from) where.push(`d.sort_at >= ${add(f.from)}::timestamptz`);
  if (f.before) where.push(`d.sort_at < ${add(f.before)}::timestamptz`);
  return where.join(' AND ');
}

export const searchRepository = {
  /** Inserts or replaces documents by (source, ref); `run` marks rows written by a full reindex. */
  async upsertMany(q: Queryable, rows: IndexRow[], run: string | null): Promise<void> {
    if (rows.length === 0) return;
    const arrays = COLUMNS.map(() => [] as unknown[]);
    for (const r of rows) {
      const values = [r.source, r.ref, r.title, r.body, r.docNumber, JSON.stringify(r.fields), r.url, r.orgId, r.visibility, r.publishedAt, r.updatedAt, r.locale, r.head, r.lexemes, r.year];
      values.forEach((v, i) => arrays[i].push(v));
    }
    const list = COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ');
    await q.query(
      `WITH u AS (SELECT * FROM unnest(${list}) AS u(${COLUMNS.join(', ')})),
       d AS (
         INSERT INTO search_documents (source, ref, title, body, doc_number, fields, url, org_id, visibility, published_at, updated_at, sort_at, locale, head, reindex_run, indexed_at)
         SELECT u.source, u.ref, u.title, u.body, u.doc_number, u.fields::jsonb, u.url, u.org_id::uuid, u.visibility,
                u.published_at::timestamptz, u.updated_at::timestamptz, coalesce(u.published_at, u.updated_at)::timestamptz,
                u.locale, u.head::tsvector, $${COLUMNS.length + 1}::uuid, clock_timestamp()
           FROM u
         ON CONFLICT (source, ref) DO UPDATE SET
           title = EXCLUDED.title, body = EXCLUDED.body, doc_number = EXCLUDED.doc_number, fields = EXCLUDED.fields,
           url = EXCLUDED.url, org_id = EXCLUDED.org_id, visibility = EXCLUDED.visibility, published_at = EXCLUDED.published_at,
           updated_at = EXCLUDED.updated_at, sort_at = EXCLUDED.sort_at, locale = EXCLUDED.locale, head = EXCLUDED.head,
           reindex_run = EXCLUDED.reindex_run, indexed_at = EXCLUDED.indexed_at
         RETURNING id, source, ref, org_id, visibility, published_at, sort_at
       )
       INSERT INTO search_index (doc_id, source, org_id, visibility, published_at, sort_at, year, tsv)
       SELECT d.id, d.source, d.org_id, d.visibility, d.published_at, d.sort_at, u.year::smallint, array_to_tsvector(string_to_array(u.lexemes, ' '))
         FROM d JOIN u ON u.source = d.source AND u.ref = d.ref
       ON CONFLICT (doc_id) DO UPDATE SET
         source = EXCLUDED.source, org_id = EXCLUDED.org_id, visibility = EXCLUDED.visibility,
         published_at = EXCLUDED.published_at, sort_at = EXCLUDED.sort_at, year = EXCLUDED.year, tsv = EXCLUDED.tsv`,
      [...arrays, run],
    );
  },

  async remove(q: Queryable, source: string, refs: string[]): Promise<number> {
    const rows = await q.query('DELETE FROM search_documents WHERE source = $1 AND ref = ANY($2::text[]) RETURNING id', [source, refs]);
    return rows.length;
  },

  /** After a full reindex: rows of the source the run did not write and nobody wrote since it began. */
  async removeUnseen(q: Queryable, source: string, run: string, startedAt: string): Promise<number> {
    const rows = await q.query(
      `DELETE FROM search_documents WHERE source = $1 AND reindex_run IS DISTINCT FROM $2::uuid AND indexed_at <= $3::timestamptz RETURNING id`,
      [source, run, startedAt],
    );
    return rows.length;
  },

  /** The database's clock, as text so that no driver shifts it on the way back. */
  async now(q: Queryable): Promise<string> {
    return (await q.one<{ now: string }>('SELECT clock_timestamp()::text AS now')).now;
  },

  async count(q: Queryable, source?: string): Promise<number> {
    const row = await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM search_documents${source ? ' WHERE source = $1' : ''}`, source ? [source] : []);
    return row.n;
  },

  /** The planner's estimate of how many visible documents match (from the lexeme statistics; no rows read). */
  async estimate(q: Queryable, tsquery: string, scope: SearchScope, f: SearchFilters): Promise<number> {
    const params: unknown[] = [tsquery];
    const where = conditions(params, scope, f);
    const row = await q.one<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM search_index d WHERE d.tsv @@ $1::tsquery AND ${where}`, params);
    const raw = Object.values(row)[0];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
    return Math.round(plan[0].Plan['Plan Rows']);
  },

  /**
   * Every visible match through the GIN index (a materialized set of narrow rows): the `recent` most recent
   * are ranked by their title and fields; counts per source, org and year and the exact total come from
   * the same set.
   */
  async matchAll(q: Queryable, tsquery: string, rankQuery: string, scope: SearchScope, f: SearchFilters, recent: number): Promise<{ candidates: CandidateRow[]; facets: FacetRow[] }> {
    const params: unknown[] = [tsquery];
    const where = conditions(params, scope, f);
    params.push(recent, rankQuery);
    const rows = await q.query<Omit<CandidateRow & FacetRow, 'kind'> & { kind: string }>(
      `WITH m AS MATERIALIZED (
         SELECT d.doc_id AS id, d.sort_at, d.source, d.org_id, d.year FROM search_index d WHERE d.tsv @@ $1::tsquery AND ${where}
       ), picked AS (SELECT id FROM m ORDER BY sort_at DESC, id DESC LIMIT $${params.length - 1})
       SELECT 'doc' AS kind, doc.id, doc.source, doc.org_id, doc.sort_at, ts_rank_cd('${WEIGHTS}', doc.head, $${params.length}::tsquery) AS rank, NULL AS key, NULL::bigint AS n
         FROM picked JOIN search_documents doc ON doc.id = picked.id
       UNION ALL
       SELECT CASE WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(org_id) = 0 THEN 'org' WHEN GROUPING(year) = 0 THEN 'year' ELSE 'total' END,
              NULL, NULL, NULL, NULL, NULL, coalesce(source, org_id::text, year::text), count(*)
         FROM m GROUP BY GROUPING SETS ((source), (org_id), (year), ())`,
      params,
    );
    return {
      candidates: rows.filter((r) => r.kind === 'doc').map((r) => ({ id: Number(r.id), source: r.source, org_id: r.org_id, sort_at: r.sort_at, rank: Number(r.rank) })),
      facets: rows.filter((r) => r.kind !== 'doc').map((r) => ({ kind: r.kind as FacetRow['kind'], key: r.key, n: Number(r.n) })),
    };
  },

  /** The planner's estimate of how many documents the caller may see at all (with the filters). */
  async estimateVisible(q: Queryable, scope: SearchScope, f: SearchFilters): Promise<number> {
    const params: unknown[] = [''];
    const where = conditions(params, scope, f);
    const row = await q.one<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM search_index d WHERE $1::text IS NOT NULL AND ${where}`, params);
    const raw = Object.values(row)[0];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
    return Math.round(plan[0].Plan['Plan Rows']);
  },

  /** The date of the `k`-th most recent document the caller may see (walking the date index), or undefined if there are fewer. */
  async recentThreshold(q: Queryable, scope: SearchScope, f: SearchFilters, k: number): Promise<string | undefined> {
    const params: unknown[] = [''];
    const where = conditions(params, scope, f);
    params.push(k);
    const row = await q.maybeOne<{ t: string }>(
      `SELECT d.sort_at::text AS t FROM search_index d WHERE $1::text IS NOT NULL AND ${where} ORDER BY d.sort_at DESC, d.doc_id DESC OFFSET $${params.length} LIMIT 1`,
      params,
    );
    return row?.t;
  },

  /**
   * The planner's statistics of dates (ANALYZE): the equal-count histogram of sort_at and the row count.
   * Sizing a window of recent documents from it reads no table rows.
   */
  async dateStatistics(q: Queryable): Promise<{ bounds: string[]; rows: number } | undefined> {
    const row = await q.maybeOne<{ bounds: string | null; rows: number }>(
      `SELECT s.histogram_bounds::text AS bounds, c.reltuples::float8 AS rows FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename
        WHERE s.schemaname = current_schema() AND s.tablename = 'search_index' AND s.attname = 'sort_at'`,
    );
    if (!row?.bounds || !(row.rows > 0)) return undefined;
    return { bounds: row.bounds.replace(/^\{|\}$/g, '').split(',').map((b) => b.replace(/^"|"$/g, '')), rows: Number(row.rows) };
  },

  async latest(q: Queryable): Promise<string | undefined> {
    return (await q.maybeOne<{ t: string | null }>('SELECT max(sort_at)::text AS t FROM search_index'))?.t ?? undefined;
  },

  /** What a result page shows of its documents, with the organisation's current name. */
  hits(q: Queryable, ids: number[]): Promise<HitRow[]> {
    return q.query<HitRow>(
      `SELECT d.id, d.source, d.ref, d.title, d.body, d.doc_number, d.url, d.org_id, o.name AS org_name, d.sort_at
         FROM search_documents d LEFT JOIN orgs o ON o.id = d.org_id WHERE d.id = ANY($1::bigint[])`,
      [ids],
    );
  },

  orgNames(q: Queryable, ids: string[]): Promise<{ id: string; name: string }[]> {
    return q.query('SELECT id, name FROM orgs WHERE id = ANY($1::uuid[])', [ids]);
  },

  orgPath(q: Queryable, id: string): Promise<{ path: string } | undefined> {
    return q.maybeOne('SELECT path FROM orgs WHERE id = $1', [id]);
  },

  async analyze(q: Queryable): Promise<void> {
    await q.exec('ANALYZE search_index');
  },
};
