import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../../kernel/html/html.js';
import { localePath, renderPage } from '../../../kernel/html/layout.js';
import { field, formStart, l, problems, type FormState } from './page-kit.js';

export const LOGIN_FIELDS = ['username', 'password'];

export function loginPage(req: FastifyRequest, reply: FastifyReply, secure: boolean, state: FormState, next: string | null): string {
  reply.status(state.status);
  const action = next ? `/login?next=${encodeURIComponent(next)}` : '/login';
  const main = html`<h1>${l(req, 'identity.page.loginTitle')}</h1>
<p>${l(req, 'identity.page.loginIntro')}</p>
${problems(req, state, LOGIN_FIELDS)}
${formStart(req, reply, secure, action)}
${field(req, state, { name: 'username', label: 'identity.page.loginName', hint: 'identity.page.loginNameHint', autocomplete: 'username', required: true, maxlength: 100 })}
${field(req, state, { name: 'password', label: 'identity.page.password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 200 })}
<div class="form-actions"><button type="submit" class="button">${l(req, 'identity.page.signIn')}</button></div>
</form>
<p><a href="${localePath(req, '/password-reset')}">${l(req, 'identity.page.forgotLink')}</a></p>
<p>${l(req, 'identity.page.noAccount')} <a href="${localePath(req, '/register')}">${l(req, 'identity.page.registerLink')}</a></p>`;
  return renderPage(req, reply, { title: l(req, 'identity.page.loginTitle'), main });
}
