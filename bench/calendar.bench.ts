// Deadlines per second through the calendar service (which reads the schedule from the database for each
// deadline) against the pure count on a schedule view loaded once (baseline). Prints the ratio; never fails on a time.
import { addDays } from '../src/kernel/calendar/dates.js';
import { computeDeadline } from '../src/kernel/calendar/deadline.js';
import { testPlatform } from '../test/support/harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

/** Calls per second of `fn` over a rotating set of start dates in 2026. */
async function measure(fn: (from: string, days: number) => Promise<unknown> | unknown, seconds: number): Promise<number> {
  let count = 0;
  const end = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  while (Date.now() < end) {
    for (let i = 0; i < 50; i++, count++) await fn(addDays('2026-01-05', count % 300), 20);
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

export default async function calendarBench() {
  const platform = await testPlatform();
  try {
    const calendar = platform.kernel.calendar;
    const view = await calendar.view('2026-01-01', '2027-03-31');
    const pure = (from: string, days: number) => computeDeadline(view, from, days, 'working');
    const service = (from: string, days: number) => calendar.deadline(from, days, 'working');
    // Both must agree before their speed means anything.
    for (let i = 0; i < 300; i += 7) {
      const from = addDays('2026-01-05', i);
      if (JSON.stringify(pure(from, 20)) !== JSON.stringify(await service(from, 20))) throw new Error(`the service and the pure count disagree from ${from}`);
    }

    await measure(pure, 0.5);
    const baseline = await measure(pure, SECONDS);
    await measure(service, 0.5);
    const viaService = await measure(service, SECONDS);
    console.log(`store: ${platform.kernel.db.kind}; 20 working days from dates across 2026`);
    console.log(`  ${'computeDeadline on a preloaded view (baseline)'.padEnd(50)} ${baseline.toFixed(0).padStart(9)} deadlines/s`);
    console.log(`  ${'kernel.calendar.deadline (reads the schedule)'.padEnd(50)} ${viaService.toFixed(0).padStart(9)} deadlines/s   ${(viaService / baseline).toFixed(3)} × baseline`);
  } finally {
    await platform.close();
  }
}
