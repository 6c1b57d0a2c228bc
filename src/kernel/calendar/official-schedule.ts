import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * The State Council schedules shipped by the `chinese-days` package, per year. The package treats a
 * year it does not know as ordinary weeks; we only take the years it lists, so an unknown year stays unknown.
 */
export function officialSchedules(): Map<number, { day: string; kind: 'rest' | 'work'; name: string }[]> {
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const years = new Map<number, { day: string; kind: 'rest' | 'work'; name: string }[]>();
  const add = (entries: Record<string, string>, kind: 'rest' | 'work') => {
    for (const [day, info] of Object.entries(entries)) {
      const year = Number(day.slice(0, 4));
      const name = info.split(',')[1] ?? info;
      if (!years.has(year)) years.set(year, []);
      years.get(year)!.push({ day, kind, name });
    }
  };
  add(data.holidays, 'rest');
  add(data.workdays, 'work');
  return years;
}
