import type { PermissionInfo } from '../../kernel/auth/policy.js';
import type { FieldError } from '../../kernel/http/errors.js';

export type AdminKind = 'system' | 'security' | 'audit';

/**
 * The separation of the three administrators (三员分立) at the level of a role: all of its permissions
 * belong to one administrator's domain (and it becomes that kind of administrator role), or all are
 * business permissions (and it is an ordinary role).
 */
export function classifyPermissions(codes: string[], info: (code: string) => PermissionInfo | undefined):
  { ok: true; permissions: string[]; adminKind: AdminKind | null } | { ok: false; errors: FieldError[] } {
  const permissions = [...new Set(codes)];
  if (permissions.length === 0) return { ok: false, errors: [{ field: 'permissions', key: 'directory.role.permissionsRequired' }] };
  const errors: FieldError[] = [];
  const domains = new Set<string>();
  codes.forEach((code, i) => {
    const p = info(code);
    if (!p) errors.push({ field: `permissions.${i}`, key: 'directory.role.permissionUnknown', params: { code } });
    else domains.add(p.domain);
  });
  if (errors.length) return { ok: false, errors };
  if (domains.size > 1) return { ok: false, errors: [{ field: 'permissions', key: 'directory.role.mixedDomains' }] };
  const domain = [...domains][0];
  return { ok: true, permissions, adminKind: domain === 'business' ? null : (domain as AdminKind) };
}

/**
 * Whether granting a role of `newKind` to an account already holding admin roles of `heldKinds` would
 * give it a second kind of administrator power. Business roles never conflict.
 */
export function adminKindConflict(heldKinds: (string | null)[], newKind: AdminKind | null): AdminKind | null {
  if (!newKind) return null;
  const other = heldKinds.find((k) => k && k !== newKind);
  return (other as AdminKind | undefined) ?? null;
}
