import type { Db } from './db.js';

/** One versioned schema change of a module. Ids sort in the order they apply ("001_init"). */
export interface Migration {
  id: string;
  sql: string;
}

export interface MigrationSet {
  module: string;
  migrations: Migration[];
}

// Any fixed number: every process takes the same advisory lock so that two starting servers never migrate at once.
const MIGRATION_LOCK = 720_301;

/** Applies the migrations not yet applied, in order, each in its own transaction. Returns the ids applied. */
export async function migrate(db: Db, sets: MigrationSet[]): Promise<string[]> {
  const applied: string[] = [];
  await db.tx(async (tx) => {
    // The lock comes first: even CREATE TABLE IF NOT EXISTS fails when two processes run it at once.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      module text NOT NULL, id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (module, id))`);
    const done = new Set((await tx.query<{ module: string; id: string }>('SELECT module, id FROM schema_migrations'))
      .map((r) => `${r.module}/${r.id}`));
    for (const set of sets) {
      for (const m of [...set.migrations].sort((a, b) => a.id.localeCompare(b.id))) {
        const key = `${set.module}/${m.id}`;
        if (done.has(key)) continue;
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migrations (module, id) VALUES ($1, $2)', [set.module, m.id]);
        applied.push(key);
      }
    }
  });
  return applied;
}
