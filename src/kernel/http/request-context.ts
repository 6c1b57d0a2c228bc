import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import type { Locale } from '../i18n/i18n.js';
import type { AuditEntry } from '../audit/audit.service.js';
import { unauthenticated } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account, or null. Set for every request before any handler runs. */
    actor: Actor | null;
    /** 'full', or a sign-in waiting for its second factor ('mfa') or for TOTP enrolment ('enrol'). */
    sessionStage: 'full' | 'mfa' | 'enrol' | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** The declared policy of the route (see kernel/auth/policy.ts); required on every /api route. */
    policy?: import('../auth/policy.js').Policy;
  }
}

/** The actor of a route whose policy already required a sign-in. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/** The who/where of an audit record for this request. */
export function auditFrom(req: FastifyRequest): Pick<AuditEntry, 'actorId' | 'actorName' | 'orgId' | 'ip'> {
  return { actorId: req.actor?.accountId ?? null, actorName: req.actor?.username ?? null, orgId: req.actor?.orgId ?? null, ip: req.ip };
}
