import type { PermissionInfo } from '../../kernel/auth/policy.js';

/**
 * Permissions of the directory. Reading the directory is ordinary business work; changing it is the
 * system administrator's; roles and grants are the security administrator's (三员分立).
 */
export const directoryPermissions: PermissionInfo[] = [
  { code: 'directory.org.read', domain: 'business', label: { 'zh-CN': '查看组织机构', en: 'View organisations' } },
  { code: 'directory.staff.read', domain: 'business', label: { 'zh-CN': '查看工作人员', en: 'View staff' } },
  { code: 'directory.region.manage', domain: 'system', label: { 'zh-CN': '维护行政区划', en: 'Maintain regions' } },
  { code: 'directory.org.manage', domain: 'system', label: { 'zh-CN': '维护组织机构', en: 'Maintain organisations' } },
  { code: 'directory.staff.manage', domain: 'system', label: { 'zh-CN': '维护工作人员', en: 'Maintain staff' } },
  { code: 'security.role.manage', domain: 'security', label: { 'zh-CN': '管理角色', en: 'Manage roles' } },
  { code: 'security.grant.manage', domain: 'security', label: { 'zh-CN': '授予和收回角色', en: 'Grant and revoke roles' } },
];

/** Who may see organisations: readers, and the administrators who need the tree to do their work. */
export const ORG_VIEW = ['directory.org.read', 'directory.org.manage', 'directory.staff.read', 'directory.staff.manage', 'security.grant.manage'];
/** Who may see staff records. */
export const STAFF_VIEW = ['directory.staff.read', 'directory.staff.manage', 'security.grant.manage'];
