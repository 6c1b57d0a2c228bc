import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeDeadline, isWorkingDay, type DayKind, type ScheduleView, workingDaysBetween } from '../../src/kernel/calendar/deadline.js';
import { officialSchedules } from '../../src/kernel/calendar/official-schedule.js';
import { addDays, isIsoDate, todayInChina } from '../../src/kernel/calendar/dates.js';
import { regionChain } from '../../src/kernel/calendar/calendar.service.js';

/** The schedule the platform loads at start (official years only), with extra entries on top. */
function officialView(extra: Record<string, DayKind> = {}, extraYears: number[] = []): ScheduleView {
  const kinds = new Map<string, DayKind>();
  const schedules = officialSchedules();
  for (const days of schedules.values()) for (const d of days) kinds.set(d.day, d.kind);
  for (const [day, kind] of Object.entries(extra)) kinds.set(day, kind);
  const years = new Set([...schedules.keys(), ...extraYears]);
  return { kindOf: (d) => kinds.get(d), knowsYear: (y) => years.has(y) };
}

const view = officialView();
const working = (from: string, days: number) => computeDeadline(view, from, days, 'working');
const calendar = (from: string, days: number) => computeDeadline(view, from, days, 'calendar');

test('the official data knows 2026 but not 2027', () => {
  const years = officialSchedules();
  assert.ok(years.has(2026));
  assert.ok(!years.has(2027), 'the package does not carry 2027: if it does now, update the provisional tests');
  const spring = years.get(2026)!.filter((d) => d.day >= '2026-02-01' && d.day <= '2026-02-28');
  assert.deepEqual(spring.filter((d) => d.kind === 'work').map((d) => d.day).sort(), ['2026-02-14', '2026-02-28']);
  assert.equal(spring.filter((d) => d.kind === 'rest').length, 9);
  assert.ok(spring.every((d) => d.name === '春节'), 'holiday names are the Chinese ones');
});

test('RULES example: 20 working days after 2026-09-28 is 2026-10-30', () => {
  assert.deepEqual(working('2026-09-28', 20), { deadline: '2026-10-30', provisional: false, unknownYears: [] });
});

test('National Day 2026: rest 10-01..10-07, make-up days 09-20 and 10-10 count', () => {
  for (let d = '2026-10-01'; d <= '2026-10-07'; d = addDays(d, 1)) assert.equal(isWorkingDay(view, d), false, d);
  assert.equal(isWorkingDay(view, '2026-09-20'), true, 'Sunday 09-20 is a make-up working day');
  assert.equal(isWorkingDay(view, '2026-10-10'), true, 'Saturday 10-10 is a make-up working day');
  assert.equal(isWorkingDay(view, '2026-10-11'), false, 'an ordinary Sunday');
  // Friday 09-18 → the next working day is the make-up Sunday 09-20.
  assert.equal(working('2026-09-18', 1).deadline, '2026-09-20');
  // Wednesday 09-30 → 10-08 (Thu), 10-09 (Fri), 10-10 (make-up Saturday).
  assert.equal(working('2026-09-30', 1).deadline, '2026-10-08');
  assert.equal(working('2026-09-30', 3).deadline, '2026-10-10');
  assert.equal(working('2026-09-30', 4).deadline, '2026-10-12');
});

test('Spring Festival 2026: rest 02-15..02-23, make-up days 02-14 and 02-28', () => {
  for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) assert.equal(isWorkingDay(view, d), false, d);
  assert.equal(isWorkingDay(view, '2026-02-14'), true);
  assert.equal(isWorkingDay(view, '2026-02-28'), true);
  // Friday 02-13 → Saturday 02-14 is a working day.
  assert.equal(working('2026-02-13', 1).deadline, '2026-02-14');
  // From 02-14: the whole holiday is skipped; 02-24 (Tue) is the first working day after it.
  assert.equal(working('2026-02-14', 1).deadline, '2026-02-24');
  // 02-24..02-27 are 4 days, the make-up Saturday 02-28 the 5th.
  assert.equal(working('2026-02-14', 5).deadline, '2026-02-28');
  assert.equal(working('2026-02-14', 6).deadline, '2026-03-02');
});

test('the day a period starts on is not counted', () => {
  // Monday 2026-03-02: one working day later is Tuesday, not the Monday itself.
  assert.equal(working('2026-03-02', 1).deadline, '2026-03-03');
  assert.equal(calendar('2026-03-02', 1).deadline, '2026-03-03');
  // Starting on a holiday does not change that: counting begins the next day.
  assert.equal(working('2026-10-01', 1).deadline, '2026-10-08');
  // 5 working days from Friday 2026-03-06 end the next Friday.
  assert.equal(working('2026-03-06', 5).deadline, '2026-03-13');
});

test('a calendar-day period ending on a weekend or holiday ends on the next working day', () => {
  // 2026-03-02 + 5 days = Saturday 03-07 → Monday 03-09.
  assert.equal(calendar('2026-03-02', 5).deadline, '2026-03-09');
  // 2026-09-26 + 5 days = 10-01, National Day → 10-08.
  assert.equal(calendar('2026-09-26', 5).deadline, '2026-10-08');
  // 2026-02-10 + 5 days = 02-15, Spring Festival → 02-24.
  assert.equal(calendar('2026-02-10', 5).deadline, '2026-02-24');
  // 15 days (petition forwarding) from 2026-09-16 = 10-01 → 10-08.
  assert.equal(calendar('2026-09-16', 15).deadline, '2026-10-08');
  // A weekday end stays.
  assert.equal(calendar('2026-03-02', 3).deadline, '2026-03-05');
});

test('a calendar-day period ending on a make-up working day ends that day', () => {
  assert.equal(calendar('2026-09-15', 5).deadline, '2026-09-20', 'Sunday 09-20 is a working day');
  assert.equal(calendar('2026-10-05', 5).deadline, '2026-10-10', 'Saturday 10-10 is a working day');
  assert.equal(calendar('2026-02-04', 10).deadline, '2026-02-14', 'Saturday 02-14 is a working day');
});

test('a period of 0 days ends on its start day, whatever kind of day that is', () => {
  assert.deepEqual(working('2026-10-01', 0), { deadline: '2026-10-01', provisional: false, unknownYears: [] });
  assert.equal(calendar('2026-10-03', 0).deadline, '2026-10-03');
});

test('a count running into 2027 (no official schedule) is provisional', () => {
  const r = working('2026-12-15', 20);
  assert.equal(r.provisional, true);
  assert.deepEqual(r.unknownYears, [2027]);
  // Counted as ordinary weeks: 12-16..12-31 are 12 weekdays, then 8 more from 2027-01-01 (Fri): 01-01, 01-04..01-08, 01-11, 01-12.
  assert.equal(r.deadline, '2027-01-12');
  // 15 calendar days from 2026-12-18 end on Saturday 2027-01-02, which rolls to Monday 01-04.
  assert.deepEqual(calendar('2026-12-18', 15), { deadline: '2027-01-04', provisional: true, unknownYears: [2027] });
  // A period that stays in 2026 is not provisional, even in December.
  assert.deepEqual(working('2026-12-01', 10), { deadline: '2026-12-15', provisional: false, unknownYears: [] });
});

test('entering 2027 ends the provisional mark and its holidays count', () => {
  const with2027 = officialView({ '2027-01-01': 'rest', '2027-01-04': 'rest' }, [2027]);
  const r = computeDeadline(with2027, '2026-12-15', 20, 'working');
  assert.deepEqual(r, { deadline: '2027-01-14', provisional: false, unknownYears: [] });
});

test('a period starting in an unknown year is provisional for that year', () => {
  assert.deepEqual(computeDeadline(view, '2027-03-01', 0, 'working').unknownYears, [2027]);
  // Starting on the last day of a year, the counted days all lie in the next one.
  assert.deepEqual(computeDeadline(view, '2026-12-31', 1, 'working').unknownYears, [2027]);
  assert.deepEqual(computeDeadline(view, '2025-12-31', 1, 'working'), { deadline: '2026-01-04', provisional: false, unknownYears: [] });
});

test('workingDaysBetween counts the days after the start through the end, negative backwards', () => {
  assert.equal(workingDaysBetween(view, '2026-09-28', '2026-10-30'), 20);
  assert.equal(workingDaysBetween(view, '2026-10-30', '2026-09-28'), -20);
  assert.equal(workingDaysBetween(view, '2026-10-01', '2026-10-07'), 0);
  assert.equal(workingDaysBetween(view, '2026-03-02', '2026-03-02'), 0);
  assert.equal(workingDaysBetween(view, '2026-02-13', '2026-02-28'), 6, '02-14, 02-24..02-27 and 02-28');
  // It is the inverse of a working-day deadline.
  for (const [from, n] of [['2026-01-05', 7], ['2026-04-30', 3], ['2026-06-18', 10], ['2026-09-18', 15]] as const) {
    assert.equal(workingDaysBetween(view, from, working(from, n).deadline), n, `${from} + ${n}`);
  }
});

test('regionChain lists the province, prefecture, county and the region itself', () => {
  assert.deepEqual(regionChain(undefined), []);
  assert.deepEqual(regionChain(''), []);
  assert.deepEqual(regionChain('990121'), ['990000', '990100', '990121']);
  assert.deepEqual(regionChain('990121001'), ['990000', '990100', '990121', '990121001']);
  assert.deepEqual(regionChain('990121001002'), ['990000', '990100', '990121', '990121001', '990121001002']);
  assert.deepEqual(regionChain('990000'), ['990000']);
});

test('dates: strict ISO validation and China time', () => {
  assert.equal(isIsoDate('2026-02-28'), true);
  assert.equal(isIsoDate('2026-02-29'), false);
  assert.equal(isIsoDate('2026-02-30'), false);
  assert.equal(isIsoDate('2028-02-29'), true);
  assert.equal(isIsoDate('2026-2-3'), false);
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  // 16:30 UTC on 31 December is already New Year's Day in China.
  assert.equal(todayInChina(new Date('2026-12-31T16:30:00Z')), '2027-01-01');
  assert.equal(todayInChina(new Date('2026-12-31T15:59:00Z')), '2026-12-31');
});
