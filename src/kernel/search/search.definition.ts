import type { ModuleDefinition } from '../module.js';
import { searchMessages } from './search.messages.js';
import { searchRoutes, SYNONYM_MANAGE } from './search.routes.js';

/** The search service's API and housekeeping (the service itself is `kernel.search`). */
export const searchDefinition: ModuleDefinition = {
  name: 'search',
  messages: searchMessages,
  permissions: [{
    code: SYNONYM_MANAGE, domain: 'system', builtinRoles: ['systemAdmin'],
    label: { 'zh-CN': '管理搜索同义词', en: 'Manage search synonyms' },
  }],
  routes: searchRoutes,
  async onStart(kernel) {
    // The choice between the GIN index and the recent-first scan rests on word statistics; PostgreSQL's
    // autovacuum refreshes them, PGlite has none, so the platform does it nightly on both.
    kernel.jobs.define('search.analyze', async () => { await kernel.search.analyze(); }, { maxAttempts: 3 });
    await kernel.jobs.schedule('search.analyze', '40 2 * * *', 'search.analyze', {});
  },
};
