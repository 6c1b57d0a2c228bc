import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { Kernel } from '../../kernel/kernel.js';
import { actorOf, auditFrom } from '../../kernel/http/request-context.js';
import { identityPolicies as p } from './identity.policies.js';
import { AccountPatch, AccountsQuery, AgentBody, CitizenBody, EnterpriseBody, IdParam, PasswordResetBody, ResetBody, SignInReply, SmsCodeBody } from './identity.schemas.js';
import { requestMeta, type IdentityServices } from './identity.services.js';
import { setSessionCookie } from './session-cookie.js';

const tags = ['identity'];

/** Registration, SMS codes, own account, enterprise agents and the security administrator's account list. */
export function identityRoutes(app: FastifyInstance, kernel: Kernel, s: IdentityServices) {
  const secure = kernel.config.cookieSecure;

  app.post<{ Body: Static<typeof SmsCodeBody> }>('/api/identity/sms-codes', {
    config: { policy: p.sendSmsCode },
    schema: { tags, summary: '发送短信验证码 Send an SMS code', body: SmsCodeBody },
  }, async (req, reply) => {
    await s.smsCodes.send(req.body, { ip: req.ip, locale: req.locale });
    return reply.status(202).send({ sent: true });
  });

  app.post<{ Body: Static<typeof CitizenBody> }>('/api/identity/register/citizen', {
    config: { policy: p.register },
    schema: { tags, summary: '自然人注册 Citizen registration', body: CitizenBody, response: { 201: SignInReply } },
  }, async (req, reply) => {
    const r = await s.registration.registerCitizen(req.body, requestMeta(req));
    setSessionCookie(reply, r.token, secure);
    return reply.status(201).send({ stage: r.stage, account: r.account });
  });

  app.post<{ Body: Static<typeof EnterpriseBody> }>('/api/identity/register/enterprise', {
    config: { policy: p.register },
    schema: { tags, summary: '法人注册 Enterprise registration', body: EnterpriseBody, response: { 201: SignInReply } },
  }, async (req, reply) => {
    const r = await s.registration.registerEnterprise(req.body, requestMeta(req));
    setSessionCookie(reply, r.token, secure);
    return reply.status(201).send({ stage: r.stage, account: r.account });
  });

  app.post<{ Body: Static<typeof PasswordResetBody> }>('/api/identity/password-reset', {
    config: { policy: p.resetPassword },
    schema: { tags, summary: '忘记密码 Reset a forgotten password with an SMS code', body: PasswordResetBody },
  }, async (req, reply) => {
    await s.passwordReset.reset(req.body, requestMeta(req));
    return reply.status(204).send();
  });

  app.get('/api/identity/account', { config: { policy: p.ownAccount }, schema: { tags, summary: '我的账号 Own account' } },
    async (req) => s.accounts.view(actorOf(req)));

  app.patch<{ Body: Static<typeof AccountPatch> }>('/api/identity/account', {
    config: { policy: p.ownAccount },
    schema: { tags, summary: '修改联系信息 Edit own contact details', body: AccountPatch },
  }, async (req) => s.accounts.update(actorOf(req), req.body, auditFrom(req)));

  app.get('/api/identity/agents', { config: { policy: p.agents }, schema: { tags, summary: '经办人列表 Agents of the enterprise' } },
    async (req) => ({ items: await s.agents.list(actorOf(req)) }));

  app.post<{ Body: Static<typeof AgentBody> }>('/api/identity/agents', {
    config: { policy: p.agents },
    schema: { tags, summary: '添加经办人 Name an agent', body: AgentBody },
  }, async (req, reply) => reply.status(201).send(await s.agents.add(actorOf(req), req.body, auditFrom(req))));

  app.delete<{ Params: Static<typeof IdParam> }>('/api/identity/agents/:id', {
    config: { policy: p.agents },
    schema: { tags, summary: '删除经办人 Remove an agent', params: IdParam },
  }, async (req, reply) => {
    await s.agents.remove(actorOf(req), req.params.id, auditFrom(req));
    return reply.status(204).send();
  });

  app.get('/api/identity/represented-enterprises', {
    config: { policy: p.represented },
    schema: { tags, summary: '我代理的企业 Enterprises I act for' },
  }, async (req) => ({ items: await s.agents.representedBy(actorOf(req)) }));

  app.get<{ Querystring: Static<typeof AccountsQuery> }>('/api/identity/accounts', {
    config: { policy: p.readAccounts },
    schema: { tags, summary: '账号管理 Accounts (security administrator)', querystring: AccountsQuery },
  }, async (req) => s.accountAdmin.search(actorOf(req), req.query, auditFrom(req)));

  app.post<{ Params: Static<typeof IdParam> }>('/api/identity/accounts/:id/unlock', {
    config: { policy: p.unlockAccount },
    schema: { tags, summary: '解锁账号 Unlock an account', params: IdParam },
  }, async (req, reply) => {
    await s.accountAdmin.unlock(actorOf(req), req.params.id, auditFrom(req));
    return reply.status(204).send();
  });

  app.post<{ Params: Static<typeof IdParam>; Body: Static<typeof ResetBody> }>('/api/identity/accounts/:id/reset', {
    config: { policy: p.resetAccount },
    schema: { tags, summary: '重置密码或动态口令 Reset a password and/or unbind the authenticator', params: IdParam, body: ResetBody },
  }, async (req, reply) => {
    await s.accountAdmin.resetCredentials(actorOf(req), req.params.id, req.body, auditFrom(req));
    return reply.status(204).send();
  });
}
