import { addDays, isWeekend, yearOf, type IsoDate } from './dates.js';

export type DayKind = 'rest' | 'work';
export type LimitUnit = 'working' | 'calendar';

/** The official schedule known for a stretch of dates: holiday rest days and make-up working days. */
export interface ScheduleView {
  /** The kind an official schedule gives a date, if any (most specific region first). */
  kindOf(date: IsoDate): DayKind | undefined;
  /** Whether an official schedule is known for the year. */
  knowsYear(year: number): boolean;
}

export interface DeadlineResult {
  deadline: IsoDate;
  provisional: boolean;
  /** Years the count ran through without an official schedule (treated as ordinary weeks). */
  unknownYears: number[];
}

/** A working day: a make-up working day, or a weekday that is not a holiday. */
export function isWorkingDay(view: ScheduleView, date: IsoDate): boolean {
  const kind = view.kindOf(date);
  if (kind) return kind === 'work';
  return !isWeekend(date);
}

/**
 * The last day of a period per RULES.md: the start day is not counted; working days skip weekends and
 * holidays and count make-up days; a calendar-day period ending on a rest day ends on the next working day.
 */
export function computeDeadline(view: ScheduleView, from: IsoDate, days: number, unit: LimitUnit): DeadlineResult {
  let date = from;
  if (unit === 'working') {
    for (let counted = 0; counted < days;) {
      date = addDays(date, 1);
      if (isWorkingDay(view, date)) counted++;
    }
  } else {
    date = addDays(from, days);
    while (days > 0 && !isWorkingDay(view, date)) date = addDays(date, 1);
  }
  // The years whose days were looked at: from the day after the start through the deadline.
  const first = days > 0 ? addDays(from, 1) : from;
  const unknownYears: number[] = [];
  for (let y = yearOf(first); y <= yearOf(date); y++) if (!view.knowsYear(y)) unknownYears.push(y);
  return { deadline: date, provisional: unknownYears.length > 0, unknownYears };
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(view: ScheduleView, from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysBetween(view, to, from);
  let n = 0;
  for (let d = from; d < to;) {
    d = addDays(d, 1);
    if (isWorkingDay(view, d)) n++;
  }
  return n;
}
