import { html, type SafeHtml } from '../../../kernel/html/html.js';
import type { PageOptions } from '../../../kernel/html/layout.js';
import type { InboxItem, PreferencesView } from '../../../kernel/notify/inbox.service.js';
import type { PageContext } from './page-context.js';

export interface MessagesPageData {
  inbox: { total: number; unread: number; page: number; pageSize: number; items: InboxItem[] };
  preferences: PreferencesView;
  /** The hidden CSRF field every form carries. */
  csrf: SafeHtml;
  notice?: string;
  /** Problems of a refused preferences form. */
  errors?: string[];
}

/** 2026-03-01 14:05, China Standard Time (no daylight saving). */
function chinaTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function messageItem(c: PageContext, m: InboxItem): SafeHtml {
  const unread = m.readAt === null;
  return html`<li class="message${unread ? ' message-unread' : ''}"><article aria-labelledby="m-${m.id}">
<h3 id="m-${m.id}">${unread ? html`<span class="badge badge-provisional">${c.l('portal.messages.unread')}</span> ` : ''}${m.urgent ? html`<span class="badge badge-official">${c.l('portal.messages.urgent')}</span> ` : ''}${m.title}</h3>
<p class="hint">${c.l('portal.messages.receivedAt')}<time datetime="${m.createdAt}">${chinaTime(m.createdAt)}</time></p>
<p>${m.body}</p>
${m.link ? html`<p><a href="${m.link.startsWith('/office') ? m.link : c.href(m.link)}" aria-describedby="m-${m.id}">${c.l('portal.messages.open')}</a></p>` : ''}
</article></li>`;
}

function pager(c: PageContext, page: number, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const link = (p: number, key: string, rel: string) => html`<a href="${c.href(`/messages?page=${p}`)}" rel="${rel}">${c.l(key)}</a>`;
  return html`<nav aria-label="${c.l('portal.messages.pages')}" class="pager"><ul class="toolbar-links">
${page > 1 ? html`<li>${link(page - 1, 'portal.messages.previous', 'prev')}</li>` : ''}
<li aria-current="page">${c.l('portal.messages.pageOf', { page, pages })}</li>
${page < pages ? html`<li>${link(page + 1, 'portal.messages.next', 'next')}</li>` : ''}
</ul></nav>`;
}

function preferencesForm(c: PageContext, d: MessagesPageData): SafeHtml {
  const p = d.preferences;
  const box = (cat: PreferencesView['categories'][number], channel: 'sms' | 'email') => {
    const id = `pref-${cat.category}-${channel}`;
    const available = p.channels[channel].available;
    return html`<td><input type="checkbox" id="${id}" name="${channel}:${cat.category}" value="on"${cat[channel] ? html` checked` : ''}${cat.locked || !available ? html` disabled` : ''} aria-labelledby="cat-${cat.category} col-${channel}"${cat.locked ? html` aria-describedby="locked-${cat.category}"` : ''}></td>`;
  };
  return html`<section class="panel" aria-labelledby="prefs-h">
<h2 id="prefs-h">${c.l('portal.messages.prefsTitle')}</h2>
${d.errors?.length ? html`<div class="error-summary" role="alert"><h3>${c.l('portal.messages.prefsError')}</h3><ul>${d.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
<p>${c.l('portal.messages.prefsIntro')}</p>
<ul>
<li>${p.channels.sms.available ? c.l('portal.messages.smsTo', { masked: p.channels.sms.masked }) : c.l('portal.messages.noPhone')}</li>
<li>${p.channels.email.available ? c.l('portal.messages.emailTo', { masked: p.channels.email.masked }) : c.l('portal.messages.noEmail')}</li>
</ul>
<form method="post" action="${c.href('/messages/preferences')}" aria-labelledby="prefs-h">${d.csrf}
<div class="table-wrap"><table>
<caption>${c.l('portal.messages.prefsCaption')}</caption>
<thead><tr><th scope="col">${c.l('portal.messages.category')}</th><th scope="col" id="col-sms">${c.l('portal.messages.sms')}</th><th scope="col" id="col-email">${c.l('portal.messages.email')}</th></tr></thead>
<tbody>
${p.categories.map((cat) => html`<tr><th scope="row"><span id="cat-${cat.category}">${cat.label}</span><br><span class="hint">${cat.description}</span>${cat.locked ? html`<br><span class="hint" id="locked-${cat.category}">${c.l('portal.messages.locked')}</span>` : ''}</th>${box(cat, 'sms')}${box(cat, 'email')}</tr>`)}
</tbody>
</table></div>
<div class="form-actions"><button type="submit" class="button">${c.l('portal.messages.savePrefs')}</button></div>
</form>
</section>`;
}

/** 我的消息: the signed-in person's in-app messages (unread marked in words, not only colour), mark-all-read, and channel choices. */
export function messagesPage(c: PageContext, d: MessagesPageData): PageOptions {
  const { inbox } = d;
  const pages = Math.max(1, Math.ceil(inbox.total / inbox.pageSize));
  const main = html`<h1>${c.l('portal.messages.title')}</h1>
${d.notice ? html`<p class="notice" role="status">${d.notice}</p>` : ''}
<section aria-labelledby="list-h">
<h2 id="list-h">${c.l('portal.messages.listTitle')}</h2>
<p>${inbox.total === 0 ? c.l('portal.messages.empty') : c.l('portal.messages.summary', { total: inbox.total, unread: inbox.unread })}</p>
${inbox.unread > 0 ? html`<form method="post" action="${c.href('/messages/read-all')}">${d.csrf}<div class="form-actions"><button type="submit" class="button button-secondary">${c.l('portal.messages.readAll')}</button></div></form>` : ''}
${inbox.items.length ? html`<ul class="message-list">${inbox.items.map((m) => messageItem(c, m))}</ul>` : ''}
${pager(c, inbox.page, pages)}
</section>
${preferencesForm(c, d)}`;
  return { title: c.l('portal.messages.title'), main };
}
