import { html } from '../../../kernel/html/html.js';
import type { PageOptions } from '../../../kernel/html/layout.js';
import { errorSummary } from '../../../kernel/html/forms.js';
import type { PageContext } from './page-context.js';

/**
 * The large-text switch as a page of its own (reached without the `mode` parameter, or after a bad one):
 * two plain links, so that it works without script.
 */
export function displayPage(c: PageContext, large: boolean, back: string, errors: { field: string; message: string }[]): PageOptions {
  const to = (mode: 'large' | 'standard') => c.href(`/display?mode=${mode}&back=${encodeURIComponent(back)}`);
  const main = html`<h1>${c.l('portal.display.title')}</h1>
${errorSummary(c.l('portal.calendar.errorTitle'), errors)}
<section class="panel" aria-labelledby="mode-title">
<h2 id="mode-title">${c.l('portal.display.current', { mode: c.l(large ? 'portal.display.large' : 'portal.display.standard') })}</h2>
<p>${c.l('portal.display.intro')}</p>
<ul class="mode-choices">
<li><a id="f-mode" class="button${large ? ' button-secondary' : ''}" href="${to('large')}"${large ? html` aria-current="true"` : ''}>${c.l('portal.display.useLarge')}</a></li>
<li><a class="button${large ? '' : ' button-secondary'}" href="${to('standard')}"${large ? '' : html` aria-current="true"`}>${c.l('portal.display.useStandard')}</a></li>
</ul>
<p><a id="f-back" href="${back}">${c.l('portal.display.back')}</a></p>
</section>`;
  return { title: (errors.length > 0 ? c.l('portal.error.titlePrefix') : '') + c.l('portal.display.title'), description: c.l('portal.display.description'), main };
}
