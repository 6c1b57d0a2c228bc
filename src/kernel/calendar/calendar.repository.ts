import type { Queryable } from '../db/db.js';

export interface DayRow { day: string; region_code: string; kind: 'rest' | 'work'; name: string }

export const calendarRepository = {
  /** Schedule rows in [from, to] for the nation ('') and the given regions. */
  async daysInRange(db: Queryable, from: string, to: string, regions: string[]): Promise<DayRow[]> {
    return db.query<DayRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, region_code, kind, name FROM calendar_days
        WHERE day BETWEEN $1::date AND $2::date AND region_code = ANY($3::text[])`,
      [from, to, ['', ...regions]],
    );
  },

  async knownYears(db: Queryable): Promise<{ year: number; region_code: string; source: string; note: string; updated_at: Date }[]> {
    return db.query('SELECT year, region_code, source, note, updated_at FROM calendar_years ORDER BY region_code, year');
  },

  async yearExists(db: Queryable, year: number, region: string) {
    return !!(await db.maybeOne('SELECT 1 FROM calendar_years WHERE year = $1 AND region_code = $2', [year, region]));
  },

  /** Replaces a year's schedule for one region (national: ''). */
  async replaceYear(q: Queryable, year: number, region: string, source: string, note: string, days: { day: string; kind: string; name: string }[], by: string | null) {
    await q.query(`DELETE FROM calendar_days WHERE region_code = $1 AND day BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31)`, [region, year]);
    if (days.length) {
      await q.query(
        `INSERT INTO calendar_days (day, region_code, kind, name)
         SELECT d::date, $1, k, n FROM unnest($2::text[], $3::text[], $4::text[]) AS t(d, k, n)`,
        [region, days.map((d) => d.day), days.map((d) => d.kind), days.map((d) => d.name)],
      );
    }
    await q.query(
      `INSERT INTO calendar_years (year, region_code, source, note, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (year, region_code) DO UPDATE SET source = EXCLUDED.source, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [year, region, source, note, by],
    );
  },

  /**
   * Records national or regional years as present, skipping any already there (an administrator's entry, or
   * another process starting at the same moment). Returns the years this call recorded.
   */
  async claimYears(q: Queryable, years: number[], region: string, source: string): Promise<number[]> {
    const rows = await q.query<{ year: number }>(
      `INSERT INTO calendar_years (year, region_code, source, note, updated_by, updated_at)
       SELECT y, $2, $3, '', NULL, now() FROM unnest($1::int[]) AS t(y)
       ON CONFLICT (year, region_code) DO NOTHING RETURNING year`,
      [years, region, source],
    );
    return rows.map((r) => Number(r.year));
  },

  /** Replaces the days of several whole years for one region with one DELETE and one INSERT. */
  async replaceDaysOfYears(q: Queryable, years: number[], region: string, days: { day: string; kind: string; name: string }[]) {
    await q.query(`DELETE FROM calendar_days WHERE region_code = $1 AND extract(year FROM day)::int = ANY($2::int[])`, [region, years]);
    if (days.length) {
      await q.query(
        `INSERT INTO calendar_days (day, region_code, kind, name)
         SELECT d::date, $1, k, n FROM unnest($2::text[], $3::text[], $4::text[]) AS t(d, k, n)`,
        [region, days.map((d) => d.day), days.map((d) => d.kind), days.map((d) => d.name)],
      );
    }
  },

  async daysOfYear(db: Queryable, year: number, region: string): Promise<DayRow[]> {
    return db.query<DayRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, region_code, kind, name FROM calendar_days
        WHERE region_code = $1 AND day BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31) ORDER BY day`,
      [region, year],
    );
  },
};

