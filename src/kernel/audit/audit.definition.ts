import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ModuleDefinition } from '../module.js';
import { definePolicies, permittedAtRoot } from '../auth/policy.js';
import { auditFrom } from '../http/request-context.js';
import type { Kernel } from '../kernel.js';

export const auditPolicies = definePolicies('audit', {
  // The audit log is the platform's own record: only an auditor granted at a root of the tree reads it.
  search: permittedAtRoot('audit.read'),
  verify: permittedAtRoot('audit.read'),
});


async function routes(app: FastifyInstance, kernel: Kernel) {
  app.get('/api/audit', {
    config: { policy: auditPolicies.search },
    schema: {
      tags: ['audit'], summary: 'Search the audit log (auditor only)',
      querystring: Type.Object({
        from: Type.Optional(Type.String({ format: 'date', 'x-message': 'validation.date' })),
        to: Type.Optional(Type.String({ format: 'date', 'x-message': 'validation.date' })),
        actor: Type.Optional(Type.String({ maxLength: 100 })),
        action: Type.Optional(Type.String({ maxLength: 100 })),
        targetType: Type.Optional(Type.String({ maxLength: 50 })),
        targetId: Type.Optional(Type.String({ maxLength: 100 })),
        outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')])),
        orgId: Type.Optional(Type.String({ format: 'uuid' })),
        page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
      }, { additionalProperties: false }),
    },
  }, async (req) => {
    const q = req.query as Record<string, any>;
    const pageSize = q.pageSize ?? 50;
    const result = await kernel.audit.search({ ...q, limit: pageSize, offset: ((q.page ?? 1) - 1) * pageSize });
    await kernel.audit.recordNow({ ...auditFrom(req), action: 'audit.search', details: { filters: q } });
    return { ...result, page: q.page ?? 1, pageSize };
  });

  app.get('/api/audit/verify', {
    config: { policy: auditPolicies.verify },
    schema: { tags: ['audit'], summary: 'Verify the SM3 hash chains of the audit log' },
  }, async (req) => {
    const result = await kernel.audit.verify();
    return { intact: result.problems.length === 0, records: result.records, problems: result.problems.slice(0, 50) };
  });
}

export const auditDefinition: ModuleDefinition = {
  name: 'audit',
  permissions: [{ code: 'audit.read', domain: 'audit', label: { 'zh-CN': '查阅审计日志', en: 'Read the audit log' } }],
  routes,
};
