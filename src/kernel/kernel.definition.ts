import { sqlMigrations } from './db/sql-files.js';
import type { ModuleDefinition } from './module.js';

/** The kernel's own tables (security core, audit, calendar, outbox). */
export const kernelDefinition: ModuleDefinition = {
  name: 'kernel',
  migrations: sqlMigrations(new URL('./migrations/', import.meta.url)),
  async onStart(kernel) {
    await kernel.audit.init();
    await kernel.calendar.loadOfficialSchedules();
  },
};
