/**
 * Quiet hours for non-urgent SMS (no text at night), in China Standard Time (UTC+8, no daylight saving).
 * A spec is 'HH:MM-HH:MM'; a start after the end wraps over midnight ('22:00-08:00'). '' means none.
 */
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

function parse(spec: string): { start: number; end: number } | null {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(spec.trim());
  if (!m) return null;
  const start = (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  const end = (Number(m[3]) * 60 + Number(m[4])) * 60_000;
  return start === end ? null : { start, end };
}

/** When the quiet period that `now` falls in ends, or null when `now` is not in quiet hours. */
export function quietUntil(now: Date, spec: string): Date | null {
  const q = parse(spec);
  if (!q) return null;
  const t = now.getTime();
  const ofDay = (((t + CST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  const quiet = q.start < q.end ? ofDay >= q.start && ofDay < q.end : ofDay >= q.start || ofDay < q.end;
  if (!quiet) return null;
  return new Date(t + ((q.end - ofDay + DAY_MS) % DAY_MS));
}

/** Whether a spec is one this module understands ('' included). */
export function isQuietHoursSpec(spec: string): boolean {
  return spec.trim() === '' || parse(spec) !== null;
}
