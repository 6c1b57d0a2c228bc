import { html, type SafeHtml } from '../../../kernel/html/html.js';
import type { PageOptions } from '../../../kernel/html/layout.js';
import type { PublicOrgRow } from '../portal.repository.js';
import type { PageContext } from './page-context.js';

function entry(href: string, title: string, desc: string): SafeHtml {
  return html`<li><a class="entry" href="${href}"><span class="entry-title">${title}</span><span class="entry-desc">${desc}</span></a></li>`;
}

/** Entries that depend on who is looking: visitors register or sign in; account holders go on to their own place. */
function accountEntries(c: PageContext): SafeHtml {
  if (!c.viewer) {
    return html`${entry(c.href('/register'), c.l('portal.home.entry.register'), c.l('portal.home.entry.registerDesc'))}
${entry(c.href('/login'), c.l('portal.home.entry.login'), c.l('portal.home.entry.loginDesc'))}`;
  }
  if (c.viewer.kind === 'staff') return entry('/office/', c.l('portal.home.entry.office'), c.l('portal.home.entry.officeDesc'));
  return entry(c.href('/account'), c.l('portal.home.entry.account'), c.l('portal.home.entry.accountDesc'));
}

export function homePage(c: PageContext, departments: PublicOrgRow[]): PageOptions {
  const main = html`<section class="panel" aria-labelledby="intro-title">
<h1 id="intro-title">${c.l('portal.home.heading')}</h1>
<p class="lead">${c.l('portal.home.intro')}</p>
</section>
<section aria-labelledby="entries-title">
<h2 id="entries-title">${c.l('portal.home.entries')}</h2>
<ul class="entry-grid">
${entry(c.href('/calendar'), c.l('portal.home.entry.calendar'), c.l('portal.home.entry.calendarDesc'))}
${entry(c.href('/departments'), c.l('portal.home.entry.departments'), c.l('portal.home.entry.departmentsDesc'))}
${accountEntries(c)}
</ul>
</section>
<section class="panel" aria-labelledby="departments-title">
<h2 id="departments-title">${c.l('portal.home.departments')}</h2>
${departments.length === 0
  ? html`<p>${c.l('portal.home.noDepartments')}</p>`
  : html`<ul class="dept-list">${departments.map((d) => html`<li><a href="${c.href('/departments')}#org-${d.id}"${c.dataLang ? html` lang="${c.dataLang}"` : ''}>${d.name}</a></li>`)}</ul>`}
<p><a href="${c.href('/departments')}">${c.l('portal.home.allDepartments')}</a></p>
</section>`;
  return { title: c.l('portal.home.title'), description: c.l('portal.home.description'), main };
}
