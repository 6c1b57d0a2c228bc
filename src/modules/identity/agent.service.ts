import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/auth/actor.js';
import type { AuditEntry } from '../../kernel/audit/audit.service.js';
import { accountRepository } from '../../kernel/auth/account.repository.js';
import { isUniqueViolation } from '../../kernel/db/db.js';
import { badRequest, notFound } from '../../kernel/http/errors.js';
import { maskIdNumber, maskPhone } from '../../kernel/privacy/mask.js';
import { FieldChecks } from './field-checks.js';
import { agentRepository } from './agent.repository.js';

type AuditWho = Pick<AuditEntry, 'actorId' | 'actorName' | 'orgId' | 'ip'>;
export const MAX_AGENTS = 50;

export interface AgentInput { name?: string; idNumber?: string; phone?: string; scopeNote?: string }

/** Agents (经办人) an enterprise names to act for it, and the enterprises a citizen represents. */
export class AgentService {
  constructor(private readonly kernel: Kernel) {}

  private present(r: { id: string; name: string; id_number_enc: string; phone_enc: string; scope_note: string; created_at: Date; has_account: boolean }) {
    const { cipher } = this.kernel;
    // Masked even for the enterprise that entered them: the list is shown on screens in offices.
    return {
      id: r.id, name: r.name, idNumber: maskIdNumber(cipher.decrypt(r.id_number_enc)), phone: maskPhone(cipher.decrypt(r.phone_enc)),
      scopeNote: r.scope_note, hasAccount: r.has_account, createdAt: r.created_at.toISOString(),
    };
  }

  async list(actor: Actor) {
    return (await agentRepository.listFor(this.kernel.db, actor.accountId)).map((r) => this.present(r));
  }

  async add(actor: Actor, input: AgentInput, who: AuditWho) {
    const { db, cipher, audit } = this.kernel;
    const c = new FieldChecks();
    const name = c.personName('name', input.name);
    const idNumber = c.idNumber('idNumber', input.idNumber);
    const phone = c.phone('phone', input.phone);
    const scopeNote = c.text('scopeNote', input.scopeNote, { max: 200 });
    c.throwIfAny();
    const idHash = cipher.lookupHash(idNumber);
    const citizen = await accountRepository.byIdNumberHash(db, 'citizen', idHash);
    try {
      return await db.tx(async (tx) => {
        if ((await agentRepository.count(tx, actor.accountId)) >= MAX_AGENTS) throw badRequest('identity.agent.tooMany', [], { limit: MAX_AGENTS });
        const row = await agentRepository.insert(tx, {
          enterpriseId: actor.accountId, name, idNumberEnc: cipher.encrypt(idNumber), idNumberHash: idHash,
          phoneEnc: cipher.encrypt(phone), phoneHash: cipher.lookupHash(phone), scopeNote, citizenId: citizen?.id ?? null, createdBy: actor.accountId,
        });
        await audit.record(tx, { ...who, action: 'identity.agent.add', targetType: 'agent', targetId: row.id, details: { enterpriseId: actor.accountId, linkedCitizen: !!citizen } });
        return { id: row.id, name, idNumber: maskIdNumber(idNumber), phone: maskPhone(phone), scopeNote, hasAccount: !!citizen, createdAt: row.created_at.toISOString() };
      });
    } catch (e) {
      if (isUniqueViolation(e, 'identity_agents_unique')) throw badRequest('error.validation', [{ field: 'idNumber', key: 'identity.agent.duplicate' }]);
      throw e;
    }
  }

  async remove(actor: Actor, id: string, who: AuditWho): Promise<void> {
    const { db, audit } = this.kernel;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    await db.tx(async (tx) => {
      const gone = await agentRepository.delete(tx, actor.accountId, id);
      if (!gone) throw notFound();
      await audit.record(tx, { ...who, action: 'identity.agent.remove', targetType: 'agent', targetId: id, details: { enterpriseId: actor.accountId } });
    });
  }

  /** For a citizen: the enterprises that named them, matched by their own ID number. */
  async representedBy(actor: Actor) {
    const { db } = this.kernel;
    const me = await accountRepository.byId(db, actor.accountId);
    if (!me?.id_number_hash) return [];
    return (await agentRepository.enterprisesRepresentedBy(db, me.id_number_hash)).map((r) => ({
      enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, creditCode: r.credit_code, scopeNote: r.scope_note, since: r.created_at.toISOString(),
    }));
  }
}
