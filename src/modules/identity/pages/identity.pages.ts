import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kernel } from '../../../kernel/kernel.js';
import { AppError } from '../../../kernel/http/errors.js';
import { html } from '../../../kernel/html/html.js';
import { localePath, renderPage } from '../../../kernel/html/layout.js';
import { actorOf, auditFrom } from '../../../kernel/http/request-context.js';
import { identityPolicies as p } from '../identity.policies.js';
import { requestMeta, type IdentityServices } from '../identity.services.js';
import { clearSessionCookie, setSessionCookie } from '../session-cookie.js';
import { maskPhone } from '../../../kernel/privacy/mask.js';
import { normalizePhone } from '../../../kernel/identifiers/phone.js';
import { emptyForm, formFailure, formValues, l, safeNext } from './page-kit.js';
import { CITIZEN_FIELDS, ENTERPRISE_FIELDS, citizenRegisterPage, enterpriseRegisterPage } from './register.page.js';
import { LOGIN_FIELDS, loginPage } from './login.page.js';
import { PASSWORD_FIELDS, PROFILE_FIELDS, accountPage } from './account.page.js';
import { AGENT_FIELDS, agentsPage } from './agents.page.js';
import { RESET_FIELDS, passwordResetPage } from './password-reset.page.js';
import type { SmsPurpose } from '../sms-code.service.js';

const NOTICES: Record<string, string> = {
  saved: 'identity.page.saved', password: 'identity.page.passwordChanged',
  agentAdded: 'identity.page.agentAdded', agentRemoved: 'identity.page.agentRemoved',
};

/**
 * The portal's registration, sign-in and account pages: plain HTML forms that work without JavaScript,
 * in the Chinese edition and under /en/. Each form posts back to its own page (post/redirect/get on success).
 */
export async function identityPages(app: FastifyInstance, kernel: Kernel, s: IdentityServices) {
  const secure = kernel.config.cookieSecure;
  const both = (path: string) => [path, `/en${path}`];
  const go = (req: FastifyRequest, reply: FastifyReply, path: string) => reply.redirect(localePath(req, path), 303);
  const notice = (req: FastifyRequest) => { const k = NOTICES[(req.query as Record<string, string>)?.done ?? '']; return k ? l(req, k) : undefined; };

  // A page that needs a sign-in sends the visitor to the sign-in form and back; other refusals get a page, not JSON.
  app.setErrorHandler(async (err, req, reply) => {
    if (!(err instanceof AppError)) throw err;
    if (err.status === 401) {
      const back = req.method === 'GET' ? req.url.replace(/^\/en(?=\/)/, '') : '/account';
      return reply.redirect(`${localePath(req, '/login')}?next=${encodeURIComponent(back)}`, 303);
    }
    reply.status(err.status);
    return renderPage(req, reply, { title: l(req, 'identity.page.errorPage'), main: html`<h1>${l(req, 'identity.page.errorPage')}</h1><p role="alert">${l(req, err.key, err.params)}</p><p><a href="${localePath(req, '/')}">${l(req, 'identity.page.home')}</a></p>` });
  });

  const page = { config: { policy: p.portalPage }, schema: { hide: true } as any };

  for (const url of both('/register')) {
    app.get(url, page, async (req, reply) => citizenRegisterPage(req, reply, secure, emptyForm()));
    app.post(url, page, async (req, reply) => {
      const values = formValues(req.body, [...CITIZEN_FIELDS, 'action']);
      if (values.action === 'sendCode') return sendCode(req, reply, values, 'register', (st) => citizenRegisterPage(req, reply, secure, st));
      try {
        const r = await s.registration.registerCitizen(values, requestMeta(req));
        setSessionCookie(reply, r.token, secure);
        return go(req, reply, '/account');
      } catch (e) {
        return citizenRegisterPage(req, reply, secure, formFailure(req, e, values));
      }
    });
  }

  for (const url of both('/register/enterprise')) {
    app.get(url, page, async (req, reply) => enterpriseRegisterPage(req, reply, secure, emptyForm()));
    app.post(url, page, async (req, reply) => {
      const values = formValues(req.body, [...ENTERPRISE_FIELDS, 'action']);
      if (values.action === 'sendCode') return sendCode(req, reply, values, 'register', (st) => enterpriseRegisterPage(req, reply, secure, st));
      try {
        const r = await s.registration.registerEnterprise(values, requestMeta(req));
        setSessionCookie(reply, r.token, secure);
        return go(req, reply, '/account');
      } catch (e) {
        return enterpriseRegisterPage(req, reply, secure, formFailure(req, e, values));
      }
    });
  }

  async function sendCode(req: FastifyRequest, reply: FastifyReply, values: Record<string, string>, purpose: SmsPurpose, render: (st: ReturnType<typeof emptyForm>) => string) {
    try {
      await s.smsCodes.send({ phone: values.phone, purpose }, { ip: req.ip, locale: req.locale });
      const st = emptyForm({ ...values, smsCode: '' });
      st.notice = l(req, 'identity.page.codeSent', { phone: maskPhone(normalizePhone(values.phone)) });
      return render(st);
    } catch (e) {
      return render(formFailure(req, e, values));
    }
  }

  for (const url of both('/login')) {
    app.get(url, page, async (req, reply) => loginPage(req, reply, secure, emptyForm(), safeNext((req.query as any)?.next)));
    app.post(url, page, async (req, reply) => {
      const values = formValues(req.body, LOGIN_FIELDS);
      const next = safeNext((req.query as any)?.next);
      try {
        const r = await s.signIn.login({ username: values.username, password: values.password }, requestMeta(req));
        setSessionCookie(reply, r.token, secure);
        // Staff finish their second factor, and work, in the office app.
        if (r.account.kind === 'staff') return reply.redirect('/office/', 303);
        return reply.redirect(next ? localePath(req, next) : localePath(req, '/account'), 303);
      } catch (e) {
        return loginPage(req, reply, secure, formFailure(req, e, { username: values.username }), next);
      }
    });
  }

  for (const url of both('/password-reset')) {
    app.get(url, page, async (req, reply) => passwordResetPage(req, reply, secure, emptyForm()));
    app.post(url, page, async (req, reply) => {
      const values = formValues(req.body, [...RESET_FIELDS, 'action']);
      if (values.action === 'sendCode') return sendCode(req, reply, values, 'resetPassword', (st) => passwordResetPage(req, reply, secure, st));
      try {
        await s.passwordReset.reset({ phone: values.phone, smsCode: values.smsCode, password: values.password, kind: values.kind === 'enterprise' ? 'enterprise' : 'citizen' }, requestMeta(req));
        const done = emptyForm();
        done.notice = l(req, 'identity.page.resetDone');
        return loginPage(req, reply, secure, done, null);
      } catch (e) {
        return passwordResetPage(req, reply, secure, formFailure(req, e, values));
      }
    });
  }

  for (const url of both('/logout')) {
    app.post(url, { config: { policy: p.logout }, schema: { hide: true } as any }, async (req, reply) => {
      await s.signIn.logout(actorOf(req), auditFrom(req));
      clearSessionCookie(reply, secure);
      return go(req, reply, '/');
    });
  }

  const accountCfg = { config: { policy: p.accountPage }, schema: { hide: true } as any };
  const showAccount = async (req: FastifyRequest, reply: FastifyReply, forms: { profile?: ReturnType<typeof emptyForm>; password?: ReturnType<typeof emptyForm> }) => {
    const actor = actorOf(req);
    const account = await s.accounts.view(actor);
    const represented = account.kind === 'citizen' ? await s.agents.representedBy(actor) : [];
    const profile = forms.profile ?? emptyForm({ email: account.email ?? '', address: account.address ?? '', contactName: account.contactName ?? '' });
    return accountPage(req, reply, secure, { account, represented, profile, password: forms.password ?? emptyForm(), notice: notice(req) });
  };

  for (const url of both('/account')) {
    app.get(url, accountCfg, async (req, reply) => showAccount(req, reply, {}));
    app.post(url, accountCfg, async (req, reply) => {
      const values = formValues(req.body, PROFILE_FIELDS);
      const actor = actorOf(req);
      const changes = actor.kind === 'enterprise' ? values : { email: values.email, address: values.address };
      try {
        await s.accounts.update(actor, changes, auditFrom(req));
        return go(req, reply, '/account?done=saved');
      } catch (e) {
        return showAccount(req, reply, { profile: formFailure(req, e, values) });
      }
    });
  }

  for (const url of both('/account/password')) {
    app.post(url, accountCfg, async (req, reply) => {
      const values = formValues(req.body, PASSWORD_FIELDS);
      try {
        await s.signIn.changePassword(actorOf(req), { currentPassword: values.currentPassword, newPassword: values.newPassword }, requestMeta(req), auditFrom(req));
        return go(req, reply, '/account?done=password');
      } catch (e) {
        // A lock-out ends this session too: the visitor is sent to sign in, with the reason shown there.
        if (e instanceof AppError && e.status === 423) {
          clearSessionCookie(reply, secure);
          return loginPage(req, reply, secure, formFailure(req, e, {}), '/account');
        }
        return showAccount(req, reply, { password: formFailure(req, e, {}) });
      }
    });
  }

  const agentsCfg = { config: { policy: p.agentsPage }, schema: { hide: true } as any };
  for (const url of both('/account/agents')) {
    app.get(url, agentsCfg, async (req, reply) => agentsPage(req, reply, secure, await s.agents.list(actorOf(req)), emptyForm(), notice(req)));
    app.post(url, agentsCfg, async (req, reply) => {
      const values = formValues(req.body, AGENT_FIELDS);
      try {
        await s.agents.add(actorOf(req), values, auditFrom(req));
        return go(req, reply, '/account/agents?done=agentAdded');
      } catch (e) {
        const state = formFailure(req, e, values);
        return agentsPage(req, reply, secure, await s.agents.list(actorOf(req)), state);
      }
    });
  }
  for (const url of both('/account/agents/:id/delete')) {
    app.post<{ Params: { id: string } }>(url, agentsCfg, async (req, reply) => {
      await s.agents.remove(actorOf(req), req.params.id, auditFrom(req));
      return go(req, reply, '/account/agents?done=agentRemoved');
    });
  }
}
