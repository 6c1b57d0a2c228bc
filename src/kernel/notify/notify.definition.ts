import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ModuleDefinition } from '../module.js';
import { definePolicies, permittedAtRoot } from '../auth/policy.js';
import type { Kernel } from '../kernel.js';
import { notifyMessages } from './notify.messages.js';

export const notifyPolicies = definePolicies('notify', {
  // Messages of every department pass through one outbox: only a whole-tree administrator searches it.
  outbox: permittedAtRoot('notify.outbox.read'),
});

async function routes(app: FastifyInstance, kernel: Kernel) {
  app.get('/api/notify/outbox', {
    config: { policy: notifyPolicies.outbox },
    schema: {
      tags: ['notify'], summary: 'Search the message outbox (SMS, email, in-app)',
      querystring: Type.Object({
        channel: Type.Optional(Type.Union([Type.Literal('sms'), Type.Literal('email'), Type.Literal('inapp')])),
        status: Type.Optional(Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('delivered'), Type.Literal('failed')])),
        recipient: Type.Optional(Type.String({ maxLength: 50 })),
        page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
      }, { additionalProperties: false }),
    },
  }, async (req) => {
    const q = req.query as Record<string, any>;
    const pageSize = q.pageSize ?? 50;
    const result = await kernel.notify.search({ ...q, limit: pageSize, offset: ((q.page ?? 1) - 1) * pageSize });
    return { ...result, page: q.page ?? 1, pageSize };
  });
}

export const notifyDefinition: ModuleDefinition = {
  name: 'notify',
  messages: notifyMessages,
  permissions: [{ code: 'notify.outbox.read', domain: 'system', label: { 'zh-CN': '查看消息发件箱', en: 'Read the message outbox' } }],
  routes,
};
