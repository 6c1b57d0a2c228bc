/**
 * The one SQL seam of the platform. Both stores speak the PostgreSQL dialect with `$1` parameters;
 * repositories write plain SQL against this interface and never know which store runs underneath.
 */
export type Row = Record<string, any>;

export interface Queryable {
  /** Rows of a query. */
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Exactly one row, or an error (a bug if it fires). */
  one<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T>;
  /** The first row or undefined. */
  maybeOne<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; commits if it resolves, rolls back if it throws. */
  tx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function wrapQuery(run: (sql: string, params?: unknown[]) => Promise<Row[]>, exec: (sql: string) => Promise<void>): Queryable {
  return {
    query: run as Queryable['query'],
    async one(sql, params) {
      const rows = await run(sql, params);
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql.slice(0, 80)}`);
      return rows[0] as any;
    },
    async maybeOne(sql, params) {
      const rows = await run(sql, params);
      return rows[0] as any;
    },
    exec,
  };
}

/** True when an error is a unique-constraint violation (SQLSTATE 23505) on the named constraint, if given. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return false;
  return !constraint || e.constraint === constraint || (e.message ?? '').includes(constraint);
}
