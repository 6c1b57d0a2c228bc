import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kernel } from '../kernel.js';
import type { ModuleDefinition } from '../module.js';
import { addMessages, pickLocale } from '../i18n/i18n.js';
import { kernelMessages } from '../i18n/kernel.messages.js';
import { SESSION_COOKIE } from '../auth/session.service.js';
import { checkCsrf, csrfToken } from './csrf.js';
import { installErrorHandling } from './error-handler.js';
import { checkPolicy, installPolicyHooks } from './policy-hook.js';
import { installMetrics } from './metrics.js';
import { definePolicies, anyone } from '../auth/policy.js';
import './request-context.js';

const kernelPolicies = definePolicies('kernel', { health: anyone(), metrics: anyone(), openapi: anyone() });

const isImmutableAsset = (url: string) => url.startsWith('/static/') || url.startsWith('/office/assets/');

/**
 * The request URL as logs may show it: provider callback URLs carry a secret path token
 * (`/api/notify/callbacks/<provider>/<token>/…`) and a few query parameters carry secrets; both are masked.
 */
export function loggableUrl(url: string): string {
  return url
    .replace(/(\/callbacks\/[^/?]+\/)[^/?]+/, '$1***')
    .replace(/([?&](?:token|secret|code|password)=)[^&]*/gi, '$1***');
}

export interface ServerOptions {
  logger?: boolean | object;
}

/** Builds the one HTTP server: kernel hooks first, then each module in its own encapsulated plugin. */
export async function buildServer(kernel: Kernel, modules: ModuleDefinition[], opts: ServerOptions = {}): Promise<FastifyInstance> {
  addMessages(kernelMessages);
  for (const m of modules) if (m.messages) addMessages(m.messages);

  const app = Fastify({
    logger: opts.logger ?? {
      level: kernel.config.logLevel,
      serializers: {
        req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({ method: req.method, url: loggableUrl(req.url), host: req.hostname, remoteAddress: req.ip }),
      },
    },
    trustProxy: kernel.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { allErrors: true, verbose: true, coerceTypes: 'array', removeAdditional: false, keywords: ['x-message'] } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionStage', null);
  app.decorateRequest('locale', 'zh-CN');

  await app.register(cookie);
  await app.register(formbody);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its CSS-in-JS <style> tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        // Only where the platform is served over HTTPS (COOKIE_SECURE=true); it would break plain-HTTP local use.
        upgradeInsecureRequests: kernel.config.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
  });

  installErrorHandling(app, kernel);
  installPolicyHooks(app);
  const metrics = installMetrics(app);

  app.addHook('onRequest', async (req, reply) => {
    // Every visitor gets the CSRF cookie on first contact, so the office app and portal forms always have one to echo;
    // not on immutable assets, which shared caches may store and must never carry a Set-Cookie.
    if (!isImmutableAsset(req.url)) csrfToken(req, reply, kernel.config.cookieSecure);
    // Portal pages: the address decides the edition (Chinese at /..., English at /en/...), so that a link or a
    // bookmark always shows the same language. The API follows ?lang=, the zw_lang cookie, then Accept-Language.
    const pathname = req.url.split('?')[0];
    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    const lang = pathname === '/en' || pathname.startsWith('/en/') ? 'en' : isApi ? ((req.query as any)?.lang ?? req.cookies?.zw_lang) : 'zh-CN';
    req.locale = pickLocale(lang, req.headers['accept-language']);
    const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
    const resolved = await kernel.sessions.resolve(bearer ?? req.cookies?.[SESSION_COOKIE]);
    if (resolved) {
      req.actor = resolved.actor;
      req.sessionStage = resolved.stage;
    }
  });
  app.addHook('preHandler', async (req) => {
    // Who may do this first (an anonymous caller learns "sign in", not "page expired"), then whether this
    // request really comes from our own page.
    checkPolicy(req.routeOptions.config?.policy, req);
    checkCsrf(req);
  });
  app.addHook('preHandler', async (req) => {
    // Every portal page's header (any module's) shows a signed-in citizen's or enterprise's unread messages.
    const pathname = req.url.split('?')[0];
    if (req.method !== 'GET' || !req.actor || req.sessionStage !== 'full' || req.actor.kind === 'staff') return;
    if (/^\/(api|static|office)(\/|$)/.test(pathname)) return;
    req.unreadMessages = await kernel.notify.inbox.unreadCount(req.actor.accountId);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Zhengwu API', version: '0.1.0', description: '政务平台 API. Errors: { error: { code, message, fields } }.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/healthz', { config: { policy: kernelPolicies.health }, schema: { hide: true } as any }, async () => {
    await kernel.db.query('SELECT 1');
    return { status: 'ok', database: kernel.db.kind };
  });
  app.get('/metrics', { config: { policy: kernelPolicies.metrics }, schema: { hide: true } as any }, async (_req, reply) => {
    reply.type(metrics.contentType);
    return metrics.metrics();
  });
  app.get('/api/openapi.json', { config: { policy: kernelPolicies.openapi }, schema: { hide: true } as any }, async () => app.swagger());

  for (const m of modules) {
    if (m.routes) await app.register(async (scope) => { await m.routes!(scope as unknown as FastifyInstance, kernel); });
  }
  await app.ready();
  return app as unknown as FastifyInstance;
}
