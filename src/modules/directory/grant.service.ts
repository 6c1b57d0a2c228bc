import type { Actor } from '../../kernel/auth/actor.js';
import type { Db } from '../../kernel/db/db.js';
import type { AuditService } from '../../kernel/audit/audit.service.js';
import { accountRepository } from '../../kernel/auth/account.repository.js';
import { isUniqueViolation } from '../../kernel/db/db.js';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../kernel/http/errors.js';
import { covers, likePatterns, requireScope } from './directory-scope.js';
import { grantRepository, type GrantRow } from './grant.repository.js';
import { orgRepository } from './org.repository.js';
import { roleRepository } from './role.repository.js';
import { adminKindConflict } from './role-rules.js';
import { staffRepository } from './staff.repository.js';
import type { AuditWho } from './region.service.js';

const GRANT = ['security.grant.manage'];

export const presentGrant = (g: GrantRow) => ({
  id: g.id, accountId: g.account_id, username: g.username, displayName: g.display_name, roleId: g.role_id, roleCode: g.role_code,
  roleName: g.role_name, adminKind: g.admin_kind, orgId: g.org_id, orgName: g.org_name, grantedBy: g.granted_by, grantedAt: g.granted_at,
});

/**
 * Granting roles within an organisation subtree. Only the security administrator grants, never to
 * themselves, only within their own scope, and never so that one account holds two kinds of
 * administrator power (三员分立).
 */
export class GrantService {
  constructor(private readonly db: Db, private readonly audit: AuditService) {}

  async list(actor: Actor, f: { accountId?: string; orgId?: string; roleId?: string; page: number; pageSize: number }) {
    const scopes = requireScope(actor, GRANT);
    const rows = await grantRepository.inScope(this.db, likePatterns(scopes), { ...f, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
    return { items: rows.map(presentGrant), page: f.page, pageSize: f.pageSize };
  }

  async create(actor: Actor, who: AuditWho, input: { accountId: string; roleId: string; orgId: string }) {
    const scopes = requireScope(actor, GRANT);
    if (input.accountId === actor.accountId) throw forbidden('directory.grant.self');
    const outcome = await this.db.tx(async (tx) => {
      await grantRepository.lockAccount(tx, input.accountId);
      const account = await accountRepository.byId(tx, input.accountId);
      if (!account) throw fieldError('accountId', 'directory.grant.accountUnknown');
      if (account.kind !== 'staff') throw fieldError('accountId', 'directory.grant.staffOnly');
      const home = account.org_id ? await orgRepository.byId(tx, account.org_id) : undefined;
      if (!home || !covers(scopes, home.path)) throw forbidden('directory.grant.outOfScope');
      const role = await roleRepository.byId(tx, input.roleId);
      if (!role) throw fieldError('roleId', 'directory.grant.roleUnknown');
      const org = await orgRepository.byId(tx, input.orgId);
      if (!org) throw fieldError('orgId', 'directory.grant.orgUnknown');
      if (!covers(scopes, org.path)) throw forbidden('directory.grant.outOfScope');
      const held = await staffRepository.adminKinds(tx, input.accountId);
      const clash = adminKindConflict(held, role.admin_kind);
      if (clash) return { denied: { clash, roleCode: role.code, username: account.username } };
      let id: string;
      try {
        id = await grantRepository.insert(tx, { ...input, grantedBy: actor.accountId });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('directory.grant.duplicate');
        throw err;
      }
      await this.audit.record(tx, {
        ...who, action: 'directory.grant.create', targetType: 'account', targetId: input.accountId,
        details: { grantId: id, username: account.username, roleCode: role.code, adminKind: role.admin_kind, orgId: org.id, orgName: org.name },
      });
      return { grant: presentGrant((await grantRepository.byId(tx, id))!) };
    });
    if ('denied' in outcome && outcome.denied) {
      // Recorded after the transaction: a refused attempt at combining administrator powers is itself a security event.
      await this.audit.recordNow({ ...who, action: 'directory.grant.create', outcome: 'denied', targetType: 'account', targetId: input.accountId,
        details: { reason: 'adminSeparation', heldAdminKind: outcome.denied.clash, roleCode: outcome.denied.roleCode, orgId: input.orgId } });
      throw new AppError(400, 'ADMIN_SEPARATION', 'error.validation', [{ field: 'roleId', key: `directory.grant.adminConflict.${outcome.denied.clash}` }]);
    }
    return outcome.grant!;
  }

  async revoke(actor: Actor, who: AuditWho, id: string) {
    const scopes = requireScope(actor, GRANT);
    await this.db.tx(async (tx) => {
      const grant = await grantRepository.byId(tx, id);
      if (!grant) throw notFound();
      if (!covers(scopes, grant.org_path)) throw forbidden('directory.grant.outOfScope');
      if (grant.account_id === actor.accountId) throw forbidden('directory.grant.self');
      await grantRepository.delete(tx, id);
      await this.audit.record(tx, {
        ...who, action: 'directory.grant.revoke', targetType: 'account', targetId: grant.account_id,
        details: { grantId: id, username: grant.username, roleCode: grant.role_code, adminKind: grant.admin_kind, orgId: grant.org_id, orgName: grant.org_name },
      });
    });
  }
}
