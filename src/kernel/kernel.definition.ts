import { sqlMigrations } from './db/sql-files.js';
import type { ModuleDefinition } from './module.js';

/** The kernel's own tables (security core, audit, calendar, outbox, jobs, files) and its housekeeping. */
export const kernelDefinition: ModuleDefinition = {
  name: 'kernel',
  migrations: sqlMigrations(new URL('./migrations/', import.meta.url)),
  async onStart(kernel) {
    await kernel.audit.init();
    await kernel.calendar.loadOfficialSchedules();
    // Expired and idle sessions are refused when presented; this removes their rows.
    kernel.jobs.define('kernel.sessions.purge', async () => { await kernel.sessions.purgeExpired(); }, { maxAttempts: 3 });
    await kernel.jobs.schedule('kernel.sessions.purge', '17 * * * *', 'kernel.sessions.purge', {});
    // Uploads that no record took within a day, and blobs no file row points at any more.
    kernel.jobs.define('kernel.files.collectGarbage', async () => { await kernel.files.collectGarbage(); }, { maxAttempts: 3 });
    await kernel.jobs.schedule('kernel.files.collectGarbage', '30 3 * * *', 'kernel.files.collectGarbage', {});
    // Finished jobs (the 15-minute and hourly schedules alone add a hundred rows a day); failed and dead ones stay.
    kernel.jobs.define('kernel.jobs.purgeFinished', async () => { await kernel.jobs.purgeFinished(14); }, { maxAttempts: 3 });
    await kernel.jobs.schedule('kernel.jobs.purgeFinished', '45 3 * * *', 'kernel.jobs.purgeFinished', {});
  },
};
