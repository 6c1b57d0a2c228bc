import { html, type SafeHtml } from '../../../kernel/html/html.js';
import type { PageOptions } from '../../../kernel/html/layout.js';
import { errorSummary, radioGroup, submitButton, textField } from '../../../kernel/html/forms.js';
import { yearOf } from '../../../kernel/calendar/dates.js';
import type { DeadlineResult } from '../../../kernel/calendar/deadline.js';
import type { CalendarPageData, CalendarStatus } from '../portal.service.js';
import type { DeadlineQuery } from '../deadline-form.js';
import type { PageContext } from './page-context.js';

/** Years as compact ranges: [2004…2026, 2028] → '2004–2026, 2028'. */
export function yearRanges(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function longDate(c: PageContext, iso: string): string {
  return new Intl.DateTimeFormat(c.locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

function resultSection(c: PageContext, q: DeadlineQuery, r: DeadlineResult): SafeHtml {
  const unit = c.l(`portal.calendar.unit.${q.unit}`);
  return html`<section class="panel result" aria-labelledby="result-title">
<h2 id="result-title">${c.l('portal.calendar.resultTitle')}</h2>
<p class="deadline">${c.l('portal.calendar.deadline')}<strong><time datetime="${r.deadline}">${r.deadline}</time></strong>${c.l('portal.calendar.longDate', { date: longDate(c, r.deadline) })}
${r.provisional
  ? html`<span class="badge badge-provisional">${c.l('portal.calendar.provisional')}</span>`
  : html`<span class="badge badge-official">${c.l('portal.calendar.official')}</span>`}</p>
<p>${c.l('portal.calendar.summary', { from: q.from, days: q.days, unit })}</p>
${r.provisional ? html`<p class="notice">${c.l('portal.calendar.provisionalWhy', { years: yearRanges(r.unknownYears) })}</p>` : ''}
</section>`;
}

function statusSection(c: PageContext, s: CalendarStatus): SafeHtml {
  const year = yearOf(s.today);
  return html`<section class="panel" aria-labelledby="status-title">
<h2 id="status-title">${c.l('portal.calendar.statusTitle')}</h2>
<p>${s.knownYears.length > 0 ? c.l('portal.calendar.knownYears', { years: yearRanges(s.knownYears) }) : c.l('portal.calendar.noKnownYears')}</p>
${s.knownYears.length > 0 && !s.currentYearKnown ? html`<p class="notice">${c.l('portal.calendar.currentYearMissing', { year })}</p>` : ''}
${s.currentYearKnown && !s.nextYearKnown && s.warnNextYear ? html`<p class="notice">${c.l('portal.calendar.nextYearMissing', { year: year + 1 })}</p>` : ''}
</section>`;
}

/** The public deadline calculator: a GET form (works without script), the result, and which years are official. */
export function calendarPage(c: PageContext, data: CalendarPageData): PageOptions {
  const { form } = data;
  const errors = form.state === 'invalid' ? form.errors.map((e) => ({ field: e.field, message: c.l(e.key, e.params) })) : [];
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const main = html`<h1>${c.l('portal.calendar.title')}</h1>
<p class="lead">${c.l('portal.calendar.intro')}</p>
${errorSummary(c.l('portal.calendar.errorTitle'), errors)}
${form.state === 'valid' && data.result ? resultSection(c, form.query, data.result) : ''}
<section class="panel" aria-labelledby="form-title">
<h2 id="form-title">${c.l('portal.calendar.formTitle')}</h2>
<form method="get" action="${c.href('/calendar')}" novalidate>
${textField({ name: 'from', label: c.l('portal.calendar.from'), hint: c.l('portal.calendar.fromHint'), value: form.values.from, error: errorOf('from'), type: 'date', required: true })}
${textField({ name: 'days', label: c.l('portal.calendar.days'), hint: c.l('portal.calendar.daysHint'), value: form.values.days, error: errorOf('days'), inputmode: 'numeric', maxlength: 6, required: true })}
${radioGroup({
  name: 'unit',
  legend: c.l('portal.calendar.unit'),
  value: form.values.unit,
  error: errorOf('unit'),
  required: true,
  options: [
    { value: 'working', label: c.l('portal.calendar.unit.working') },
    { value: 'calendar', label: c.l('portal.calendar.unit.calendar') },
  ],
})}
${submitButton(c.l('portal.calendar.submit'))}
</form>
</section>
${statusSection(c, data.status)}`;
  // A screen reader hears the failure first, before it reaches the summary.
  const title = (errors.length > 0 ? c.l('portal.error.titlePrefix') : '') + c.l('portal.calendar.title');
  return { title, description: c.l('portal.calendar.description'), main };
}
