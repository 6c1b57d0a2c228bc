import type { Db, Queryable } from '../db/db.js';
import { calendarRepository, type DayRow } from './calendar.repository.js';
import { addDays, todayInChina, yearOf, type IsoDate } from './dates.js';
import { computeDeadline, type DayKind, type DeadlineResult, type LimitUnit, type ScheduleView, workingDaysBetween } from './deadline.js';
import { officialSchedules } from './official-schedule.js';

/** Region codes whose schedules apply to `region`: its province, prefecture, county (and itself). */
/**
 * The calendar's form of a region code: the directory writes a province as '99' and a prefecture as
 * '9901' (GB/T 2260 without trailing zeros); schedules store them padded to six digits ('990000', '990100').
 */
export function normalizeRegion(region?: string): string {
  if (!region) return '';
  return region.length < 6 ? region.padEnd(6, '0') : region;
}

export function regionChain(region?: string): string[] {
  if (!region) return [];
  const chain = new Set<string>();
  if (region.length >= 2) chain.add(region.slice(0, 2).padEnd(6, '0'));
  if (region.length >= 4) chain.add(region.slice(0, 4).padEnd(6, '0'));
  if (region.length >= 6) chain.add(region.slice(0, 6));
  if (region.length > 6) { chain.add(region.slice(0, 9)); chain.add(region); }
  return [...chain];
}

/**
 * Statutory deadlines. The schedule lives in the database (official years loaded from the
 * `chinese-days` package at start, later years entered by administrators, regional holidays on top),
 * so every server process counts the same days.
 */
export class CalendarService {
  constructor(private readonly db: Db) {}

  /** A view of the schedule over [from, to] for a region; the most specific region's entry wins. */
  async view(from: IsoDate, to: IsoDate, region?: string, q: Queryable = this.db): Promise<ScheduleView> {
    const chain = regionChain(region);
    const rows = await calendarRepository.daysInRange(q, from, to, chain);
    const known = await calendarRepository.knownYears(q);
    const rank = (r: DayRow) => (r.region_code === '' ? -1 : chain.indexOf(r.region_code));
    const byDay = new Map<string, DayRow>();
    for (const r of rows) {
      const prev = byDay.get(r.day);
      if (!prev || rank(r) > rank(prev)) byDay.set(r.day, r);
    }
    const nationalYears = new Set(known.filter((k) => k.region_code === '').map((k) => Number(k.year)));
    return {
      kindOf: (d) => byDay.get(d)?.kind as DayKind | undefined,
      knowsYear: (y) => nationalYears.has(y),
    };
  }

  async deadline(from: IsoDate, days: number, unit: LimitUnit, region?: string): Promise<DeadlineResult> {
    // Enough room for the longest holiday stretches. Every day the count looks at lies between `from` and
    // the deadline, so a deadline inside the window is exact; one past it (long regional holidays) widens the window.
    let span = unit === 'working' ? Math.ceil(days * 1.6) + 40 : days + 30;
    for (;;) {
      const to = addDays(from, span);
      const result = computeDeadline(await this.view(from, to, region), from, days, unit);
      if (result.deadline <= to) return result;
      span *= 2;
    }
  }

  async workingDaysBetween(from: IsoDate, to: IsoDate, region?: string): Promise<number> {
    const [a, b] = from <= to ? [from, to] : [to, from];
    return workingDaysBetween(await this.view(a, b, region), from, to);
  }

  /** Which years have an official schedule, and whether administrators must enter next year's soon. */
  async status(today: IsoDate = todayInChina()) {
    const years = await calendarRepository.knownYears(this.db);
    const national = years.filter((y) => y.region_code === '').map((y) => Number(y.year));
    const year = yearOf(today);
    const nextYearKnown = national.includes(year + 1);
    // The State Council publishes in November: from then on the missing next year is a warning.
    const warnNextYear = !nextYearKnown && today.slice(5) >= '11-01';
    return { today, knownYears: national, currentYearKnown: national.includes(year), nextYearKnown, warnNextYear, regional: years.filter((y) => y.region_code !== '') };
  }

  async yearSchedule(year: number, region = '') {
    return calendarRepository.daysOfYear(this.db, year, normalizeRegion(region));
  }

  /** Enters (or replaces) a year's schedule for the nation or a region. */
  async setYear(q: Queryable, year: number, region: string, days: { day: string; kind: 'rest' | 'work'; name: string }[], note: string, by: string | null) {
    await calendarRepository.replaceYear(q, year, normalizeRegion(region), 'admin', note, days, by);
  }

  /**
   * Loads official years shipped with the schedule package, never overwriting what an administrator entered.
   * One read when every year is already there (every start but the first); otherwise one transaction for all
   * the missing years, so a fresh database does not pay a transaction per year.
   */
  async loadOfficialSchedules(): Promise<number[]> {
    const schedules = officialSchedules();
    const known = new Set((await calendarRepository.knownYears(this.db)).filter((k) => k.region_code === '').map((k) => Number(k.year)));
    const missing = [...schedules.keys()].filter((y) => !known.has(y));
    if (!missing.length) return [];
    return this.db.tx(async (tx) => {
      const claimed = (await calendarRepository.claimYears(tx, missing, '', 'package:chinese-days')).sort((a, b) => a - b);
      if (claimed.length) await calendarRepository.replaceDaysOfYears(tx, claimed, '', claimed.flatMap((y) => schedules.get(y)!));
      return claimed;
    });
  }
}
