import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../crypto/sm.js';
import { AppError } from './errors.js';
import { SESSION_COOKIE } from '../auth/session.service.js';

export const CSRF_COOKIE = 'zw_csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token of this visitor (double-submit cookie), set on first sight; forms embed it as `_csrf`. */
export function csrfToken(req: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  let token = req.cookies[CSRF_COOKIE];
  if (!token || token.length < 20) {
    token = randomToken(24);
    req.cookies[CSRF_COOKIE] = token;
    // Readable by the office app's own script (it sends it back as x-csrf-token); SameSite keeps other sites from sending it.
    reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure, httpOnly: false });
  }
  return token;
}

/**
 * Writes that carry the session cookie, and every HTML form post, must echo the CSRF cookie in the
 * `x-csrf-token` header or the `_csrf` field. JSON calls without a session cookie (API clients, bearer
 * tokens) have no ambient authority to abuse, and a cross-site page cannot send JSON without a preflight.
 */
export function checkCsrf(req: FastifyRequest): void {
  if (SAFE.has(req.method)) return;
  const hasSessionCookie = !!req.cookies[SESSION_COOKIE];
  const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
  if (!hasSessionCookie && !isForm) return;
  const cookie = req.cookies[CSRF_COOKIE] ?? '';
  const sent = (req.headers['x-csrf-token'] as string | undefined) ?? ((req.body as Record<string, unknown> | undefined)?._csrf as string | undefined) ?? '';
  if (!cookie || !sent || cookie.length !== sent.length || !crypto.timingSafeEqual(Buffer.from(cookie), Buffer.from(sent))) {
    throw new AppError(403, 'CSRF', 'error.csrf');
  }
}
