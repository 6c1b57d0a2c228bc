import type { FieldError } from '../../kernel/http/errors.js';
import { badRequest } from '../../kernel/http/errors.js';
import { validateIdNumber } from '../../kernel/identifiers/id-number.js';
import { validateCreditCode } from '../../kernel/identifiers/credit-code.js';
import { isMobilePhone, normalizePhone } from '../../kernel/identifiers/phone.js';

/**
 * Collects every problem of a submitted form before answering, so that a person fixes them all in one
 * round (the portal forms post raw strings; the API's schemas catch types earlier, these catch meaning).
 */
export class FieldChecks {
  readonly errors: FieldError[] = [];

  add(field: string, key: string, params?: Record<string, unknown>) {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, key, params });
  }

  has(field: string) {
    return this.errors.some((e) => e.field === field);
  }

  /** Trimmed text; records "required" or "too long" problems. */
  text(field: string, value: unknown, opts: { required?: boolean; max: number }): string {
    const v = typeof value === 'string' ? value.trim() : '';
    if (!v && opts.required) this.add(field, 'validation.required');
    else if ([...v].length > opts.max) this.add(field, 'validation.maxLength', { limit: opts.max });
    return v;
  }

  idNumber(field: string, value: unknown): string {
    const v = this.text(field, value, { required: true, max: 30 });
    if (!v) return v;
    const r = validateIdNumber(v);
    if (!r.ok) { this.add(field, `identity.idNumber.${r.problem}`); return v; }
    return r.value;
  }

  creditCode(field: string, value: unknown): string {
    const v = this.text(field, value, { required: true, max: 30 });
    if (!v) return v;
    const r = validateCreditCode(v);
    if (!r.ok) { this.add(field, `identity.creditCode.${r.problem}`); return v; }
    return r.value;
  }

  phone(field: string, value: unknown): string {
    const v = this.text(field, value, { required: true, max: 20 });
    if (!v) return v;
    if (!isMobilePhone(v)) { this.add(field, 'identity.phone.format'); return v; }
    return normalizePhone(v);
  }

  email(field: string, value: unknown): string | null {
    const v = this.text(field, value, { max: 254 });
    if (!v) return null;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) this.add(field, 'identity.email.format');
    return v;
  }

  smsCode(field: string, value: unknown): string {
    const v = this.text(field, value, { required: true, max: 6 });
    if (v && !/^\d{6}$/.test(v)) this.add(field, 'identity.smsCode.format');
    return v;
  }

  /** A person's name: Chinese names may carry the middle dot of ethnic-minority names (·). */
  personName(field: string, value: unknown): string {
    const v = this.text(field, value, { required: true, max: 50 });
    if (v && /[<>{}\d@#$%^&*=+\\/|]/.test(v)) this.add(field, 'identity.name.format');
    return v;
  }

  /** Runs a check that throws a field error (the kernel's password policy) and records it instead. */
  capture(check: () => void) {
    try {
      check();
    } catch (e) {
      const fields = (e as { fields?: FieldError[] }).fields;
      if (!fields) throw e;
      for (const f of fields) this.add(f.field, f.key, f.params);
    }
  }

  throwIfAny() {
    if (this.errors.length) throw badRequest('error.validation', this.errors);
  }
}
