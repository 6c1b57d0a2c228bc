import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Migration } from './migrate.js';

/** Reads a folder of `NNN_name.sql` files as migrations (ids are the file names without `.sql`). */
export function sqlMigrations(folder: URL): Migration[] {
  const dir = fileURLToPath(folder);
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ''), sql: fs.readFileSync(`${dir}/${f}`, 'utf8') }));
}
