import { html, raw, type SafeHtml } from '../../../kernel/html/html.js';
import type { PageOptions } from '../../../kernel/html/layout.js';
import { errorSummary } from '../../../kernel/html/forms.js';
import type { FacetCount, SearchResult } from '../../../kernel/search/search-result.js';
import type { SearchPageData, SearchParams } from '../search-form.js';
import type { PageContext } from './page-context.js';

const EXAMPLES = ['营业执照', '社会保障卡', '公积金 提取', '不动产登记'];

/** The address of this search with some parameters changed (undefined removes one); paging starts again unless given. */
function searchHref(c: PageContext, p: SearchParams, change: Partial<Record<keyof SearchParams, string | number | undefined>>): string {
  const next = { ...p, page: undefined, ...change } as Record<string, string | number | undefined>;
  const qs = new URLSearchParams();
  for (const key of ['q', 'source', 'org', 'from', 'to', 'page'] as const) {
    const v = next[key];
    if (v !== undefined && v !== '' && !(key === 'page' && v === 1)) qs.set(key, String(v));
  }
  return c.href(`/search?${qs.toString()}`);
}

/** A result's address in the visitor's edition when it is a page of this site. */
const resultHref = (c: PageContext, url: string) => (url.startsWith('/') ? c.href(url) : url);

function facetList(c: PageContext, p: SearchParams, title: string, id: string, items: FacetCount[], current: string | undefined, select: (v: string | undefined) => Partial<Record<keyof SearchParams, string | undefined>>): SafeHtml {
  if (items.length === 0 && !current) return html``;
  const link = (label: string, value: string | undefined, here: boolean) =>
    html`<li><a href="${searchHref(c, p, select(value))}"${here ? raw(' aria-current="true"') : ''}>${label}</a></li>`;
  return html`<h3 id="${id}">${title}</h3>
<ul class="facet-list" aria-labelledby="${id}">
${link(c.l('portal.search.facet.all'), undefined, !current)}
${items.map((f) => link(c.l('portal.search.facet.count', { label: f.label, count: f.count }), f.value, current === f.value))}
</ul>`;
}

function facets(c: PageContext, p: SearchParams, r: SearchResult): SafeHtml {
  const year = p.from && p.to && p.from.endsWith('-01-01') && p.to === `${p.from.slice(0, 4)}-12-31` ? p.from.slice(0, 4) : undefined;
  return html`<aside class="panel search-facets" aria-labelledby="facets-title">
<h2 id="facets-title">${c.l('portal.search.filters')}</h2>
${r.facetsCounted === 'recent' ? html`<p class="hint">${c.l('portal.search.facet.recent')}</p>` : ''}
${facetList(c, p, c.l('portal.search.facet.source'), 'facet-source', r.facets.source, p.source, (v) => ({ source: v }))}
${facetList(c, p, c.l('portal.search.facet.org'), 'facet-org', r.facets.org, p.org, (v) => ({ org: v }))}
${facetList(c, p, c.l('portal.search.facet.year'), 'facet-year', r.facets.year, year, (v) => ({ from: v ? `${v}-01-01` : undefined, to: v ? `${v}-12-31` : undefined }))}
</aside>`;
}

function results(c: PageContext, p: SearchParams, r: SearchResult): SafeHtml {
  const first = (r.page - 1) * r.pageSize + 1;
  const last = first + r.items.length - 1;
  const pages = Math.max(1, Math.ceil(Math.min(r.total, r.available) / r.pageSize));
  const count = c.l(r.totalIsEstimate ? 'portal.search.countEstimate' : 'portal.search.count', { total: r.total.toLocaleString(c.locale) })
    + (r.items.length > 0 ? c.l('portal.search.range', { from: first, to: last }) : '');
  return html`<section class="search-results-section" aria-labelledby="results-title">
<h2 id="results-title">${c.l('portal.search.results')}</h2>
<p class="search-count" role="status">${count}</p>
${r.total > r.available ? html`<p class="hint">${c.l('portal.search.recentOnly', { available: r.available })}</p>` : ''}
<ol class="search-results" start="${first}">
${r.items.map((it) => html`<li class="search-result">
<h3><a href="${resultHref(c, it.url)}"${c.dataLang ? html` lang="${c.dataLang}"` : ''}>${raw(it.titleHtml)}</a></h3>
<p class="search-snippet"${c.dataLang ? html` lang="${c.dataLang}"` : ''}>${raw(it.snippet)}</p>
<p class="search-meta"><span>${c.l('portal.search.type', { type: it.type })}</span>${it.org ? html`<span>${c.l('portal.search.org', { org: it.org.name })}</span>` : ''}<span>${c.l('portal.search.date', { date: it.date })}</span>${it.docNumber ? html`<span>${c.l('portal.search.docNumber', { number: it.docNumber })}</span>` : ''}</p>
</li>`)}
</ol>
${pages > 1 ? html`<nav class="pager" aria-label="${c.l('portal.search.pages')}"><ul>
${r.page > 1 ? html`<li><a href="${searchHref(c, p, { page: r.page - 1 })}" rel="prev">${c.l('portal.search.previous')}</a></li>` : ''}
<li aria-current="page">${c.l('portal.search.pageOf', { page: r.page, pages })}</li>
${r.page < pages ? html`<li><a href="${searchHref(c, p, { page: r.page + 1 })}" rel="next">${c.l('portal.search.next')}</a></li>` : ''}
</ul></nav>` : ''}
</section>`;
}

function empty(c: PageContext, p: SearchParams): SafeHtml {
  const filtered = !!(p.source || p.org || p.from || p.to);
  return html`<section class="panel" aria-labelledby="empty-title">
<h2 id="empty-title">${c.l('portal.search.emptyTitle', { q: p.q })}</h2>
<p>${c.l('portal.search.emptyHelp')}</p>
<ul>
<li>${c.l('portal.search.emptyTypos')}</li>
<li>${c.l('portal.search.emptyFewer')}</li>
${filtered ? html`<li><a href="${searchHref(c, p, { source: undefined, org: undefined, from: undefined, to: undefined })}">${c.l('portal.search.emptyFilters')}</a></li>` : ''}
<li><a href="${c.href('/departments')}">${c.l('portal.search.emptyDepartments')}</a></li>
</ul>
</section>`;
}

/** The public search page: a GET form (works without script), the count, ranked results with highlighted snippets, facets as links, paging. */
export function searchPage(c: PageContext, data: SearchPageData): PageOptions {
  const { params: p, result: r } = data;
  const errors = data.errors.map((e) => ({ field: e.field === 'q' ? 'q' : e.field, message: e.message }));
  const qError = errors.find((e) => e.field === 'q')?.message;
  const main = html`<h1>${c.l('portal.search.title')}</h1>
${errorSummary(c.l('portal.search.errorTitle'), errors)}
<form class="search-form panel" role="search" aria-label="${c.l('portal.search.title')}" method="get" action="${c.href('/search')}">
<div class="field${qError ? ' field-error' : ''}">
<label for="f-q">${c.l('portal.search.label')}</label>
<p class="hint" id="f-q-hint">${c.l('portal.search.hint')}</p>
${qError ? html`<p class="error-message" id="f-q-error">${qError}</p>` : ''}
<div class="search-input">
<input id="f-q" name="q" type="search" value="${p.q}" maxlength="100" aria-describedby="f-q-hint${qError ? ' f-q-error' : ''}"${qError ? raw(' aria-invalid="true"') : ''}>
<button class="button" type="submit">${c.l('portal.search.submit')}</button>
</div>
</div>
${(['source', 'org', 'from', 'to'] as const).map((k) => (p[k] ? html`<input type="hidden" name="${k}" value="${p[k]}">` : ''))}
</form>
${!r ? (data.errors.length === 0 ? html`<p>${c.l('portal.search.intro')} ${c.l('portal.search.examples')} ${EXAMPLES.map((x, i) => html`${i > 0 ? '、' : ''}<a href="${searchHref(c, { q: x }, {})}">${x}</a>`)}</p>` : '')
  : r.items.length === 0 && r.total === 0 ? empty(c, p)
  : html`<div class="search-layout">${results(c, p, r)}${facets(c, p, r)}</div>`}`;
  const title = (errors.length > 0 ? c.l('portal.error.titlePrefix') : '') + (p.q ? `${p.q} - ${c.l('portal.search.title')}` : c.l('portal.search.title'));
  return { title, description: c.l('portal.search.description'), main };
}
