import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../../kernel/i18n/i18n.js';
import { AppError } from '../../../kernel/http/errors.js';
import { html, type SafeHtml } from '../../../kernel/html/html.js';
import { csrfField, localePath } from '../../../kernel/html/layout.js';
import { errorSummary, textField, type FieldOptions } from '../../../kernel/html/forms.js';

/** A form's state between a post and its re-rendering: entered values (never passwords), errors, a notice. */
export interface FormState {
  values: Record<string, string>;
  fieldErrors: Record<string, string>;
  /** Problems not tied to one field (bad credentials, too many requests). */
  general: string[];
  notice?: string;
  status: number;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, fieldErrors: {}, general: [], status: 200 });

/** The posted form's fields as trimmed strings (a field sent twice counts once). */
export function formValues(body: unknown, fields: string[]): Record<string, string> {
  const b = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = Array.isArray(b[f]) ? b[f][0] : b[f];
    out[f] = typeof v === 'string' ? v : '';
  }
  return out;
}

/** Turns a service's AppError into form state; anything else is a bug and goes on to the error handler. */
export function formFailure(req: FastifyRequest, err: unknown, values: Record<string, string>): FormState {
  if (!(err instanceof AppError)) throw err;
  const state = emptyForm(values);
  state.status = err.status;
  for (const f of err.fields) state.fieldErrors[f.field] ??= t(req.locale, f.key, f.params);
  if (err.fields.length === 0) state.general.push(t(req.locale, err.key, err.params));
  return state;
}

export function l(req: FastifyRequest, key: string, params?: Record<string, unknown>): string {
  return t(req.locale, key, params);
}

/** Error summary (fields link to their inputs) and any general problem, announced to screen readers. */
export function problems(req: FastifyRequest, state: FormState, order: string[]): SafeHtml {
  const fields = order.filter((f) => state.fieldErrors[f]).map((f) => ({ field: f, message: state.fieldErrors[f] }));
  const general = state.general.length
    ? html`<div class="error-summary" role="alert"><h2>${l(req, 'identity.page.errorTitle')}</h2><ul>${state.general.map((m) => html`<li>${m}</li>`)}</ul></div>`
    : '';
  return html`${general}${errorSummary(l(req, 'identity.page.errorTitle'), fields)}${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ''}`;
}

/** A text field filled from the form state. */
export function field(req: FastifyRequest, state: FormState, f: Omit<FieldOptions, 'label' | 'value' | 'error' | 'hint'> & { label: string; hint?: string; optional?: boolean; keep?: boolean }): SafeHtml {
  const label = l(req, f.label) + (f.optional ? l(req, 'identity.page.optional') : '');
  return textField({
    ...f, label, hint: f.hint ? l(req, f.hint) : undefined, error: state.fieldErrors[f.name],
    value: f.type === 'password' ? '' : (state.values[f.name] ?? ''),
  });
}

export function formStart(req: FastifyRequest, reply: FastifyReply, secure: boolean, action: string, label?: string): SafeHtml {
  return html`<form method="post" action="${localePath(req, action)}" novalidate${label ? html` aria-label="${label}"` : ''}>${csrfField(req, reply, secure)}`;
}

/** A redirect target from `?next=` that stays on this site. */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || next.length > 300) return null;
  return next;
}

/** Keeps the last four characters only: the owner's own ID number is still not shown whole on screen. */
export function lastFour(value: string): string {
  return '*'.repeat(Math.max(0, value.length - 4)) + value.slice(-4);
}
