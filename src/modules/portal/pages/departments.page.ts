import { html, type SafeHtml } from '../../../kernel/html/html.js';
import type { PageOptions } from '../../../kernel/html/layout.js';
import type { OrgNode } from '../org-tree.js';
import type { PageContext } from './page-context.js';

function nodeItem(c: PageContext, n: OrgNode): SafeHtml {
  return html`<li id="org-${n.id}"><span class="org-name"${c.dataLang ? html` lang="${c.dataLang}"` : ''}>${n.name}</span><span class="org-kind">${c.l(`portal.orgKind.${n.kind}`)}</span>${n.children.length > 0 ? html`<ul>${n.children.map((ch) => nodeItem(c, ch))}</ul>` : ''}</li>`;
}

/** The public organisation tree: each top-level government with the bodies under it, as nested lists. */
export function departmentsPage(c: PageContext, roots: OrgNode[]): PageOptions {
  const main = html`<h1>${c.l('portal.departments.title')}</h1>
<p class="lead">${c.l('portal.departments.intro')}</p>
${roots.length === 0
  ? html`<p class="panel">${c.l('portal.departments.empty')}</p>`
  : roots.map((r) => html`<section class="panel" aria-labelledby="org-${r.id}-title">
<h2 id="org-${r.id}-title"${c.dataLang ? html` lang="${c.dataLang}"` : ''}>${r.name}</h2>
<ul class="org-tree" id="org-${r.id}">${r.children.map((ch) => nodeItem(c, ch))}</ul>
</section>`)}`;
  return { title: c.l('portal.departments.title'), description: c.l('portal.departments.description'), main };
}
