import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../kernel/auth/session.service.js';

/** The session travels only in an HttpOnly cookie; scripts on the page never see it. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
