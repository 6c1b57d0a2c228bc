import crypto from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../auth/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Locale } from '../i18n/i18n.js';
import { fieldError } from '../http/errors.js';
import { documentVectors } from './search-vector.js';
import { chinaMonth, monthLexeme, RecentWindow } from './recent-window.js';
import { parseQuery } from './search-query.js';
import { searchRepository as repo, type IndexRow, type SearchScope } from './search.repository.js';
import { SynonymService } from './synonym.service.js';
import { buildResult, type SearchResult } from './search-result.js';

/** A document as a module feeds it. `publishedAt` null or in the future: public documents are not shown to the public yet. */
export interface SearchDocument {
  source: string;
  ref: string;
  title: string;
  body: string;
  fields?: Record<string, string>;
  /** 文号, e.g. 示政发〔2026〕7号 (any bracket style); found exactly. */
  docNumber?: string | null;
  orgId?: string | null;
  /** Where the result links to: a path on this site or an http(s) address. */
  url: string;
  /** public: anyone once published; staff: any signed-in staff; org: staff whose grants cover the organisation. */
  visibility: 'public' | 'staff' | 'org';
  publishedAt: Date | null;
  updatedAt?: Date;
  locale?: string;
}

export interface SearchSource {
  label: Record<Locale, string>;
  /** Every current document of the source, for `zhengwu search reindex`. */
  reindex: (db: Queryable) => AsyncIterable<SearchDocument>;
}

export interface SearchRequest {
  q: string;
  source?: string;
  orgId?: string;
  /** China dates (YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  locale: Locale;
}

export interface SearchTuning {
  /** Below this estimated number of matches, every match is read through the GIN index (exact total and facets). */
  exactLimit: number;
  /** How many of the most recent matches are ranked (and can be paged through). */
  candidates: number;
  /** Above exactLimit: how many of the most recent matches are looked for (in the latest months) and ranked. */
  recentCandidates: number;
}

export const DEFAULT_TUNING: SearchTuning = { exactLimit: 10_000, candidates: 300, recentCandidates: 200 };
const SOURCE_NAME = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/;
/** Long texts are indexed and kept up to this many characters (PostgreSQL keeps positions up to 16383). */
export const MAX_BODY_CHARS = 30_000;
const BATCH = 500;

function scopeOf(actor: Actor | null): SearchScope {
  if (!actor || actor.kind !== 'staff') return { staff: false, orgPatterns: [] };
  const paths = [...new Set(actor.grants.map((g) => g.orgPath))];
  return { staff: true, orgPatterns: paths.map((p) => `${p.replace(/[\\%_]/g, '\\$&')}%`) };
}

const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** Start of a China (UTC+8, no daylight saving) day as an instant. */
const chinaDayStart = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();

function toRow(doc: SearchDocument): IndexRow {
  if (!SOURCE_NAME.test(doc.source)) throw new Error(`search: source "${doc.source}" must look like module.thing`);
  if (!doc.ref || doc.ref.length > 300) throw new Error('search: ref must be 1–300 characters');
  if (!doc.title.trim()) throw new Error(`search: ${doc.source}/${doc.ref} has no title`);
  if (!['public', 'staff', 'org'].includes(doc.visibility)) throw new Error(`search: unknown visibility ${doc.visibility}`);
  if (doc.visibility === 'org' && !doc.orgId) throw new Error(`search: ${doc.source}/${doc.ref} is visible to an organisation but names none`);
  if (!/^(\/(?!\/)|https?:\/\/)/.test(doc.url)) throw new Error(`search: ${doc.source}/${doc.ref} url must be a site path or http(s)`);
  const body = doc.body.slice(0, MAX_BODY_CHARS);
  const fields = doc.fields ?? {};
  const vectors = documentVectors({ title: doc.title, body, fields, docNumber: doc.docNumber });
  const updatedAt = doc.updatedAt ?? new Date();
  const shown = doc.publishedAt ?? updatedAt;
  const month = chinaMonth(shown);
  return {
    source: doc.source, ref: doc.ref, title: doc.title.trim(), body, docNumber: doc.docNumber ?? null, fields, url: doc.url,
    orgId: doc.orgId ?? null, visibility: doc.visibility, publishedAt: doc.publishedAt ? doc.publishedAt.toISOString() : null,
    updatedAt: updatedAt.toISOString(), locale: doc.locale ?? 'zh-CN',
    head: vectors.head, lexemes: `${vectors.lexemes} ${monthLexeme(month)}`.trim(), year: Math.floor(month / 100),
  };
}

/**
 * One search service for the whole platform. Modules feed it inside their own transactions (so the index
 * never misses a committed change and never holds a rolled-back one) and declare sources for the full
 * reindex; the portal and the API query it with the caller's visibility applied in SQL.
 */
export class SearchService {
  readonly synonyms: SynonymService;
  private readonly sources = new Map<string, SearchSource>();
  private readonly recent: RecentWindow;

  constructor(private readonly db: Db, audit: AuditService, readonly tuning: SearchTuning = DEFAULT_TUNING) {
    this.synonyms = new SynonymService(db, audit);
    this.recent = new RecentWindow(db, tuning.recentCandidates);
  }

  defineSource(name: string, source: SearchSource): void {
    if (!SOURCE_NAME.test(name)) throw new Error(`search: source "${name}" must look like module.thing`);
    this.sources.set(name, source);
  }

  sourceNames(): string[] {
    return [...this.sources.keys()];
  }

  sourceLabel(name: string, locale: Locale): string {
    return this.sources.get(name)?.label[locale] ?? name;
  }

  /** Adds or replaces one document; pass the transaction of the change. */
  index(q: Queryable, doc: SearchDocument): Promise<void> {
    return this.indexMany(q, [doc]);
  }

  /** Adds or replaces many documents in few statements (imports, reindex). */
  indexMany(q: Queryable, docs: SearchDocument[]): Promise<void> {
    return this.write(q, docs, null);
  }

  async remove(q: Queryable, source: string, ref: string): Promise<void> {
    await repo.remove(q, source, [ref]);
  }

  private async write(q: Queryable, docs: SearchDocument[], run: string | null): Promise<void> {
    // The last version of a document wins when a batch names it twice.
    const rows = [...new Map(docs.map((d) => [`${d.source}\u0000${d.ref}`, toRow(d)])).values()];
    for (let i = 0; i < rows.length; i += BATCH) await repo.upsertMany(q, rows.slice(i, i + BATCH), run);
  }

  /**
   * Rebuilds one source (or all) without taking search offline: every current document is written again
   * (marked with this run), then the source's rows this run did not write and nobody changed meanwhile are
   * removed. `analyze` refreshes the word statistics at the end (worth it after a large source).
   */
  async reindex(opts: { source?: string; analyze?: boolean; onProgress?: (source: string, count: number) => void } = {}): Promise<{ source: string; indexed: number; removed: number }[]> {
    const only = opts.source;
    if (only && !this.sources.has(only)) throw new Error(`search: unknown source "${only}" (known: ${this.sourceNames().join(', ') || 'none'})`);
    const out: { source: string; indexed: number; removed: number }[] = [];
    for (const name of only ? [only] : this.sourceNames()) {
      const run = crypto.randomUUID();
      const startedAt = await repo.now(this.db);
      let batch: SearchDocument[] = [];
      let indexed = 0;
      const flush = async () => {
        await this.db.tx((tx) => this.write(tx, batch, run));
        indexed += batch.length;
        batch = [];
        opts.onProgress?.(name, indexed);
      };
      for await (const doc of this.sources.get(name)!.reindex(this.db)) {
        if (doc.source !== name) throw new Error(`search: source ${name} yielded a document of ${doc.source}`);
        batch.push(doc);
        if (batch.length >= BATCH) await flush();
      }
      if (batch.length > 0) await flush();
      out.push({ source: name, indexed, removed: await repo.removeUnseen(this.db, name, run, startedAt) });
    }
    if (opts.analyze) await this.analyze();
    return out;
  }

  /** Refreshes the planner's word statistics (PGlite has no autovacuum; a nightly job calls this). */
  analyze(): Promise<void> {
    return repo.analyze(this.db);
  }

  /** What `actor` (null: the public) may see of the documents matching `req.q`. */
  async query(actor: Actor | null, req: SearchRequest): Promise<SearchResult> {
    const text = req.q.trim();
    if (!text) throw fieldError('q', 'search.q.required');
    if ([...text].length > 100) throw fieldError('q', 'search.q.tooLong');
    for (const field of ['from', 'to'] as const) if (req[field] && !isDay(req[field]!)) throw fieldError(field, 'search.date.invalid');
    if (req.from && req.to && req.from > req.to) throw fieldError('to', 'search.to.beforeFrom');
    const parsed = parseQuery(text, await this.synonyms.current());
    const base = { q: text, page: req.page, pageSize: req.pageSize, locale: req.locale };
    if (!parsed) return buildResult(this, base, { parsed: null, candidates: [], hits: [], total: 0, estimate: false, facets: [], facetsAll: true, orgNames: [] });
    const scope = scopeOf(actor);
    const filters = {
      source: req.source, orgId: req.orgId,
      from: req.from ? chinaDayStart(req.from) : undefined, before: req.to ? chinaDayStart(req.to, 1) : undefined,
    };
    const t = this.tuning;
    const expected = await repo.estimate(this.db, parsed.tsquery, scope, filters);
    // The planner multiplies the words' shares as if they were independent; words that go together
    // (异地就医 and 备案) match far more. The rarest word alone bounds the true number from above.
    let bound = expected;
    if (parsed.parts.length > 1) {
      bound = Infinity;
      for (const part of parsed.parts) bound = Math.min(bound, await repo.estimate(this.db, part, scope, filters));
      bound = Math.max(bound, expected);
    }
    let found = bound <= t.exactLimit ? null : await this.recent.matches(parsed.tsquery, scope, filters, Math.sqrt(Math.max(expected, 1) * bound));
    const exact = !found;
    found ??= await repo.matchAll(this.db, parsed.tsquery, parsed.tsquery, scope, filters, t.candidates);
    const candidates = found.candidates;
    const counted = found.facets.find((f) => f.kind === 'total')?.n ?? 0;
    const estimate = !exact && counted >= t.recentCandidates;
    const total = estimate ? Math.max(expected, counted) : counted;
    const facets = found.facets;
    candidates.sort((a, b) => b.rank - a.rank || +new Date(b.sort_at) - +new Date(a.sort_at) || b.id - a.id);
    const pageIds = candidates.slice((req.page - 1) * req.pageSize, req.page * req.pageSize).map((c) => c.id);
    const hits = pageIds.length > 0 ? await repo.hits(this.db, pageIds) : [];
    const orgIds = [...new Set([...facets.filter((f) => f.kind === 'org').map((f) => f.key), ...candidates.map((c) => c.org_id)])].filter((x): x is string => !!x);
    const orgNames = orgIds.length > 0 ? await repo.orgNames(this.db, orgIds) : [];
    return buildResult(this, base, { parsed, candidates, hits: pageIds.map((id) => hits.find((h) => Number(h.id) === id)!).filter(Boolean), total, estimate, facets, facetsAll: exact, orgNames });
  }
}
