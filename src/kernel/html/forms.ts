import { html, type SafeHtml } from './html.js';

export interface FieldOptions {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'password' | 'tel' | 'email' | 'number' | 'date';
  autocomplete?: string;
  required?: boolean;
  inputmode?: string;
  maxlength?: number;
}

/** A labelled input with its hint and error tied to it for screen readers (aria-describedby). */
export function textField(f: FieldOptions): SafeHtml {
  const id = `f-${f.name}`;
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${f.error ? ' field-error' : ''}">
<label for="${id}">${f.label}${f.required ? html`<span class="required" aria-hidden="true"> *</span>` : ''}</label>
${f.hint ? html`<p class="hint" id="${id}-hint">${f.hint}</p>` : ''}
${f.error ? html`<p class="error-message" id="${id}-error">${f.error}</p>` : ''}
<input id="${id}" name="${f.name}" type="${f.type ?? 'text'}" value="${f.value ?? ''}"${f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''}${f.required ? html` required aria-required="true"` : ''}${f.inputmode ? html` inputmode="${f.inputmode}"` : ''}${f.maxlength ? html` maxlength="${f.maxlength}"` : ''}${described ? html` aria-describedby="${described}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>
</div>`;
}

/** The list of problems at the top of a form, each linking to its field. */
export function errorSummary(title: string, errors: { field: string; message: string }[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1"><h2>${title}</h2><ul>${errors.map((e) => html`<li><a href="#f-${e.field}">${e.message}</a></li>`)}</ul></div>`;
}

export interface ChoiceOptions {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

/**
 * A group of radio buttons in a fieldset whose legend names the question. The first button carries the
 * id `f-<name>`, so that the error summary's link lands on the group.
 */
export function radioGroup(f: ChoiceOptions): SafeHtml {
  const id = `f-${f.name}`;
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${f.error ? ' field-error' : ''}">
<fieldset class="choices"${described ? html` aria-describedby="${described}"` : ''}>
<legend>${f.legend}${f.required ? html`<span class="required" aria-hidden="true"> *</span>` : ''}</legend>
${f.hint ? html`<p class="hint" id="${id}-hint">${f.hint}</p>` : ''}
${f.error ? html`<p class="error-message" id="${id}-error">${f.error}</p>` : ''}
${f.options.map((o, i) => {
  const oid = i === 0 ? id : `${id}-${i}`;
  return html`<div class="choice"><input type="radio" id="${oid}" name="${f.name}" value="${o.value}"${o.value === f.value ? html` checked` : ''}${f.required ? html` required` : ''}><label for="${oid}">${o.label}</label></div>`;
})}
</fieldset>
</div>`;
}

/** The one primary action of a form. */
export function submitButton(label: string): SafeHtml {
  return html`<div class="actions"><button type="submit" class="button">${label}</button></div>`;
}
