import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminKindConflict, classifyPermissions } from '../../src/modules/directory/role-rules.js';
import type { PermissionInfo } from '../../src/kernel/auth/policy.js';

const catalogue: Record<string, PermissionInfo['domain']> = { 'org.manage': 'system', 'cal.manage': 'system', 'grant.manage': 'security', 'audit.read': 'audit', 'org.read': 'business', 'case.accept': 'business' };
const info = (code: string) => (catalogue[code] ? { code, domain: catalogue[code], label: { 'zh-CN': code, en: code } } : undefined);

test('a role of one administrator domain becomes that kind of administrator role', () => {
  assert.deepEqual(classifyPermissions(['org.manage', 'cal.manage', 'org.manage'], info), { ok: true, permissions: ['org.manage', 'cal.manage'], adminKind: 'system' });
  assert.deepEqual(classifyPermissions(['audit.read'], info), { ok: true, permissions: ['audit.read'], adminKind: 'audit' });
  assert.deepEqual(classifyPermissions(['org.read', 'case.accept'], info), { ok: true, permissions: ['org.read', 'case.accept'], adminKind: null });
});

test('mixed domains, unknown permissions and empty roles are refused', () => {
  const mixed = classifyPermissions(['org.manage', 'grant.manage'], info);
  assert.equal(mixed.ok, false);
  assert.deepEqual(!mixed.ok && mixed.errors.map((e) => e.key), ['directory.role.mixedDomains']);
  const withBusiness = classifyPermissions(['audit.read', 'org.read'], info);
  assert.equal(withBusiness.ok, false);
  const unknown = classifyPermissions(['org.read', 'x.y'], info);
  assert.deepEqual(!unknown.ok && unknown.errors, [{ field: 'permissions.1', key: 'directory.role.permissionUnknown', params: { code: 'x.y' } }]);
  assert.equal(classifyPermissions([], info).ok, false);
});

test('an account may hold administrator roles of one kind only; business roles never conflict', () => {
  assert.equal(adminKindConflict([], 'security'), null);
  assert.equal(adminKindConflict(['security'], 'security'), null);
  assert.equal(adminKindConflict(['security'], 'audit'), 'security');
  assert.equal(adminKindConflict(['system'], 'security'), 'system');
  assert.equal(adminKindConflict(['audit'], null), null);
  assert.equal(adminKindConflict([null], 'system'), null);
});
