import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kernel } from '../kernel.js';
import { actorOf, auditFrom } from '../http/request-context.js';
import { notifyPolicies as p } from './notify.policies.js';
import { AnnouncementBody, IdParams, OutboxQuery, RequestsQuery } from './notify.schemas.js';
import type { AnnouncementInput, OutboxQuery as Query } from './outbox.service.js';

const tags = ['notify'];

/** Administrators: search the outbox and see why a message failed, send it again, follow bulk requests, announce. */
export function outboxRoutes(app: FastifyInstance, kernel: Kernel) {
  const { outbox } = kernel.notify;

  app.get('/api/notify/outbox', {
    config: { policy: p.outbox },
    schema: { tags, summary: 'Search messages (SMS, email, in-app); a whole phone number or address is matched exactly, never shown', querystring: OutboxQuery },
  }, async (req) => {
    const q = req.query as Omit<Query, 'page' | 'pageSize'> & { page?: number; pageSize?: number };
    return outbox.search({ ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 50 }, req.locale);
  });

  app.get('/api/notify/outbox/:id', {
    config: { policy: p.outbox },
    schema: { tags, summary: 'One message with its delivery history (attempts, receipts) and why it failed', params: IdParams },
  }, async (req) => outbox.detail((req.params as { id: string }).id, req.locale));

  app.post('/api/notify/outbox/:id/retry', {
    config: { policy: p.manage },
    schema: { tags, summary: 'Queue a failed SMS or email again, with fresh attempts', params: IdParams },
  }, async (req) => {
    const { id } = req.params as { id: string };
    return kernel.db.tx(async (tx) => {
      const message = await outbox.retry(tx, id, req.locale);
      await kernel.audit.record(tx, { ...auditFrom(req), action: 'notify.message.retry', targetType: 'notifyMessage', targetId: id, details: { channel: message.channel, event: message.event } });
      return message;
    });
  });

  app.get('/api/notify/requests', {
    config: { policy: p.outbox },
    schema: { tags, summary: 'Bulk notification requests (role, organisation, region audiences) with their progress', querystring: RequestsQuery },
  }, async (req) => {
    const q = req.query as { page?: number; pageSize?: number };
    return outbox.requests(q.page ?? 1, q.pageSize ?? 50, req.locale);
  });

  app.get('/api/notify/requests/:id', {
    config: { policy: p.outbox },
    schema: { tags, summary: 'One notification request with its progress', params: IdParams },
  }, async (req) => outbox.request((req.params as { id: string }).id, req.locale));

  app.post('/api/notify/announcements', {
    config: { policy: p.announce },
    schema: {
      tags, summary: 'Send a notice to everyone in an organisation subtree (optionally one role) or a region; answered at once, delivered in the background',
      body: AnnouncementBody, response: { 202: Type.Object({ requestId: Type.String() }) },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const input = req.body as AnnouncementInput;
    const requestId = await kernel.db.tx(async (tx) => {
      const id = await outbox.announce(tx, actor, input);
      await kernel.audit.record(tx, {
        ...auditFrom(req), action: 'notify.announcement.send', targetType: 'notifyRequest', targetId: id,
        details: { audience: input.audience, title: input.title.trim(), urgent: !!input.urgent },
      });
      return id;
    });
    return reply.status(202).send({ requestId });
  });
}
