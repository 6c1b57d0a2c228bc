import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kernel } from '../kernel.js';
import { actorOf, auditFrom } from '../http/request-context.js';
import { notifyPolicies as p } from './notify.policies.js';
import { IdParams, InboxPage, InboxQuery, PreferencesBody, PreferencesView } from './notify.schemas.js';
import type { PreferenceChange } from './inbox.service.js';

const tags = ['notify'];

/** The caller's own in-app messages and channel choices (the portal's /messages page and the office app use these). */
export function inboxRoutes(app: FastifyInstance, kernel: Kernel) {
  const { inbox } = kernel.notify;

  app.get('/api/notify/inbox', {
    config: { policy: p.inbox },
    schema: { tags, summary: "The caller's in-app messages, newest first, with the unread count", querystring: InboxQuery, response: { 200: InboxPage } },
  }, async (req) => {
    const q = req.query as { unread?: boolean; page?: number; pageSize?: number };
    return inbox.list(actorOf(req).accountId, { unread: q.unread, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
  });

  app.get('/api/notify/inbox/unread', {
    config: { policy: p.inbox },
    schema: { tags, summary: "How many of the caller's in-app messages are unread", response: { 200: Type.Object({ unread: Type.Integer() }) } },
  }, async (req) => ({ unread: await inbox.unreadCount(actorOf(req).accountId) }));

  app.post('/api/notify/inbox/:id/read', {
    config: { policy: p.inbox },
    schema: { tags, summary: 'Mark one of the caller\'s messages read (404 for anyone else\'s)', params: IdParams, response: { 200: Type.Object({ id: Type.String(), readAt: Type.String() }) } },
  }, async (req) => inbox.markRead(actorOf(req).accountId, (req.params as { id: string }).id));

  app.post('/api/notify/inbox/read-all', {
    config: { policy: p.inbox },
    schema: { tags, summary: "Mark all the caller's messages read", response: { 200: Type.Object({ updated: Type.Integer() }) } },
  }, async (req) => inbox.markAllRead(actorOf(req).accountId));

  app.get('/api/notify/preferences', {
    config: { policy: p.preferences },
    schema: { tags, summary: 'Which kinds of message reach the caller by SMS and email', response: { 200: PreferencesView } },
  }, async (req) => inbox.preferences(actorOf(req).accountId, req.locale));

  app.put('/api/notify/preferences', {
    config: { policy: p.preferences },
    schema: { tags, summary: 'Turn SMS and email on or off per kind of message (security messages stay on)', body: PreferencesBody, response: { 200: PreferencesView } },
  }, async (req) => {
    const actor = actorOf(req);
    const { categories } = req.body as { categories: PreferenceChange[] };
    return kernel.db.tx(async (tx) => {
      const view = await inbox.updatePreferences(tx, actor.accountId, categories, req.locale);
      await kernel.audit.record(tx, {
        ...auditFrom(req), action: 'notify.preferences.update', targetType: 'account', targetId: actor.accountId,
        details: { categories: categories.map((c) => ({ category: c.category, sms: c.sms, email: c.email })) },
      });
      return view;
    });
  });
}
