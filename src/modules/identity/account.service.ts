import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/auth/actor.js';
import type { AuditEntry } from '../../kernel/audit/audit.service.js';
import { accountRepository, type AccountRow } from '../../kernel/auth/account.repository.js';
import { AppError, fieldError } from '../../kernel/http/errors.js';
import { FieldChecks } from './field-checks.js';
import { identityRepository } from './identity.repository.js';

type AuditWho = Pick<AuditEntry, 'actorId' | 'actorName' | 'orgId' | 'ip'>;

export interface OwnAccount {
  id: string;
  kind: 'citizen' | 'enterprise';
  username: string;
  displayName: string;
  phone: string | null;
  idNumber: string | null;
  creditCode: string | null;
  email: string | null;
  address: string | null;
  contactName: string | null;
  legalRepresentative: string | null;
  realNameVerified: boolean;
  createdAt: string;
}

export interface AccountChanges { email?: string; address?: string; contactName?: string }

/** A citizen's or enterprise's own account: they see their own data in full, and edit contact details. */
export class AccountService {
  constructor(private readonly kernel: Kernel) {}

  private async own(actor: Actor): Promise<AccountRow> {
    const a = await accountRepository.byId(this.kernel.db, actor.accountId);
    if (!a || a.kind === 'staff') throw new AppError(401, 'UNAUTHENTICATED', 'error.unauthenticated');
    return a;
  }

  async view(actor: Actor): Promise<OwnAccount> {
    const a = await this.own(actor);
    const { cipher } = this.kernel;
    const p = a.profile as Record<string, string | undefined>;
    return {
      id: a.id, kind: a.kind as OwnAccount['kind'], username: a.username, displayName: a.display_name,
      phone: a.phone_enc ? cipher.decrypt(a.phone_enc) : null,
      idNumber: a.id_number_enc ? cipher.decrypt(a.id_number_enc) : null,
      creditCode: a.credit_code, email: a.email, address: p.address ?? null,
      contactName: p.contactName ?? null, legalRepresentative: p.legalRepresentative ?? null,
      realNameVerified: a.real_name_verified, createdAt: a.created_at.toISOString(),
    };
  }

  /** Only the fields given change; an empty string clears an optional one. */
  async update(actor: Actor, input: AccountChanges, who: AuditWho): Promise<OwnAccount> {
    const a = await this.own(actor);
    const c = new FieldChecks();
    const profile = { ...a.profile } as Record<string, unknown>;
    let email = a.email;
    const changed: string[] = [];
    if (input.email !== undefined) { email = c.email('email', input.email); changed.push('email'); }
    if (input.address !== undefined) {
      const address = c.text('address', input.address, { max: 200 });
      if (address) profile.address = address; else delete profile.address;
      changed.push('address');
    }
    if (input.contactName !== undefined) {
      if (a.kind !== 'enterprise') throw fieldError('contactName', 'identity.account.contactNameEnterpriseOnly');
      const contactName = c.personName('contactName', input.contactName);
      profile.contactName = contactName;
      changed.push('contactName');
    }
    c.throwIfAny();
    await this.kernel.db.tx(async (tx) => {
      await identityRepository.updateProfile(tx, a.id, email, profile);
      await this.kernel.audit.record(tx, { ...who, action: 'identity.account.update', targetType: 'account', targetId: a.id, details: { fields: changed } });
    });
    return this.view(actor);
  }
}
