import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Kernel } from '../../kernel/kernel.js';
import { actorOf, auditFrom } from '../../kernel/http/request-context.js';
import { identityPolicies as p } from './identity.policies.js';
import { CodeBody, LoginBody, PasswordBody, SignInReply } from './identity.schemas.js';
import { requestMeta, type IdentityServices } from './identity.services.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

const tags = ['auth'];

/** Sign-in, second factor, session and password: thin handlers over the sign-in service. */
export function authRoutes(app: FastifyInstance, kernel: Kernel, s: IdentityServices) {
  const secure = kernel.config.cookieSecure;

  app.post<{ Body: Static<typeof LoginBody> }>('/api/auth/login', {
    config: { policy: p.login },
    schema: { tags, summary: '登录 Sign in (username, phone, ID number or credit code)', body: LoginBody, response: { 200: SignInReply } },
  }, async (req, reply) => {
    const r = await s.signIn.login(req.body, requestMeta(req));
    setSessionCookie(reply, r.token, secure);
    return { stage: r.stage, account: r.account };
  });

  app.post<{ Body: Static<typeof CodeBody> }>('/api/auth/totp', {
    config: { policy: p.verifyTotp },
    schema: { tags, summary: '动态口令验证 Second factor (TOTP)', body: CodeBody },
  }, async (req) => {
    await s.signIn.verifyTotp(actorOf(req), req.sessionStage ?? 'full', req.body.code, requestMeta(req));
    return { stage: 'full' };
  });

  app.post('/api/auth/totp/enrolment', {
    config: { policy: p.enrolTotp },
    schema: { tags, summary: '绑定动态口令 Start TOTP enrolment' },
  }, async (req) => s.signIn.beginTotpEnrolment(actorOf(req), auditFrom(req)));

  app.post<{ Body: Static<typeof CodeBody> }>('/api/auth/totp/enrolment/confirm', {
    config: { policy: p.enrolTotp },
    schema: { tags, summary: '确认绑定动态口令 Confirm TOTP enrolment', body: CodeBody },
  }, async (req) => {
    await s.signIn.confirmTotpEnrolment(actorOf(req), req.sessionStage ?? 'full', req.body.code, auditFrom(req));
    return { stage: 'full' };
  });

  app.post('/api/auth/logout', { config: { policy: p.logout }, schema: { tags, summary: '退出登录 Sign out' } }, async (req, reply) => {
    await s.signIn.logout(actorOf(req), auditFrom(req));
    clearSessionCookie(reply, secure);
    return reply.status(204).send();
  });

  app.get('/api/auth/session', { config: { policy: p.session }, schema: { tags, summary: '当前会话 Current session' } },
    async (req) => s.signIn.session(actorOf(req), req.sessionStage ?? 'full'));

  app.post<{ Body: Static<typeof PasswordBody> }>('/api/auth/password', {
    config: { policy: p.changePassword },
    schema: { tags, summary: '修改密码 Change password (ends other sessions)', body: PasswordBody },
  }, async (req, reply) => {
    await s.signIn.changePassword(actorOf(req), req.body, requestMeta(req), auditFrom(req));
    return reply.status(204).send();
  });
}
