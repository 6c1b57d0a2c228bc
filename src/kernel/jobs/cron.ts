/**
 * The five-field cron subset used by job schedules: `minute hour day-of-month month day-of-week`, each
 * `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, or a comma list of these; month and weekday
 * names (JAN, MON); weekday 0 or 7 is Sunday. As in Vixie cron, when both day fields are restricted a
 * day matching either one is due. Times are evaluated at a fixed UTC offset (China: +08:00, no daylight
 * saving), so the arithmetic is exact. See docs/decisions/0007-jobs.md for why this is not a package.
 */
export interface CronExpression {
  source: string;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const ALIASES: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

export class CronError extends Error {}

function parseField(text: string, min: number, max: number, names?: string[], nameBase = 0): Set<number> {
  const out = new Set<number>();
  const value = (s: string): number => {
    const upper = s.toUpperCase();
    if (names) {
      const i = names.indexOf(upper);
      if (i >= 0) return i + nameBase;
    }
    if (!/^\d+$/.test(s)) throw new CronError(`not a number: ${s}`);
    const n = Number(s);
    if (n < min || n > max) throw new CronError(`${n} is outside ${min}-${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new CronError(`bad field: ${text}`);
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) throw new CronError(`bad step in ${part}`);
    let lo: number;
    let hi: number;
    if (m[1] === '*') [lo, hi] = [min, max];
    else if (m[1].includes('-')) {
      const [a, b] = m[1].split('-');
      [lo, hi] = [value(a), value(b)];
      if (lo > hi) throw new CronError(`empty range ${m[1]}`);
    } else {
      lo = value(m[1]);
      hi = m[2] === undefined ? lo : max;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expression: string): CronExpression {
  const source = expression.trim();
  const fields = (ALIASES[source.toLowerCase()] ?? source).split(/\s+/);
  if (fields.length !== 5) throw new CronError(`expected 5 fields, got ${fields.length}: "${expression}"`);
  const weekdays = parseField(fields[4], 0, 7, WEEKDAYS);
  if (weekdays.delete(7)) weekdays.add(0);
  return {
    source,
    minutes: parseField(fields[0], 0, 59),
    hours: parseField(fields[1], 0, 23),
    days: parseField(fields[2], 1, 31),
    months: parseField(fields[3], 1, 12, MONTHS, 1),
    weekdays,
    daysRestricted: fields[2] !== '*' && !fields[2].startsWith('*/'),
    weekdaysRestricted: fields[4] !== '*' && !fields[4].startsWith('*/'),
  };
}

function dayMatches(c: CronExpression, d: Date): boolean {
  const dom = c.days.has(d.getUTCDate());
  const dow = c.weekdays.has(d.getUTCDay());
  if (c.daysRestricted && c.weekdaysRestricted) return dom || dow;
  return dom && dow;
}

/**
 * The first time strictly after `after` that the expression matches, at `offsetMinutes` from UTC
 * (default +480, China Standard Time). Throws if nothing matches within eight years (e.g. 31 February).
 */
export function nextCronTime(expression: string | CronExpression, after: Date, offsetMinutes = 480): Date {
  const c = typeof expression === 'string' ? parseCron(expression) : expression;
  const shift = offsetMinutes * 60_000;
  // Work on "local" wall time held in a Date's UTC fields.
  const t = new Date(Math.floor((after.getTime() + shift) / 60_000) * 60_000 + 60_000);
  const limit = t.getTime() + 8 * 366 * 86_400_000;
  while (t.getTime() < limit) {
    if (!c.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(c, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!c.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!c.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return new Date(t.getTime() - shift);
  }
  throw new CronError(`"${c.source}" never matches`);
}
