import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../../kernel/html/html.js';
import { localePath, renderPage } from '../../../kernel/html/layout.js';
import type { OwnAccount } from '../account.service.js';
import { emptyForm, field, formStart, l, lastFour, problems, type FormState } from './page-kit.js';

export const PROFILE_FIELDS = ['email', 'address', 'contactName'];
export const PASSWORD_FIELDS = ['currentPassword', 'newPassword'];

export interface AccountPageData {
  account: OwnAccount;
  represented: { enterpriseName: string; creditCode: string; scopeNote: string }[];
  profile: FormState;
  password: FormState;
  notice?: string;
}

export function accountPage(req: FastifyRequest, reply: FastifyReply, secure: boolean, d: AccountPageData): string {
  const a = d.account;
  reply.status(Math.max(d.profile.status, d.password.status));
  const row = (label: string, value: string | null) => (value ? html`<div><dt>${l(req, label)}</dt><dd>${value}</dd></div>` : '');
  const top = emptyForm();
  top.notice = d.notice;
  const main = html`<h1>${l(req, 'identity.page.accountTitle')}</h1>
${problems(req, top, [])}
<section aria-labelledby="details-h">
<h2 id="details-h">${l(req, 'identity.page.details')}</h2>
<dl class="details">
${row(a.kind === 'citizen' ? 'identity.page.name' : 'identity.page.enterpriseName', a.displayName)}
${row('identity.page.kind', l(req, `identity.page.kind.${a.kind}`))}
${row('identity.page.username.label', a.username)}
${row('identity.page.idNumber', a.idNumber ? lastFour(a.idNumber) : null)}
${row('identity.page.creditCode', a.creditCode)}
${row('identity.page.legalRepresentative', a.legalRepresentative)}
${row('identity.page.phone', a.phone)}
${row('identity.page.email', a.email)}
${row('identity.page.address', a.address)}
${row('identity.page.contactName', a.contactName)}
${row('identity.page.realName', l(req, a.realNameVerified ? 'identity.page.realName.yes' : 'identity.page.realName.no'))}
</dl>
</section>
${a.kind === 'citizen' ? html`<section aria-labelledby="represented-h">
<h2 id="represented-h">${l(req, 'identity.page.represented')}</h2>
${d.represented.length === 0 ? html`<p>${l(req, 'identity.page.representedNone')}</p>`
  : html`<ul>${d.represented.map((e) => html`<li>${e.enterpriseName}（${e.creditCode}）${e.scopeNote ? html`：${e.scopeNote}` : ''}</li>`)}</ul>`}
</section>` : html`<p><a href="${localePath(req, '/account/agents')}">${l(req, 'identity.page.agentsLink')}</a></p>`}
<section aria-labelledby="edit-h">
<h2 id="edit-h">${l(req, 'identity.page.editTitle')}</h2>
${problems(req, d.profile, PROFILE_FIELDS)}
${formStart(req, reply, secure, '/account', l(req, 'identity.page.editTitle'))}
${field(req, d.profile, { name: 'email', label: 'identity.page.email', type: 'email', autocomplete: 'email', optional: true, maxlength: 254 })}
${field(req, d.profile, { name: 'address', label: 'identity.page.address', autocomplete: 'street-address', optional: true, maxlength: 200 })}
${a.kind === 'enterprise' ? field(req, d.profile, { name: 'contactName', label: 'identity.page.contactName', autocomplete: 'name', required: true, maxlength: 50 }) : ''}
<div class="form-actions"><button type="submit" class="button">${l(req, 'identity.page.save')}</button></div>
</form>
</section>
<section aria-labelledby="password-h">
<h2 id="password-h">${l(req, 'identity.page.passwordTitle')}</h2>
${problems(req, d.password, PASSWORD_FIELDS)}
${formStart(req, reply, secure, '/account/password', l(req, 'identity.page.passwordTitle'))}
${field(req, d.password, { name: 'currentPassword', label: 'identity.page.currentPassword', type: 'password', autocomplete: 'current-password', required: true, maxlength: 200 })}
${field(req, d.password, { name: 'newPassword', label: 'identity.page.newPassword', hint: 'identity.page.passwordHint', type: 'password', autocomplete: 'new-password', required: true, maxlength: 128 })}
<div class="form-actions"><button type="submit" class="button">${l(req, 'identity.page.changePassword')}</button></div>
</form>
</section>
${formStart(req, reply, secure, '/logout', l(req, 'identity.page.logout'))}
<div class="form-actions"><button type="submit" class="button button-secondary">${l(req, 'identity.page.logout')}</button></div>
</form>`;
  return renderPage(req, reply, { title: l(req, 'identity.page.accountTitle'), main });
}
