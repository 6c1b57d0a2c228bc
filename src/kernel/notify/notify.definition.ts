import type { FastifyInstance } from 'fastify';
import type { ModuleDefinition } from '../module.js';
import type { Kernel } from '../kernel.js';
import { notifyMessages } from './notify.messages.js';
import { inboxRoutes } from './inbox.routes.js';
import { outboxRoutes } from './outbox.routes.js';
import { UNSUBSCRIBE_KEYWORDS, unsubscribeBySms } from './unsubscribe.js';

export { notifyPolicies } from './notify.policies.js';

async function routes(app: FastifyInstance, kernel: Kernel) {
  inboxRoutes(app, kernel);
  outboxRoutes(app, kernel);
  // Pooled SMTP connections and the like are released when the server closes.
  app.addHook('onClose', async () => { await kernel.notify.close(); });
}

/** Notifications: the inbox and preferences API, the administrators' outbox, announcements, and the delivery jobs. */
export const notifyDefinition: ModuleDefinition = {
  name: 'notify',
  messages: notifyMessages,
  permissions: [
    { code: 'notify.outbox.read', domain: 'system', label: { 'zh-CN': '查看消息发件箱', en: 'Read the message outbox' } },
    { code: 'notify.outbox.manage', domain: 'system', label: { 'zh-CN': '重新发送失败的消息', en: 'Send failed messages again' }, builtinRoles: ['systemAdmin'] },
    { code: 'notify.announce', domain: 'business', label: { 'zh-CN': '发送通知公告', en: 'Send notices' }, builtinRoles: ['leader'] },
  ],
  routes,
  async onStart(kernel) {
    kernel.notify.start();
    kernel.notify.onInbound({ keywords: UNSUBSCRIBE_KEYWORDS }, unsubscribeBySms(kernel));
    // Rate-limit counters of past windows are only history.
    kernel.jobs.define('notify.housekeeping', async (job) => { await kernel.notify.housekeeping(job.db); }, { maxAttempts: 3 });
    await kernel.jobs.schedule('notify.housekeeping', '41 * * * *', 'notify.housekeeping', {});
  },
};
