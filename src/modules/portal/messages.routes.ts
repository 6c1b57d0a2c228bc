import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kernel } from '../../kernel/kernel.js';
import { AppError } from '../../kernel/http/errors.js';
import { csrfField, localePath, renderPage, shellContext } from '../../kernel/html/layout.js';
import { actorOf, auditFrom } from '../../kernel/http/request-context.js';
import { t } from '../../kernel/i18n/i18n.js';
import { portalPolicies } from './portal.policies.js';
import { pageContext } from './pages/page-context.js';
import { messagesPage } from './pages/messages.page.js';

const PAGE_SIZE = 20;
const NOTICES: Record<string, string> = { read: 'portal.messages.readAllDone', prefs: 'portal.messages.prefsSaved' };

/**
 * 我的消息 (/messages, /en/messages): plain HTML forms, no script needed. A visitor who is not signed in is
 * sent to sign in and back; each form posts, then redirects to the page (post/redirect/get).
 */
export async function messagesRoutes(app: FastifyInstance, kernel: Kernel) {
  const secure = kernel.config.cookieSecure;
  const { inbox } = kernel.notify;
  const opts = { config: { policy: portalPolicies.messages }, schema: { hide: true } as any };

  app.setErrorHandler(async (err, req, reply) => {
    if (err instanceof AppError && err.status === 401) return reply.redirect(`${localePath(req, '/login')}?next=${encodeURIComponent('/messages')}`, 303);
    throw err;
  });

  const show = async (req: FastifyRequest, reply: FastifyReply, extra: { errors?: string[] } = {}) => {
    const accountId = actorOf(req).accountId;
    const q = (req.query ?? {}) as Record<string, unknown>;
    const asked = Number(q.page);
    const page = Number.isInteger(asked) && asked >= 1 && asked <= 100_000 ? asked : 1;
    const data = {
      inbox: await inbox.list(accountId, { page, pageSize: PAGE_SIZE }),
      preferences: await inbox.preferences(accountId, req.locale),
      csrf: csrfField(req, reply, secure),
      notice: NOTICES[String(q.done ?? '')] ? t(req.locale, NOTICES[String(q.done)]) : undefined,
      ...extra,
    };
    req.unreadMessages = data.inbox.unread;
    if (extra.errors?.length) reply.status(400);
    return renderPage(req, reply, messagesPage(pageContext(req.locale, shellContext(req).viewer), data));
  };

  for (const base of ['', '/en']) {
    app.get(`${base}/messages`, opts, async (req, reply) => show(req, reply));

    app.post(`${base}/messages/read-all`, opts, async (req, reply) => {
      await inbox.markAllRead(actorOf(req).accountId);
      return reply.redirect(localePath(req, '/messages?done=read'), 303);
    });

    app.post(`${base}/messages/preferences`, opts, async (req, reply) => {
      const actor = actorOf(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const current = await inbox.preferences(actor.accountId, req.locale);
      // A box the page showed disabled (a locked category, a channel the account has no contact for) keeps its value.
      const ticked = (channel: 'sms' | 'email', category: string, now: boolean) =>
        current.channels[channel].available ? body[`${channel}:${category}`] === 'on' : now;
      const changes = current.categories.filter((c) => !c.locked).map((c) => ({ category: c.category, sms: ticked('sms', c.category, c.sms), email: ticked('email', c.category, c.email) }));
      try {
        await kernel.db.tx(async (tx) => {
          await inbox.updatePreferences(tx, actor.accountId, changes, req.locale);
          await kernel.audit.record(tx, { ...auditFrom(req), action: 'notify.preferences.update', targetType: 'account', targetId: actor.accountId, details: { categories: changes, via: 'portal' } });
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return show(req, reply, { errors: err.fields.length ? err.fields.map((f) => t(req.locale, f.key, f.params)) : [t(req.locale, err.key, err.params)] });
      }
      return reply.redirect(localePath(req, '/messages?done=prefs'), 303);
    });
  }
}
