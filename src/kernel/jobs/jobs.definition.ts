import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ModuleDefinition } from '../module.js';
import { definePolicies, permittedAtRoot } from '../auth/policy.js';
import { auditFrom } from '../http/request-context.js';
import type { Kernel } from '../kernel.js';
import { JOB_STATES } from './jobs.service.js';
import { jobsMessages } from './jobs.messages.js';

export const jobsPolicies = definePolicies('jobs', {
  // The queue is shared by every department's work: only a whole-tree system administrator manages it.
  list: permittedAtRoot('jobs.manage'),
  retry: permittedAtRoot('jobs.manage'),
  cancel: permittedAtRoot('jobs.manage'),
});

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

async function routes(app: FastifyInstance, kernel: Kernel) {
  // Every server process runs a worker: it starts with the server and stops (finishing or handing back
  // its running jobs) before the server's database is closed.
  app.addHook('onReady', async () => { kernel.jobs.start(); });
  app.addHook('onClose', async () => { await kernel.jobs.stop(); });

  app.get('/api/jobs', {
    config: { policy: jobsPolicies.list },
    schema: {
      tags: ['jobs'], summary: 'Search background jobs, with counts per state',
      querystring: Type.Object({
        state: Type.Optional(Type.Union(JOB_STATES.map((s) => Type.Literal(s)))),
        type: Type.Optional(Type.String({ maxLength: 100 })),
        page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
      }, { additionalProperties: false }),
    },
  }, async (req) => {
    const q = req.query as { state?: string; type?: string; page?: number; pageSize?: number };
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const result = await kernel.jobs.search({ state: q.state, type: q.type, limit: pageSize, offset: (page - 1) * pageSize });
    return { ...result, page, pageSize };
  });

  for (const op of ['retry', 'cancel'] as const) {
    app.post(`/api/jobs/:id/${op}`, {
      config: { policy: jobsPolicies[op] },
      schema: {
        tags: ['jobs'],
        summary: op === 'retry' ? 'Queue a failed or dead job again, with fresh attempts' : 'Cancel a queued job or one waiting for its retry',
        params: IdParams,
      },
    }, async (req) => {
      const { id } = req.params as { id: string };
      return kernel.db.tx(async (tx) => {
        const job = await kernel.jobs[op](tx, id);
        await kernel.audit.record(tx, { ...auditFrom(req), action: `jobs.job.${op}`, targetType: 'job', targetId: id, outcome: 'success', details: { type: job.type } });
        return job;
      });
    });
  }
}

export const jobsDefinition: ModuleDefinition = {
  name: 'jobs',
  messages: jobsMessages,
  permissions: [{ code: 'jobs.manage', domain: 'system', label: { 'zh-CN': '管理后台任务', en: 'Manage background jobs' }, builtinRoles: ['systemAdmin'] }],
  routes,
};
