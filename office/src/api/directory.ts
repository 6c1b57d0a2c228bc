import { useCallback, useEffect, useState } from 'react';
import { api, rowsOf } from './client';

export type OrgKind = 'government' | 'department' | 'division' | 'window' | 'town' | 'village' | 'other';
export const ORG_KINDS: OrgKind[] = ['government', 'department', 'division', 'window', 'town', 'village', 'other'];

export interface OrgNode {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  regionCode: string | null;
  sort: number;
  active: boolean;
  version: number;
  children: OrgNode[];
}

const pick = (raw: any, camel: string, snake: string) => raw[camel] ?? raw[snake];

/** One organisation from the API, whichever key style it uses. */
export function toOrg(raw: any): OrgNode {
  return {
    id: raw.id,
    parentId: pick(raw, 'parentId', 'parent_id') ?? null,
    code: raw.code ?? '',
    name: raw.name ?? '',
    shortName: pick(raw, 'shortName', 'short_name') ?? null,
    kind: raw.kind ?? 'other',
    regionCode: pick(raw, 'regionCode', 'region_code') ?? null,
    sort: raw.sort ?? 0,
    active: raw.active ?? true,
    version: raw.version ?? 1,
    children: Array.isArray(raw.children) ? raw.children.map(toOrg) : [],
  };
}

/** The organisation tree, whether the API answers nested nodes or a flat list with parent ids. */
export function buildOrgTree(data: unknown): OrgNode[] {
  const list = rowsOf<any>(data).map(toOrg);
  if (list.some((o) => o.children.length > 0)) return list;
  const byId = new Map(list.map((o) => [o.id, o]));
  const roots: OrgNode[] = [];
  for (const o of list) {
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    if (parent) parent.children.push(o);
    else roots.push(o);
  }
  const sort = (nodes: OrgNode[]) => {
    nodes.sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
    nodes.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export function flattenOrgs(nodes: OrgNode[], out: OrgNode[] = []): OrgNode[] {
  for (const n of nodes) {
    out.push(n);
    flattenOrgs(n.children, out);
  }
  return out;
}

export interface OrgTreeData {
  key: string;
  value: string;
  title: string;
  children: OrgTreeData[];
}

/** Nodes for Ant Design's Tree and TreeSelect. */
export function orgTreeData(nodes: OrgNode[]): OrgTreeData[] {
  return nodes.map((n) => ({ key: n.id, value: n.id, title: n.active ? n.name : `${n.name} ⊘`, children: orgTreeData(n.children) }));
}

let cached: OrgNode[] | null = null;

/** The organisation tree the user may see, shared by every page (reload after a change). */
export function useOrgTree() {
  const [tree, setTree] = useState<OrgNode[]>(cached ?? []);
  const [loading, setLoading] = useState(cached === null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      cached = buildOrgTree(await api.get('/api/directory/orgs/tree'));
      setTree(cached);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    if (cached === null) void reload();
  }, [reload]);
  return { tree, loading, error, reload };
}

export interface StaffRow {
  id: string;
  username: string;
  displayName: string;
  orgId: string | null;
  orgName: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
  status: 'active' | 'disabled';
  locked: boolean;
  totpEnrolled: boolean;
  version: number;
}

export function toStaff(raw: any): StaffRow {
  const lockedUntil = pick(raw, 'lockedUntil', 'locked_until');
  return {
    id: raw.id,
    username: raw.username ?? '',
    displayName: pick(raw, 'displayName', 'display_name') ?? '',
    orgId: pick(raw, 'orgId', 'org_id') ?? null,
    orgName: pick(raw, 'orgName', 'org_name') ?? null,
    position: raw.position ?? null,
    phone: raw.phone ?? pick(raw, 'phoneMasked', 'phone_masked') ?? null,
    email: raw.email ?? null,
    status: raw.status ?? 'active',
    locked: raw.locked ?? (lockedUntil ? new Date(lockedUntil) > new Date() : false),
    totpEnrolled: pick(raw, 'totpEnrolled', 'totp_enrolled') ?? !!pick(raw, 'totpEnrolledAt', 'totp_enrolled_at'),
    version: raw.version ?? 1,
  };
}

export interface RoleRow {
  id: string;
  code: string;
  name: string;
  description: string;
  permissions: string[];
  adminKind: 'system' | 'security' | 'audit' | null;
  builtin: boolean;
  version: number;
}

export function toRole(raw: any): RoleRow {
  return {
    id: raw.id,
    code: raw.code ?? '',
    name: raw.name ?? '',
    description: raw.description ?? '',
    permissions: raw.permissions ?? [],
    adminKind: pick(raw, 'adminKind', 'admin_kind') ?? null,
    builtin: raw.builtin ?? false,
    version: raw.version ?? 1,
  };
}

export interface PermissionRow {
  code: string;
  domain: 'system' | 'security' | 'audit' | 'business';
  label: string;
}

export function toPermission(raw: any, locale: string): PermissionRow {
  const label = typeof raw.label === 'string' ? raw.label : raw.label?.[locale] ?? raw.label?.['zh-CN'] ?? raw.code;
  return { code: raw.code, domain: raw.domain ?? 'business', label };
}

export interface GrantRow {
  id: string;
  roleId: string;
  roleName: string;
  roleCode: string;
  orgId: string;
  orgName: string;
  grantedAt: string | null;
}

export function toGrant(raw: any): GrantRow {
  return {
    id: raw.id,
    roleId: pick(raw, 'roleId', 'role_id'),
    roleName: pick(raw, 'roleName', 'role_name') ?? '',
    roleCode: pick(raw, 'roleCode', 'role_code') ?? '',
    orgId: pick(raw, 'orgId', 'org_id'),
    orgName: pick(raw, 'orgName', 'org_name') ?? '',
    grantedAt: pick(raw, 'grantedAt', 'granted_at') ?? null,
  };
}
