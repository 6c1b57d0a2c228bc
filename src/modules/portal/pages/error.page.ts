import { html } from '../../../kernel/html/html.js';
import type { ShellPage } from '../../../kernel/html/shell.js';
import type { PageContext } from './page-context.js';

const TITLED = new Set([400, 401, 403, 404, 429, 500]);

/** The page for an error outside the API: what happened in plain words, and where to go next. */
export function errorPage(c: PageContext, status: number, message: string): ShellPage {
  const key = TITLED.has(status) ? status : status >= 500 ? 500 : 400;
  const title = c.l(`portal.error.title${key}`);
  const main = html`<section class="panel" aria-labelledby="error-title">
<h1 id="error-title">${title}</h1>
<p class="lead">${message}</p>
<p>${c.l('portal.error.status', { status })}</p>
<p>${c.l('portal.error.help')}</p>
<ul>
<li><a href="${c.href('/')}">${c.l('portal.error.home')}</a></li>
<li><a href="${c.href('/departments')}">${c.l('portal.error.departments')}</a></li>
</ul>
</section>`;
  return { title, main };
}
