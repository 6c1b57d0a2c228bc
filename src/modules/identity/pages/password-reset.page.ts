import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../../kernel/html/html.js';
import { radioGroup } from '../../../kernel/html/forms.js';
import { localePath, renderPage } from '../../../kernel/html/layout.js';
import { field, formStart, l, problems, type FormState } from './page-kit.js';
import { smsBlock } from './register.page.js';

export const RESET_FIELDS = ['phone', 'smsCode', 'kind', 'password'];

/** 找回密码: the registered phone, its SMS code, which account (person or enterprise), the new password. */
export function passwordResetPage(req: FastifyRequest, reply: FastifyReply, secure: boolean, state: FormState): string {
  reply.status(state.status);
  const main = html`<h1>${l(req, 'identity.page.resetTitle')}</h1>
<p>${l(req, 'identity.page.resetIntro')}</p>
${problems(req, state, RESET_FIELDS)}
${formStart(req, reply, secure, '/password-reset')}
${smsBlock(req, state)}
${radioGroup({
    name: 'kind', legend: l(req, 'identity.page.resetKind'), value: state.values.kind || 'citizen', error: state.fieldErrors.kind,
    options: [{ value: 'citizen', label: l(req, 'identity.page.resetKindCitizen') }, { value: 'enterprise', label: l(req, 'identity.page.resetKindEnterprise') }],
  })}
${field(req, state, { name: 'password', label: 'identity.page.newPassword', hint: 'identity.page.passwordHint', type: 'password', autocomplete: 'new-password', required: true, maxlength: 128 })}
<div class="form-actions"><button type="submit" name="action" value="reset" class="button">${l(req, 'identity.page.resetSubmit')}</button></div>
</form>
<p><a href="${localePath(req, '/login')}">${l(req, 'identity.page.loginLink')}</a></p>`;
  return renderPage(req, reply, { title: l(req, 'identity.page.resetTitle'), main });
}
