import type { Db } from '../db/db.js';
import { quoteLexeme } from './search-vector.js';
import { searchRepository as repo, type CandidateRow, type FacetRow, type SearchFilters, type SearchScope } from './search.repository.js';

/** yyyymm of an instant in China time (UTC+8, no daylight saving). */
export const chinaMonth = (at: Date | string) => { const d = new Date(+new Date(at) + 8 * 3_600_000); return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1; };
/** The lexeme every document of a month carries; no word can collide with it (query lexemes never hold '@'). */
export const monthLexeme = (yyyymm: number) => `@m${yyyymm}`;

function monthsBetween(from: string, to: string): number[] {
  const out: number[] = [];
  for (let m = chinaMonth(from), end = chinaMonth(to); m <= end && out.length <= 1200; m = m % 100 === 12 ? m + 89 : m + 1) out.push(m);
  return out;
}

type DateStatistics = Awaited<ReturnType<typeof repo.dateStatistics>>;

/**
 * Matches of a very common query without reading them all: the GIN index is asked for the query ANDed with
 * the month lexemes since the date of the k-th most recent visible document, k chosen from the estimated
 * share of matches so that about `wanted` fall in the window; a window that held too few is widened using
 * the share it showed. See docs/decisions/0009-chinese-search.md.
 */
export class RecentWindow {
  private stats: { at: number; value: DateStatistics } | null = null;

  constructor(private readonly db: Db, private readonly wanted: number) {}

  /** The ranked matches of the window, or null when the window would cover most of the table (read everything then). */
  async matches(tsquery: string, scope: SearchScope, filters: SearchFilters, expected: number): Promise<{ candidates: CandidateRow[]; facets: FacetRow[] } | null> {
    const visible = await repo.estimateVisible(this.db, scope, filters);
    const latest = await repo.latest(this.db);
    // The histogram describes the whole table: usable when only visibility narrows it, not a source or organisation.
    const stats = filters.source || filters.orgId ? undefined : await this.dateStatistics();
    let share = Math.min(1, Math.max(expected / Math.max(1, visible), 1e-5));
    for (let attempt = 0; attempt < 4 && latest; attempt++) {
      const k = Math.ceil((this.wanted / share) * 1.5);
      // A window over most of the table costs more than reading every match.
      if (k > visible / 3) return null;
      const since = this.dateOfRecent(k * (stats ? stats.rows / Math.max(1, visible) : 1), stats) ?? await repo.recentThreshold(this.db, scope, filters, k);
      if (!since) return null;
      const months = monthsBetween(since, latest);
      if (months.length > 1200) return null;
      const windowed = `(${tsquery}) & (${months.map((m) => quoteLexeme(monthLexeme(m))).join(' | ')})`;
      const from = filters.from && filters.from > since ? filters.from : since;
      const r = await repo.matchAll(this.db, windowed, tsquery, scope, { ...filters, from }, this.wanted);
      if (r.candidates.length >= this.wanted) return r;
      // Fewer than hoped: the share seen in this window sizes the next one.
      const seen = r.facets.find((f) => f.kind === 'total')?.n ?? 0;
      share = seen > 0 ? seen / k : share / 8;
    }
    return null;
  }

  /** The date histogram (ANALYZE), re-read at most once a minute: it only sizes windows, the result is exact either way. */
  private async dateStatistics(): Promise<DateStatistics> {
    if (!this.stats || Date.now() - this.stats.at > 60_000) this.stats = { at: Date.now(), value: await repo.dateStatistics(this.db) };
    return this.stats.value;
  }

  /** About the date of the `k`-th most recent row of the table, from the histogram; undefined without one or when older than all. */
  private dateOfRecent(k: number, stats: DateStatistics): string | undefined {
    if (!stats || stats.bounds.length < 2) return undefined;
    const at = stats.bounds.length - 1 - (k / stats.rows) * (stats.bounds.length - 1);
    if (at <= 0) return undefined;
    const lo = Date.parse(stats.bounds[Math.floor(at)]);
    const hi = Date.parse(stats.bounds[Math.ceil(at)]);
    if (Number.isNaN(lo) || Number.isNaN(hi)) return undefined;
    return new Date(lo + (hi - lo) * (at - Math.floor(at))).toISOString();
  }
}
