import { sqlMigrations } from '../../kernel/db/sql-files.js';
import type { ModuleDefinition } from '../../kernel/module.js';
import { identityMessages } from './identity.messages.js';
import { identityServices } from './identity.services.js';
import { authRoutes } from './auth.routes.js';
import { identityRoutes } from './identity.routes.js';
import { identityPages } from './pages/identity.pages.js';
import { seedIdentityDemo } from './identity.demo.js';
import { defineIdentityEvents } from './identity.events.js';

/** Citizens and enterprises, sign-in with lock-out and TOTP, sessions, agents, and the account pages. */
export const identityModule: ModuleDefinition = {
  name: 'identity',
  migrations: sqlMigrations(new URL('./migrations/', import.meta.url)),
  messages: identityMessages,
  permissions: [
    { code: 'security.account.read', domain: 'security', label: { 'zh-CN': '查看账号', en: 'View accounts' } },
    { code: 'security.account.unlock', domain: 'security', label: { 'zh-CN': '解锁账号', en: 'Unlock accounts' } },
    { code: 'security.account.reset', domain: 'security', label: { 'zh-CN': '重置密码和动态口令', en: 'Reset passwords and authenticators' }, builtinRoles: ['securityAdmin'] },
  ],
  async routes(app, kernel) {
    const services = identityServices(kernel);
    authRoutes(app, kernel, services);
    identityRoutes(app, kernel, services);
    // Pages in their own scope: their error handler turns refusals into pages and sign-in redirects.
    await app.register(async (pages) => identityPages(pages, kernel, services));
  },
  seedDemo: seedIdentityDemo,
  async onStart(kernel) {
    defineIdentityEvents(kernel);
  },
};
