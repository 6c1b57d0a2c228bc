import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from './html.js';
import { csrfToken } from '../http/csrf.js';
import { editionPath, localPathOrNull } from './edition.js';
import { renderShell, type ShellContext } from './shell.js';

export interface PageOptions {
  title: string;
  main: SafeHtml;
  description?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Unread in-app messages of the signed-in citizen or enterprise, looked up by the portal before its pages render. */
    unreadMessages?: number;
  }
}

/** The cookie that keeps large-text mode (适老化) on; set by GET /display. */
export const LARGE_TEXT_COOKIE = 'zw_large';

/** A path in the caller's edition: '/account' → '/en/account' for English pages. */
export function localePath(req: FastifyRequest, path: string): string {
  return editionPath(req.locale, path);
}

/** Hidden CSRF field every portal form carries. */
export function csrfField(req: FastifyRequest, reply: FastifyReply, secure: boolean): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrfToken(req, reply, secure)}">`;
}

/** What the shell needs to know about this request: edition, address, large text, who is signed in. */
export function shellContext(req: FastifyRequest): ShellContext {
  // A sign-in still waiting for its second factor is not yet a signed-in visitor.
  const viewer = req.actor && req.sessionStage === 'full' ? { kind: req.actor.kind, unread: req.unreadMessages } : null;
  return { locale: req.locale, url: localPathOrNull(req.url), large: req.cookies?.[LARGE_TEXT_COOKIE] === '1', viewer };
}

/**
 * The portal's one page shell (统一平台、统一标准): every module's public page renders inside it.
 * Works without JavaScript; `lang` follows the edition; large-text mode (适老化) comes from a cookie.
 */
export function renderPage(req: FastifyRequest, reply: FastifyReply, page: PageOptions): string {
  reply.type('text/html; charset=utf-8');
  // The page depends on the visitor's cookies (sign-in, large text): shared caches must not reuse it.
  reply.header('cache-control', 'private, no-cache');
  return renderShell(shellContext(req), page);
}
