import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../../kernel/html/html.js';
import { localePath, renderPage } from '../../../kernel/html/layout.js';
import { field, formStart, l, problems, type FormState } from './page-kit.js';

export const CITIZEN_FIELDS = ['name', 'idNumber', 'phone', 'smsCode', 'password', 'email'];
export const ENTERPRISE_FIELDS = ['enterpriseName', 'creditCode', 'legalRepresentative', 'contactName', 'username', 'phone', 'smsCode', 'password'];

/** The SMS step without JavaScript: "send code" submits the same form, which comes back with the values kept. */
export function smsBlock(req: FastifyRequest, state: FormState) {
  return html`${field(req, state, { name: 'phone', label: 'identity.page.phone', hint: 'identity.page.phoneHint', type: 'tel', autocomplete: 'tel', inputmode: 'numeric', required: true, maxlength: 20 })}
<div class="field-with-action">
${field(req, state, { name: 'smsCode', label: 'identity.page.smsCode', hint: 'identity.page.smsCodeHint', autocomplete: 'one-time-code', inputmode: 'numeric', required: true, maxlength: 6 })}
<button type="submit" name="action" value="sendCode" class="button button-secondary" formnovalidate>${l(req, 'identity.page.sendCode')}</button>
</div>`;
}

export function citizenRegisterPage(req: FastifyRequest, reply: FastifyReply, secure: boolean, state: FormState): string {
  reply.status(state.status);
  const main = html`<h1>${l(req, 'identity.page.registerTitle')}</h1>
<p>${l(req, 'identity.page.registerIntro')}</p>
<p><a href="${localePath(req, '/register/enterprise')}">${l(req, 'identity.page.enterpriseLink')}</a></p>
${problems(req, state, CITIZEN_FIELDS)}
${formStart(req, reply, secure, '/register')}
<p class="hint">${l(req, 'identity.page.required')}</p>
${field(req, state, { name: 'name', label: 'identity.page.name', autocomplete: 'name', required: true, maxlength: 50 })}
${field(req, state, { name: 'idNumber', label: 'identity.page.idNumber', hint: 'identity.page.idNumberHint', autocomplete: 'off', required: true, maxlength: 18 })}
${smsBlock(req, state)}
${field(req, state, { name: 'password', label: 'identity.page.password', hint: 'identity.page.passwordHint', type: 'password', autocomplete: 'new-password', required: true, maxlength: 128 })}
${field(req, state, { name: 'email', label: 'identity.page.email', type: 'email', autocomplete: 'email', optional: true, maxlength: 254 })}
<div class="form-actions"><button type="submit" name="action" value="register" class="button">${l(req, 'identity.page.register')}</button></div>
</form>
<p>${l(req, 'identity.page.haveAccount')} <a href="${localePath(req, '/login')}">${l(req, 'identity.page.loginLink')}</a></p>`;
  return renderPage(req, reply, { title: l(req, 'identity.page.registerTitle'), main });
}

export function enterpriseRegisterPage(req: FastifyRequest, reply: FastifyReply, secure: boolean, state: FormState): string {
  reply.status(state.status);
  const main = html`<h1>${l(req, 'identity.page.enterpriseTitle')}</h1>
<p>${l(req, 'identity.page.enterpriseIntro')}</p>
<p><a href="${localePath(req, '/register')}">${l(req, 'identity.page.citizenLink')}</a></p>
${problems(req, state, ENTERPRISE_FIELDS)}
${formStart(req, reply, secure, '/register/enterprise')}
<p class="hint">${l(req, 'identity.page.required')}</p>
${field(req, state, { name: 'enterpriseName', label: 'identity.page.enterpriseName', autocomplete: 'organization', required: true, maxlength: 100 })}
${field(req, state, { name: 'creditCode', label: 'identity.page.creditCode', hint: 'identity.page.creditCodeHint', autocomplete: 'off', required: true, maxlength: 18 })}
${field(req, state, { name: 'legalRepresentative', label: 'identity.page.legalRepresentative', autocomplete: 'off', required: true, maxlength: 50 })}
${field(req, state, { name: 'contactName', label: 'identity.page.contactName', autocomplete: 'name', required: true, maxlength: 50 })}
${smsBlock(req, state)}
${field(req, state, { name: 'username', label: 'identity.page.username', hint: 'identity.page.usernameHint', autocomplete: 'username', optional: true, maxlength: 32 })}
${field(req, state, { name: 'password', label: 'identity.page.password', hint: 'identity.page.passwordHint', type: 'password', autocomplete: 'new-password', required: true, maxlength: 128 })}
<div class="form-actions"><button type="submit" name="action" value="register" class="button">${l(req, 'identity.page.register')}</button></div>
</form>
<p>${l(req, 'identity.page.haveAccount')} <a href="${localePath(req, '/login')}">${l(req, 'identity.page.loginLink')}</a></p>`;
  return renderPage(req, reply, { title: l(req, 'identity.page.enterpriseTitle'), main });
}
