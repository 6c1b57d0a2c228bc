import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from '../../src/kernel/jobs/backoff.js';
import { CronError, nextCronTime, parseCron } from '../../src/kernel/jobs/cron.js';

// Times below are written in China Standard Time (+08:00), the offset cron expressions use by default.
const cst = (s: string) => new Date(`${s}+08:00`);
const next = (expr: string, after: string) => nextCronTime(expr, cst(after)).toISOString();

test('back-off grows exponentially, is capped, and jitters between half and all of the delay', () => {
  const b = { baseMs: 1000, maxMs: 60_000 };
  assert.deepEqual([1, 2, 3, 4].map((a) => backoffDelay(a, b, () => 1)), [1000, 2000, 4000, 8000]);
  assert.deepEqual([1, 2, 3, 4].map((a) => backoffDelay(a, b, () => 0)), [500, 1000, 2000, 4000]);
  assert.equal(backoffDelay(30, b, () => 1), 60_000);
  assert.equal(backoffDelay(30, b, () => 0), 30_000);
  assert.equal(backoffDelay(2, { baseMs: 100, factor: 3 }, () => 1), 300);
  for (let i = 0; i < 200; i++) {
    const d = backoffDelay(3, b);
    assert.ok(d >= 2000 && d <= 4000, String(d));
  }
  // Defaults: 5 s, doubling.
  assert.equal(backoffDelay(1, {}, () => 1), 5000);
});

test('cron: the next run of common expressions, in China Standard Time', () => {
  assert.equal(next('0 2 * * *', '2026-03-10T01:59:30'), cst('2026-03-10T02:00:00').toISOString());
  assert.equal(next('0 2 * * *', '2026-03-10T02:00:00'), cst('2026-03-11T02:00:00').toISOString(), 'strictly after');
  assert.equal(next('*/15 * * * *', '2026-03-10T10:07:00'), cst('2026-03-10T10:15:00').toISOString());
  assert.equal(next('* * * * *', '2026-03-10T10:07:59.999'), cst('2026-03-10T10:08:00').toISOString());
  assert.equal(next('30 8 * * 1-5', '2026-03-13T09:00:00'), cst('2026-03-16T08:30:00').toISOString(), 'Friday after 8:30 → Monday');
  assert.equal(next('0 0 1 * *', '2026-12-15T00:00:00'), cst('2027-01-01T00:00:00').toISOString(), 'into the next year');
  assert.equal(next('0 9 29 2 *', '2026-03-01T00:00:00'), cst('2028-02-29T09:00:00').toISOString(), 'leap day');
  assert.equal(next('0 12 * JAN,jul SUN', '2026-02-01T00:00:00'), cst('2026-07-05T12:00:00').toISOString(), 'names');
  assert.equal(next('0 0 * * 7', '2026-03-10T00:00:00'), cst('2026-03-15T00:00:00').toISOString(), '7 is Sunday');
  assert.equal(next('5-10/5,50 3 * * *', '2026-03-10T03:06:00'), cst('2026-03-10T03:10:00').toISOString(), 'range with step and list');
  assert.equal(next('@daily', '2026-03-10T12:00:00'), cst('2026-03-11T00:00:00').toISOString());
  // Both day fields restricted: either one matches (Vixie cron).
  assert.equal(next('0 0 13 * 5', '2026-03-01T00:00:00'), cst('2026-03-06T00:00:00').toISOString(), 'the first Friday comes before the 13th');
  // Midnight in Beijing is 16:00 UTC the day before.
  assert.equal(nextCronTime('0 0 * * *', new Date('2026-03-10T15:00:00Z')).toISOString(), '2026-03-10T16:00:00.000Z');
  assert.equal(nextCronTime('0 0 * * *', new Date('2026-03-10T15:00:00Z'), 0).toISOString(), '2026-03-11T00:00:00.000Z', 'at UTC');
});

test('cron: bad expressions are refused', () => {
  for (const bad of ['', '* * * *', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '* * * * 8', '*/0 * * * *', '5-1 * * * *', 'x * * * *', '0 0 31 2 *'.replace(/.*/, '* * * * * *')]) {
    assert.throws(() => parseCron(bad), CronError, bad);
  }
  assert.throws(() => nextCronTime('0 0 31 2 *', new Date()), CronError, '31 February never comes');
});
