import type { FastifyInstance } from 'fastify';
import type { Kernel } from '../../kernel/kernel.js';
import { AppError } from '../../kernel/http/errors.js';
import { auditFrom } from '../../kernel/http/request-context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The audit action of a directory write; a refusal (403) of it is recorded as a denied attempt. */
    auditAction?: string;
  }
}

/**
 * Records every refused directory write (a system administrator trying to grant, an auditor trying to
 * change anything, a department reaching into another's records) as a 'denied' audit record. The
 * refusal may come from the declared policy or from the service's scope checks; both end here.
 */
export function auditDeniedWrites(app: FastifyInstance, kernel: Kernel) {
  app.addHook('onError', async (req, _reply, err) => {
    const action = req.routeOptions.config?.auditAction;
    if (!action || !(err instanceof AppError) || err.status !== 403 || err.code === 'CSRF' || !req.actor) return;
    const params = (req.params ?? {}) as Record<string, string>;
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const target = params.id ?? params.code ?? (body.accountId as string | undefined) ?? null;
    const picked = Object.fromEntries(['accountId', 'roleId', 'orgId', 'parentId', 'code', 'username', 'permissions'].filter((k) => k in body).map((k) => [k, body[k]]));
    await kernel.audit.recordNow({
      ...auditFrom(req), action, outcome: 'denied', targetId: target ? String(target).slice(0, 100) : null,
      details: { reason: err.key, method: req.method, route: req.routeOptions.url, ...picked },
    });
  });
}
