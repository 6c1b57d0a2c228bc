import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Policy } from '../auth/policy.js';
import { can, holdsAtRoot } from '../auth/actor.js';
import { AppError, forbidden, unauthenticated } from './errors.js';

/** Every /api route must declare its policy; a route without one stops the server from starting. */
export function requirePolicyOnRoute(route: RouteOptions) {
  const url = route.url;
  if (!url.startsWith('/api') || url.startsWith('/api/docs')) return;
  const policy = route.config?.policy;
  if (!policy) throw new Error(`route ${route.method} ${url} declares no policy`);
  // Published in the OpenAPI document, so that the authorisation test can enumerate every operation.
  route.schema = { ...(route.schema ?? {}), 'x-policy': policy.name, ...(policy.kind === 'public' ? { security: [] } : {}) } as any;
}

/** Checks the route's declared policy for the request's actor. */
export function checkPolicy(policy: Policy | undefined, req: FastifyRequest): void {
  if (!policy || policy.kind === 'public') return;
  const actor = req.actor;
  if (!actor) throw unauthenticated();
  if (req.sessionStage !== 'full') {
    if (policy.kind === 'signedIn' && policy.stages?.includes(req.sessionStage as 'mfa' | 'enrol')) return;
    throw new AppError(401, req.sessionStage === 'enrol' ? 'TOTP_ENROL_REQUIRED' : 'TOTP_REQUIRED', 'error.unauthenticated');
  }
  if (policy.kind === 'signedIn') {
    if (policy.accountKinds && !policy.accountKinds.includes(actor.kind)) throw forbidden();
    return;
  }
  if (actor.kind !== 'staff' || !can(actor, policy.permission)) throw forbidden();
  if (policy.atRoot && !holdsAtRoot(actor, policy.permission)) throw forbidden();
}

export function installPolicyHooks(app: FastifyInstance) {
  app.addHook('onRoute', requirePolicyOnRoute);
}
