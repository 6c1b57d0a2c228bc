import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Kernel } from '../../kernel/kernel.js';
import { LARGE_TEXT_COOKIE, renderPage, shellContext } from '../../kernel/html/layout.js';
import { assetHref, STATIC_DIR } from '../../kernel/html/assets.js';
import { editionPath, localPathOrNull } from '../../kernel/html/edition.js';
import { t } from '../../kernel/i18n/i18n.js';
import type { Policy } from '../../kernel/auth/policy.js';
import { portalPolicies } from './portal.policies.js';
import { PortalService } from './portal.service.js';
import { pageContext } from './pages/page-context.js';
import { homePage } from './pages/home.page.js';
import { departmentsPage } from './pages/departments.page.js';
import { calendarPage } from './pages/calendar.page.js';
import { displayPage } from './pages/display.page.js';
import { searchPage } from './pages/search.page.js';
import { searchForPage } from './search-form.js';
import { messagesRoutes } from './messages.routes.js';

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<string | void>;

const YEAR_SECONDS = 365 * 24 * 3600;

const contextOf = (req: FastifyRequest) => pageContext(req.locale, shellContext(req).viewer);

export async function portalRoutes(app: FastifyInstance, kernel: Kernel) {
  const service = new PortalService(kernel);

  /** Every page exists in both editions: Chinese at `path`, English at `/en` + `path`. */
  const page = (path: string, policy: Policy, handler: Handler) => {
    const opts: RouteShorthandOptions = { config: { policy }, schema: { hide: true } as any };
    app.get(path, opts, handler);
    app.get(path === '/' ? '/en' : `/en${path}`, opts, handler);
  };

  await app.register(async (scope) => messagesRoutes(scope, kernel));

  // Static assets carry a content digest in their address (assetHref), so browsers may keep them for a year.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/static/')) route.config = { ...(route.config ?? {}), policy: portalPolicies.asset };
  });
  await app.register(fastifyStatic, {
    root: STATIC_DIR, prefix: '/static/', maxAge: '365d', immutable: true,
    index: false, list: false, dotfiles: 'deny', decorateReply: false,
  });

  // Browsers and crawlers ask for /favicon.ico whatever the page says; answer with the site's emblem.
  app.get('/favicon.ico', { config: { policy: portalPolicies.asset }, schema: { hide: true } as any }, async (_req, reply) =>
    reply.redirect(assetHref('emblem.svg'), 301));

  page('/', portalPolicies.home, async (req, reply) => {
    return renderPage(req, reply, homePage(contextOf(req), await service.cityDepartments()));
  });

  page('/departments', portalPolicies.departments, async (req, reply) => {
    return renderPage(req, reply, departmentsPage(contextOf(req), await service.orgTree()));
  });

  page('/calendar', portalPolicies.calendar, async (req, reply) => {
    const data = await service.calendar((req.query ?? {}) as Record<string, unknown>);
    if (data.form.state === 'invalid') reply.status(400);
    return renderPage(req, reply, calendarPage(contextOf(req), data));
  });

  page('/search', portalPolicies.search, async (req, reply) => {
    // A sign-in still waiting for its second factor sees what the public sees.
    const actor = req.sessionStage === 'full' ? req.actor : null;
    const data = await searchForPage(kernel, actor, (req.query ?? {}) as Record<string, unknown>, req.locale);
    if (data.errors.length > 0) reply.status(400);
    return renderPage(req, reply, searchPage(contextOf(req), data));
  });

  // 大字版 / 标准版 without script: a link sets or clears the cookie and goes back to the page it came from.
  page('/display', portalPolicies.display, async (req, reply) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const home = editionPath(req.locale, '/');
    const errors: { field: string; message: string }[] = [];
    const back = q.back === undefined ? home : localPathOrNull(q.back);
    if (back === null) errors.push({ field: 'back', message: t(req.locale, 'portal.display.back.invalid') });
    const mode = q.mode;
    if (mode !== undefined && mode !== 'large' && mode !== 'standard') errors.push({ field: 'mode', message: t(req.locale, 'portal.display.mode.invalid') });
    if (errors.length === 0 && (mode === 'large' || mode === 'standard')) {
      if (mode === 'large') {
        reply.setCookie(LARGE_TEXT_COOKIE, '1', { path: '/', maxAge: YEAR_SECONDS, sameSite: 'lax', httpOnly: true, secure: kernel.config.cookieSecure });
      } else {
        reply.clearCookie(LARGE_TEXT_COOKIE, { path: '/' });
      }
      return reply.redirect(back!, 303);
    }
    if (errors.length > 0) reply.status(400);
    const large = req.cookies?.[LARGE_TEXT_COOKIE] === '1';
    return renderPage(req, reply, displayPage(contextOf(req), large, back ?? home, errors));
  });
}
