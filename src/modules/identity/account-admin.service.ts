import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { isRootPath, scopeOf } from '../../kernel/auth/actor.js';
import type { AccountKind } from '../../kernel/auth/actor.js';
import type { AuditEntry } from '../../kernel/audit/audit.service.js';
import { fieldError, forbidden, notFound } from '../../kernel/http/errors.js';
import { checkPasswordPolicy } from '../../kernel/auth/password.js';
import { validateIdNumber } from '../../kernel/identifiers/id-number.js';
import { isMobilePhone, normalizePhone } from '../../kernel/identifiers/phone.js';
import { maskIdNumber, maskPhone } from '../../kernel/privacy/mask.js';
import { identityRepository } from './identity.repository.js';

type AuditWho = Pick<AuditEntry, 'actorId' | 'actorName' | 'orgId' | 'ip'>;

export interface AccountQuery { q?: string; kind?: AccountKind; locked?: boolean; page: number; pageSize: number }

/**
 * The security administrator's view of accounts. Staff are visible within the administrator's scope;
 * the public's accounts only to an administrator whose scope is the whole platform (a root organisation).
 */
export class AccountAdminService {
  constructor(private readonly kernel: Kernel) {}

  async search(actor: Actor, f: AccountQuery, who: AuditWho) {
    const { db, cipher, audit } = this.kernel;
    const scopes = scopeOf(actor, 'security.account.read');
    const publicAccounts = scopes.some(isRootPath);
    const text = f.q?.trim() || undefined;
    const id = text ? validateIdNumber(text) : undefined;
    const result = await identityRepository.search(db, {
      staffScopes: scopes, publicAccounts, kind: f.kind, text, lockedOnly: !!f.locked,
      phoneHash: text && isMobilePhone(text) ? cipher.lookupHash(normalizePhone(text)) : undefined,
      idNumberHash: id?.ok ? cipher.lookupHash(id.value) : undefined,
      limit: f.pageSize, offset: (f.page - 1) * f.pageSize,
    });
    // A list of other people's (masked) personal data is still a read of personal data: audit it.
    await audit.recordNow({ ...who, action: 'identity.account.search', targetType: 'account', details: { q: text && (id?.ok ? maskIdNumber(text) : isMobilePhone(text) ? maskPhone(text) : text), kind: f.kind ?? null, locked: !!f.locked, returned: result.items.map((r) => r.id) } });
    return {
      total: result.total, page: f.page, pageSize: f.pageSize,
      items: result.items.map((r) => ({
        id: r.id, kind: r.kind, username: r.username, displayName: r.display_name,
        phone: r.phone_enc ? maskPhone(cipher.decrypt(r.phone_enc)) : null,
        idNumber: r.id_number_enc ? maskIdNumber(cipher.decrypt(r.id_number_enc)) : null,
        creditCode: r.credit_code, orgId: r.org_id, orgName: r.org_name, status: r.status,
        locked: r.locked, lockedUntil: r.locked ? r.locked_until!.toISOString() : null, failedLogins: r.failed_logins,
        totpEnrolled: !!r.totp_enrolled_at, realNameVerified: r.real_name_verified,
      })),
    };
  }

  async unlock(actor: Actor, accountId: string, who: AuditWho): Promise<void> {
    const { db, audit } = this.kernel;
    const target = await this.targetInScope(actor, accountId, 'security.account.unlock', 'identity.account.unlock', who);
    await db.tx(async (tx) => {
      await identityRepository.clearFailures(tx, accountId);
      await audit.record(tx, { ...who, action: 'identity.account.unlock', targetType: 'account', targetId: accountId, details: { wasLockedUntil: target.locked_until?.toISOString() ?? null, failedLogins: target.failed_logins } });
    });
  }

  /**
   * The way back for someone who forgot the password or lost the authenticator (and for imported staff,
   * whose first password nobody knows): a new password the administrator hands over, and/or the
   * authenticator unbound so that the next sign-in enrols a new one. Every session of the account ends.
   */
  async resetCredentials(actor: Actor, accountId: string, input: { password?: string; totp?: boolean }, who: AuditWho): Promise<void> {
    const { db, audit, passwords, sessions } = this.kernel;
    if (!input.password && !input.totp) throw fieldError('password', 'identity.reset.nothing');
    const target = await this.targetInScope(actor, accountId, 'security.account.reset', 'identity.account.reset', who);
    if (target.id === actor.accountId) throw forbidden('identity.reset.self');
    if (input.password) checkPasswordPolicy(input.password, target.username, 'password');
    const hash = input.password ? await passwords.hash(input.password) : null;
    await db.tx(async (tx) => {
      if (hash) await identityRepository.setPassword(tx, accountId, hash);
      if (input.totp) await identityRepository.clearTotp(tx, accountId);
      await identityRepository.clearFailures(tx, accountId);
      await sessions.endAllFor(tx, accountId);
      await audit.record(tx, { ...who, action: 'identity.account.reset', targetType: 'account', targetId: accountId, details: { password: !!hash, totp: !!input.totp } });
    });
  }

  /** The target account if it lies in the actor's scope for `permission`; otherwise refused and audited. */
  private async targetInScope(actor: Actor, accountId: string, permission: string, action: string, who: AuditWho) {
    const { db, audit } = this.kernel;
    if (!/^[0-9a-f-]{36}$/i.test(accountId)) throw notFound();
    const target = await identityRepository.withOrgPath(db, accountId);
    if (!target) throw notFound();
    const scopes = scopeOf(actor, permission);
    const allowed = target.kind === 'staff'
      ? !!target.org_path && scopes.some((s) => target.org_path!.startsWith(s))
      : scopes.some(isRootPath);
    if (!allowed) {
      await audit.recordNow({ ...who, action, outcome: 'denied', targetType: 'account', targetId: accountId });
      // Outside one's scope an account is as good as absent: do not confirm it exists.
      throw target.kind === 'staff' ? notFound() : forbidden();
    }
    return target;
  }
}
