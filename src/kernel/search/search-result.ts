import type { Locale } from '../i18n/i18n.js';
import { highlightAll, snippet, type Marks } from './highlight.js';
import type { ParsedQuery } from './search-query.js';
import type { CandidateRow, FacetRow, HitRow } from './search.repository.js';

export interface SearchHit {
  source: string;
  ref: string;
  /** The source's label in the caller's language (政策文件, 部门名录 …). */
  type: string;
  title: string;
  /** The title, HTML-escaped, with the query's words in <mark>. */
  titleHtml: string;
  url: string;
  docNumber: string | null;
  org: { id: string; name: string } | null;
  /** China date (YYYY-MM-DD) of publication, or of the last change of an unpublished document. */
  date: string;
  /** About 120 characters around the best match, HTML-escaped, with <mark>. */
  snippet: string;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface SearchResult {
  q: string;
  total: number;
  /** True when so many documents match that `total` is the planner's estimate (shown as 约…). */
  totalIsEstimate: boolean;
  /** How many of the results can be paged through (the ranked most recent ones). */
  available: number;
  page: number;
  pageSize: number;
  items: SearchHit[];
  facets: { source: FacetCount[]; org: FacetCount[]; year: FacetCount[] };
  /** 'all': facet counts cover every match; 'recent': only the matches of the latest months read (when the total is an estimate). */
  facetsCounted: 'all' | 'recent';
}

interface Labels {
  sourceLabel(name: string, locale: Locale): string;
}

interface Found {
  parsed: ParsedQuery | null;
  candidates: CandidateRow[];
  hits: HitRow[];
  total: number;
  estimate: boolean;
  facets: FacetRow[];
  /** False when only the matches of the latest months were read. */
  facetsAll: boolean;
  orgNames: { id: string; name: string }[];
}

const ORG_FACETS = 20;

export const chinaDate = (at: Date | string) => new Date(+new Date(at) + 8 * 3_600_000).toISOString().slice(0, 10);

function count(rows: { key: string | null; n: number }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) if (r.key) m.set(r.key, (m.get(r.key) ?? 0) + r.n);
  return m;
}

/** Presents what the service found: items with highlighting, labelled facets. */
export function buildResult(labels: Labels, base: { q: string; page: number; pageSize: number; locale: Locale }, found: Found): SearchResult {
  const marks: Marks = { words: found.parsed?.marks ?? [], docNumbers: found.parsed?.docNumbers ?? [] };
  const names = new Map(found.orgNames.map((o) => [o.id, o.name]));
  const rowsOf = (kind: FacetRow['kind']) => found.facets.filter((f) => f.kind === kind);
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN');
  const facets = {
    source: [...count(rowsOf('source'))].map(([value, n]) => ({ value, label: labels.sourceLabel(value, base.locale), count: n })).sort(byCount),
    org: [...count(rowsOf('org'))].filter(([id]) => names.has(id)).map(([value, n]) => ({ value, label: names.get(value)!, count: n })).sort(byCount).slice(0, ORG_FACETS),
    year: [...count(rowsOf('year'))].map(([value, n]) => ({ value, label: value, count: n })).sort((a, b) => b.value.localeCompare(a.value)),
  };
  return {
    q: base.q,
    total: found.total,
    totalIsEstimate: found.estimate,
    available: found.candidates.length,
    page: base.page,
    pageSize: base.pageSize,
    items: found.hits.map((h) => ({
      source: h.source,
      ref: h.ref,
      type: labels.sourceLabel(h.source, base.locale),
      title: h.title,
      titleHtml: highlightAll(h.title, marks),
      url: h.url,
      docNumber: h.doc_number,
      org: h.org_id && h.org_name ? { id: h.org_id, name: h.org_name } : null,
      date: chinaDate(h.sort_at),
      snippet: snippet(h.body || h.title, marks),
    })),
    facets,
    facetsCounted: found.facetsAll ? 'all' : 'recent',
  };
}
