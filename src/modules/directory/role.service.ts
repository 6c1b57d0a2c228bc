import type { Db } from '../../kernel/db/db.js';
import type { AuditService } from '../../kernel/audit/audit.service.js';
import { allPermissions, permissionInfo } from '../../kernel/auth/policy.js';
import { isUniqueViolation } from '../../kernel/db/db.js';
import { badRequest, conflict, fieldError, forbidden, notFound } from '../../kernel/http/errors.js';
import type { Locale } from '../../kernel/i18n/i18n.js';
import { BUILTIN_ROLES, builtinPermissions } from './builtin-roles.js';
import { classifyPermissions } from './role-rules.js';
import { roleRepository, type RoleRow } from './role.repository.js';
import type { AuditWho } from './region.service.js';

export const presentRole = (r: RoleRow) => ({
  id: r.id, code: r.code, name: r.name, description: r.description, permissions: r.permissions, adminKind: r.admin_kind,
  builtin: r.builtin, version: r.version, grantCount: r.grant_count ?? 0,
});

/** Roles (岗位/角色): sets of permissions of one domain. Managed by the security administrator only. */
export class RoleService {
  constructor(private readonly db: Db, private readonly audit: AuditService) {}

  async ensureBuiltins(): Promise<void> {
    for (const role of BUILTIN_ROLES) {
      await roleRepository.upsertBuiltin(this.db, { ...role, permissions: builtinPermissions(role) });
    }
  }

  async list() {
    return (await roleRepository.all(this.db)).map(presentRole);
  }

  permissions(locale: Locale) {
    return allPermissions()
      .map((p) => ({ code: p.code, domain: p.domain, label: p.label[locale] ?? p.label['zh-CN'], labels: p.label }))
      .sort((a, b) => a.domain.localeCompare(b.domain) || a.code.localeCompare(b.code));
  }

  async create(who: AuditWho, input: { code: string; name: string; description?: string; permissions: string[] }) {
    const c = classifyPermissions(input.permissions, permissionInfo);
    if (!c.ok) throw badRequest('error.validation', c.errors);
    return this.db.tx(async (tx) => {
      if (await roleRepository.byCode(tx, input.code)) throw fieldError('code', 'directory.role.codeTaken');
      let id: string;
      try {
        id = await roleRepository.insert(tx, { code: input.code, name: input.name.trim(), description: input.description?.trim() ?? '', permissions: c.permissions, adminKind: c.adminKind });
      } catch (err) {
        if (isUniqueViolation(err)) throw fieldError('code', 'directory.role.codeTaken');
        throw err;
      }
      await this.audit.record(tx, { ...who, action: 'directory.role.create', targetType: 'role', targetId: id, details: { code: input.code, permissions: c.permissions, adminKind: c.adminKind } });
      return presentRole((await roleRepository.byId(tx, id))!);
    });
  }

  async update(who: AuditWho, id: string, patch: { version: number; name?: string; description?: string; permissions?: string[] }) {
    return this.db.tx(async (tx) => {
      const role = await roleRepository.byId(tx, id);
      if (!role) throw notFound();
      if (role.builtin) throw forbidden('directory.role.builtinLocked');
      let permissions = role.permissions;
      let adminKind = role.admin_kind;
      if (patch.permissions) {
        const c = classifyPermissions(patch.permissions, permissionInfo);
        if (!c.ok) throw badRequest('error.validation', c.errors);
        // Holders were checked against the role's kind when they got it; a new kind would bypass that check.
        if (c.adminKind !== role.admin_kind && (role.grant_count ?? 0) > 0) throw fieldError('permissions', 'directory.role.kindChangeWithGrants');
        permissions = c.permissions;
        adminKind = c.adminKind;
      }
      const ok = await roleRepository.update(tx, id, patch.version, {
        name: patch.name?.trim() ?? role.name, description: patch.description?.trim() ?? role.description, permissions, adminKind,
      });
      if (!ok) throw conflict();
      await this.audit.record(tx, { ...who, action: 'directory.role.update', targetType: 'role', targetId: id, details: { code: role.code, before: role.permissions, after: permissions } });
      return presentRole((await roleRepository.byId(tx, id))!);
    });
  }

  async delete(who: AuditWho, id: string) {
    await this.db.tx(async (tx) => {
      const role = await roleRepository.byId(tx, id);
      if (!role) throw notFound();
      if (role.builtin) throw forbidden('directory.role.builtinLocked');
      if ((role.grant_count ?? 0) > 0) throw conflict('directory.role.inUse');
      await roleRepository.delete(tx, id);
      await this.audit.record(tx, { ...who, action: 'directory.role.delete', targetType: 'role', targetId: id, details: { code: role.code, permissions: role.permissions } });
    });
  }
}
