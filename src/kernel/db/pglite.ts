import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type Db, type Row, wrapQuery } from './db.js';

/** Embedded PostgreSQL (WASM) in `dir`, or in memory when `dir` is undefined (tests). */
export async function openPglite(dir?: string): Promise<Db> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  // Same type mapping as the pg driver (postgres.ts): dates stay strings, bigint counts become numbers.
  const pg = new PGlite(dir, { parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) } });
  await pg.waitReady;
  const run = async (sql: string, params?: unknown[]) => (await pg.query<Row>(sql, params as any[])).rows;
  const base = wrapQuery(run, async (sql) => { await pg.exec(sql); });
  return {
    kind: 'pglite',
    ...base,
    async tx(fn) {
      return pg.transaction(async (t) => {
        const q = wrapQuery(async (sql, params) => (await t.query<Row>(sql, params as any[])).rows, async (sql) => { await t.exec(sql); });
        return fn(q);
      });
    },
    async close() { await pg.close(); },
  };
}
