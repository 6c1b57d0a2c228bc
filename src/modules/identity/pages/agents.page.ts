import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../../kernel/html/html.js';
import { localePath, renderPage } from '../../../kernel/html/layout.js';
import { emptyForm, field, formStart, l, problems, type FormState } from './page-kit.js';

export const AGENT_FIELDS = ['name', 'idNumber', 'phone', 'scopeNote'];

export interface AgentView { id: string; name: string; idNumber: string; phone: string; scopeNote: string; hasAccount: boolean; createdAt: string }

export function agentsPage(req: FastifyRequest, reply: FastifyReply, secure: boolean, agents: AgentView[], state: FormState, notice?: string): string {
  reply.status(state.status);
  const top = emptyForm();
  top.notice = notice;
  const main = html`<h1>${l(req, 'identity.page.agentsTitle')}</h1>
<p>${l(req, 'identity.page.agentsIntro')}</p>
${problems(req, top, [])}
${agents.length === 0 ? html`<p>${l(req, 'identity.page.agentsNone')}</p>` : html`<div class="table-wrap"><table>
<caption>${l(req, 'identity.page.agentsTitle')}</caption>
<thead><tr><th scope="col">${l(req, 'identity.page.agentName')}</th><th scope="col">${l(req, 'identity.page.idNumber')}</th><th scope="col">${l(req, 'identity.page.phone')}</th>
<th scope="col">${l(req, 'identity.page.scopeNote')}</th><th scope="col">${l(req, 'identity.page.hasAccount')}</th><th scope="col">${l(req, 'identity.page.actions')}</th></tr></thead>
<tbody>${agents.map((a) => html`<tr><td>${a.name}</td><td>${a.idNumber}</td><td>${a.phone}</td><td>${a.scopeNote}</td>
<td>${l(req, a.hasAccount ? 'identity.page.yes' : 'identity.page.no')}</td>
<td>${formStart(req, reply, secure, `/account/agents/${a.id}/delete`)}<button type="submit" class="button button-secondary" aria-label="${l(req, 'identity.page.removeLabel', { name: a.name })}">${l(req, 'identity.page.remove')}</button></form></td></tr>`)}</tbody>
</table></div>`}
<section aria-labelledby="add-h">
<h2 id="add-h">${l(req, 'identity.page.addAgent')}</h2>
${problems(req, state, AGENT_FIELDS)}
${formStart(req, reply, secure, '/account/agents', l(req, 'identity.page.addAgent'))}
${field(req, state, { name: 'name', label: 'identity.page.agentName', autocomplete: 'off', required: true, maxlength: 50 })}
${field(req, state, { name: 'idNumber', label: 'identity.page.idNumber', hint: 'identity.page.idNumberHint', autocomplete: 'off', required: true, maxlength: 18 })}
${field(req, state, { name: 'phone', label: 'identity.page.phone', type: 'tel', autocomplete: 'off', inputmode: 'numeric', required: true, maxlength: 20 })}
${field(req, state, { name: 'scopeNote', label: 'identity.page.scopeNote', autocomplete: 'off', optional: true, maxlength: 200 })}
<div class="form-actions"><button type="submit" class="button">${l(req, 'identity.page.addAgent')}</button></div>
</form>
</section>
<p><a href="${localePath(req, '/account')}">${l(req, 'identity.page.backToAccount')}</a></p>`;
  return renderPage(req, reply, { title: l(req, 'identity.page.agentsTitle'), main });
}
