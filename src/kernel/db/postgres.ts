import pg from 'pg';
import { type Db, type Row, wrapQuery } from './db.js';

// Dates stay strings (YYYY-MM-DD) so that calendar arithmetic never meets a time zone; bigint counts become numbers.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => Number(v));

/** A PostgreSQL server, through a connection pool. */
export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle pooled connection that the server ends (a restart, a failover, DROP DATABASE … WITH (FORCE)) is an
  // 'error' event on the pool; unhandled it would end the process. The pool drops that client and opens another
  // on the next query, so noting it is enough.
  pool.on('error', (err) => { process.emitWarning(`PostgreSQL connection lost: ${err.message}`, { code: 'ZHENGWU_PG_IDLE' }); });
  // Fail fast with a clear message when the server is not there.
  await pool.query('select 1');
  const run = async (sql: string, params?: unknown[]) => (await pool.query<Row>(sql, params as any[])).rows;
  const base = wrapQuery(run, async (sql) => { await pool.query(sql); });
  return {
    kind: 'postgres',
    ...base,
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const q = wrapQuery(async (sql, params) => (await client.query<Row>(sql, params as any[])).rows, async (sql) => { await client.query(sql); });
        const result = await fn(q);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() { await pool.end(); },
  };
}
