import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, raw, type SafeHtml } from './html.js';
import { t } from '../i18n/i18n.js';
import { csrfToken } from '../http/csrf.js';

export interface PageOptions {
  title: string;
  main: SafeHtml;
  description?: string;
}

/** A path in the caller's edition: '/account' → '/en/account' for English pages. */
export function localePath(req: FastifyRequest, path: string): string {
  return req.locale === 'en' ? `/en${path === '/' ? '/' : path}` : path;
}

/** Hidden CSRF field every portal form carries. */
export function csrfField(req: FastifyRequest, reply: FastifyReply, secure: boolean): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrfToken(req, reply, secure)}">`;
}

/**
 * The portal's one page shell (统一平台、统一标准): every module's public page renders inside it.
 * Works without JavaScript; `lang` follows the edition; large-text mode (适老化) comes from a cookie.
 */
export function renderPage(req: FastifyRequest, reply: FastifyReply, page: PageOptions): string {
  reply.type('text/html; charset=utf-8');
  const large = req.cookies?.zw_large === '1';
  const l = (key: string) => t(req.locale, key);
  return '<!doctype html>' + html`<html lang="${req.locale}"${large ? raw(' class="large-text"') : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} - ${l('portal.siteName')}</title>
${page.description ? html`<meta name="description" content="${page.description}">` : ''}
<link rel="stylesheet" href="/static/portal.css">
</head>
<body>
<a class="skip-link" href="#main">${l('portal.skipToContent')}</a>
<header class="site-header"><a class="site-name" href="${localePath(req, '/')}">${l('portal.siteName')}</a></header>
<main id="main" tabindex="-1">
${page.main}
</main>
<footer class="site-footer"><p>${l('portal.footer')}</p></footer>
</body>
</html>`.value;
}
