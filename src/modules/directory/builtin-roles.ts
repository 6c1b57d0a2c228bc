import { allPermissions, permissionInfo } from '../../kernel/auth/policy.js';
import type { AdminKind } from './role-rules.js';

export interface BuiltinRole {
  code: string;
  name: string;
  description: string;
  adminKind: AdminKind | null;
  /**
   * Permissions of the kernel, the directory and identity (security.account.*, declared there); other
   * modules add theirs with `builtinRoles` on the permission. Codes no loaded module declares are left out.
   */
  permissions: string[];
}

const READ_DIRECTORY = ['directory.org.read', 'directory.staff.read'];

/** The three separated administrators (三员) and the standard business roles, present on every platform. */
export const BUILTIN_ROLES: BuiltinRole[] = [
  { code: 'systemAdmin', name: '系统管理员', adminKind: 'system', description: '维护行政区划、组织机构、工作人员、节假日和消息发件箱；不能授权，不能查阅审计日志。',
    permissions: ['directory.region.manage', 'directory.org.manage', 'directory.staff.manage', 'calendar.manage', 'notify.outbox.read'] },
  { code: 'securityAdmin', name: '安全管理员', adminKind: 'security', description: '管理角色和授权，查看并解锁账号；不能修改业务配置，不能查阅审计日志。',
    permissions: ['security.role.manage', 'security.grant.manage', 'security.account.read', 'security.account.unlock'] },
  { code: 'auditAdmin', name: '审计管理员', adminKind: 'audit', description: '只能查阅审计日志。', permissions: ['audit.read'] },
  { code: 'windowClerk', name: '窗口人员', adminKind: null, description: '在政务服务窗口受理申请。', permissions: READ_DIRECTORY },
  { code: 'caseHandler', name: '承办人', adminKind: null, description: '承办本部门的办件。', permissions: READ_DIRECTORY },
  { code: 'leader', name: '领导', adminKind: null, description: '审批签发，查看本部门统计。', permissions: READ_DIRECTORY },
  { code: 'supervisor', name: '监察员', adminKind: null, description: '监察各部门办件时限，发出督办。', permissions: READ_DIRECTORY },
];

/**
 * The permissions a builtin role holds on this platform: its own list plus every declared permission
 * naming it, limited to permissions that exist. A permission of the wrong domain is a programming error.
 */
export function builtinPermissions(role: BuiltinRole): string[] {
  const declared = allPermissions().filter((p) => p.builtinRoles?.includes(role.code)).map((p) => p.code);
  const codes = [...new Set([...role.permissions, ...declared])].filter((c) => permissionInfo(c));
  for (const code of codes) {
    const domain = permissionInfo(code)!.domain;
    if (domain !== (role.adminKind ?? 'business')) {
      throw new Error(`permission ${code} (${domain}) cannot belong to builtin role ${role.code} (${role.adminKind ?? 'business'})`);
    }
  }
  return codes.sort();
}
