/**
 * Server-rendered HTML with escaping by default: every interpolated value is escaped unless it is
 * itself the result of `html` (or `raw`). Arrays are joined. `null`, `undefined` and `false` render nothing.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() { return this.value; }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Trusted markup (never user input). */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}
