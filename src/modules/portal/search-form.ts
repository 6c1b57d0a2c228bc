import type { Actor } from '../../kernel/auth/actor.js';
import type { Kernel } from '../../kernel/kernel.js';
import { t, type Locale } from '../../kernel/i18n/i18n.js';
import { AppError } from '../../kernel/http/errors.js';
import type { SearchResult } from '../../kernel/search/search-result.js';

/** What the search page's address asks for (unusable filters are dropped, not refused: they come from old links). */
export interface SearchParams {
  q: string;
  source?: string;
  org?: string;
  from?: string;
  to?: string;
  page?: number;
}

export interface SearchPageData {
  params: SearchParams;
  /** Null before the first search or when the request was refused (see errors). */
  result: SearchResult | null;
  errors: { field: string; message: string }[];
}

const PAGE_SIZE = 10;
const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);
const matching = (v: string | undefined, re: RegExp) => (v !== undefined && re.test(v) ? v : undefined);

export function readSearchParams(raw: Record<string, unknown>): SearchParams {
  const page = Number(one(raw.page));
  return {
    q: one(raw.q) ?? '',
    source: matching(one(raw.source), /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/),
    org: matching(one(raw.org), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
    from: one(raw.from) || undefined,
    to: one(raw.to) || undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 100 ? page : undefined,
  };
}

/** Runs the search the page asks for, as `actor` may see it; a refused request comes back as field errors. */
export async function searchForPage(kernel: Kernel, actor: Actor | null, raw: Record<string, unknown>, locale: Locale): Promise<SearchPageData> {
  const params = readSearchParams(raw);
  if (one(raw.q) === undefined) return { params, result: null, errors: [] };
  try {
    const result = await kernel.search.query(actor, {
      q: params.q, source: params.source, orgId: params.org, from: params.from, to: params.to,
      page: params.page ?? 1, pageSize: PAGE_SIZE, locale,
    });
    return { params, result, errors: [] };
  } catch (err) {
    if (err instanceof AppError && err.fields.length > 0) {
      return { params, result: null, errors: err.fields.map((f) => ({ field: f.field, message: t(locale, f.key, f.params) })) };
    }
    throw err;
  }
}
