import { isIsoDate } from '../../kernel/calendar/dates.js';
import type { LimitUnit } from '../../kernel/calendar/deadline.js';
import type { FieldError } from '../../kernel/http/errors.js';

/** What the visitor typed, echoed back into the form as typed. */
export interface DeadlineFormValues {
  from: string;
  days: string;
  unit: string;
}

export interface DeadlineQuery {
  from: string;
  days: number;
  unit: LimitUnit;
}

export const DAYS_MIN = 1;
export const DAYS_MAX = 3650;
// The schedule is kept from 2004 on; earlier or far-future starts are almost certainly typing mistakes.
export const YEAR_MIN = 1990;
export const YEAR_MAX = 2099;

export type DeadlineForm =
  | { state: 'empty'; values: DeadlineFormValues }
  | { state: 'invalid'; values: DeadlineFormValues; errors: FieldError[] }
  | { state: 'valid'; values: DeadlineFormValues; query: DeadlineQuery };

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Reads the calculator's GET form. Nothing asked yet → an empty form; otherwise every field is checked
 * and each problem named in the visitor's terms (field errors, not a generic failure).
 */
export function readDeadlineForm(raw: Record<string, unknown>): DeadlineForm {
  const values = { from: text(raw.from), days: text(raw.days), unit: text(raw.unit) };
  if (raw.from === undefined && raw.days === undefined && raw.unit === undefined) {
    return { state: 'empty', values: { ...values, unit: 'working' } };
  }
  const errors: FieldError[] = [];
  // Full-width digits and hyphens typed with a Chinese input method are still what the visitor meant.
  const from = toHalfWidth(values.from);
  if (!from) errors.push({ field: 'from', key: 'portal.calendar.from.required' });
  else if (!isIsoDate(from)) errors.push({ field: 'from', key: 'portal.calendar.from.invalid' });
  else if (Number(from.slice(0, 4)) < YEAR_MIN || Number(from.slice(0, 4)) > YEAR_MAX) {
    errors.push({ field: 'from', key: 'portal.calendar.from.range', params: { min: YEAR_MIN, max: YEAR_MAX } });
  }
  const daysText = toHalfWidth(values.days);
  const days = Number(daysText);
  if (!daysText) errors.push({ field: 'days', key: 'portal.calendar.days.required' });
  else if (!/^\d+$/.test(daysText)) errors.push({ field: 'days', key: 'portal.calendar.days.integer' });
  else if (days < DAYS_MIN || days > DAYS_MAX) errors.push({ field: 'days', key: 'portal.calendar.days.range', params: { min: DAYS_MIN, max: DAYS_MAX } });
  if (!values.unit) errors.push({ field: 'unit', key: 'portal.calendar.unit.required' });
  else if (values.unit !== 'working' && values.unit !== 'calendar') errors.push({ field: 'unit', key: 'portal.calendar.unit.invalid' });
  if (errors.length > 0) return { state: 'invalid', values, errors };
  return { state: 'valid', values, query: { from, days, unit: values.unit as LimitUnit } };
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uff10-\uff19\uff0d]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[－—–]/g, '-');
}
