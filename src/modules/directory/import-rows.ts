import { ORG_KINDS, type OrgKind } from './org.repository.js';
import { regionLevel } from './region-code.js';
import { isEmail, isUsername, normalisePhone } from './staff-fields.js';
import type { Column } from './import-file.js';

/** One problem of one row, with the message key the route translates. */
export interface RowError {
  row: number;
  field: string;
  key: string;
  params?: Record<string, unknown>;
}

export type OrgColumn = 'code' | 'name' | 'parentCode' | 'kind' | 'regionCode' | 'shortName';
export const ORG_COLUMNS: Column<OrgColumn>[] = [
  { key: 'code', names: ['机构代码', 'code'], required: true },
  { key: 'name', names: ['机构名称', 'name'], required: true },
  { key: 'parentCode', names: ['上级机构代码', 'parentCode', 'parent'], required: true },
  { key: 'kind', names: ['类型', '机构类型', 'kind', 'type'], required: true },
  { key: 'regionCode', names: ['行政区划代码', 'regionCode', 'region'], required: false },
  { key: 'shortName', names: ['简称', 'shortName'], required: false },
];

export type StaffColumn = 'username' | 'displayName' | 'orgCode' | 'position' | 'phone' | 'email';
export const STAFF_COLUMNS: Column<StaffColumn>[] = [
  { key: 'username', names: ['用户名', 'username'], required: true },
  { key: 'displayName', names: ['姓名', 'displayName', 'name'], required: true },
  { key: 'orgCode', names: ['所属机构代码', 'orgCode', 'org'], required: true },
  { key: 'position', names: ['职务', 'position'], required: false },
  { key: 'phone', names: ['手机号', '手机号码', 'phone', 'mobile'], required: false },
  { key: 'email', names: ['邮箱', '电子邮箱', 'email'], required: false },
];

const KIND_NAMES: Record<string, OrgKind> = {
  政府: 'government', 人民政府: 'government', 部门: 'department', 内设机构: 'division', 处室: 'division', 科室: 'division',
  窗口: 'window', 乡镇: 'town', 街道: 'town', 乡镇街道: 'town', 村: 'village', 社区: 'village', 村社区: 'village', 其他: 'other',
};

export function parseOrgKind(value: string): OrgKind | null {
  const v = value.trim();
  if ((ORG_KINDS as string[]).includes(v.toLowerCase())) return v.toLowerCase() as OrgKind;
  return KIND_NAMES[v.replace(/[（）()/、]/g, '')] ?? null;
}

export const ORG_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** What the database says about the codes a file mentions, looked up before planning. */
export interface OrgLookups {
  /** Codes already in the database, with the org's path and whether the importer may add under it. */
  existing: Map<string, { id: string; path: string; writable: boolean }>;
  regions: Set<string>;
  /** Whether the importer may create top-level orgs. */
  mayCreateRoot: boolean;
}

export interface PlannedOrg {
  row: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  regionCode: string | null;
  /** An existing parent, a parent planned earlier in this list, or none (a new root). */
  parent: { existingId: string; path: string } | { code: string } | null;
}

/**
 * Checks an org file row by row and orders the valid rows so that every parent comes before its
 * children, whether the parent is defined earlier or later in the file. Rows that depend on an invalid
 * row are themselves invalid (their parent would be missing).
 */
export function planOrgImport(rows: { row: number; values: Record<OrgColumn, string> }[], look: OrgLookups): { plan: PlannedOrg[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const candidates = new Map<string, PlannedOrg>();
  const seenRow = new Map<string, number>();
  for (const { row, values: v } of rows) {
    const before = errors.length;
    const code = v.code.normalize('NFKC');
    const parentCode = v.parentCode.normalize('NFKC');
    const regionCode = v.regionCode.normalize('NFKC');
    if (!code) errors.push({ row, field: 'code', key: 'directory.import.required' });
    else if (!ORG_CODE_RE.test(code)) errors.push({ row, field: 'code', key: 'directory.org.codeFormat' });
    else if (seenRow.has(code)) errors.push({ row, field: 'code', key: 'directory.import.duplicateInFile', params: { other: seenRow.get(code) } });
    else if (look.existing.has(code)) errors.push({ row, field: 'code', key: 'directory.org.codeTaken' });
    if (code && !seenRow.has(code)) seenRow.set(code, row);
    if (!v.name) errors.push({ row, field: 'name', key: 'directory.import.required' });
    else if ([...v.name].length > 100) errors.push({ row, field: 'name', key: 'validation.maxLength', params: { limit: 100 } });
    const kind = parseOrgKind(v.kind);
    if (!kind) errors.push({ row, field: 'kind', key: 'directory.import.kindUnknown' });
    if (regionCode && !regionLevel(regionCode)) errors.push({ row, field: 'regionCode', key: 'directory.region.codeFormat' });
    else if (regionCode && !look.regions.has(regionCode)) errors.push({ row, field: 'regionCode', key: 'directory.org.regionUnknown' });
    if (parentCode && parentCode === code) errors.push({ row, field: 'parentCode', key: 'directory.org.cycle' });
    if (errors.length > before) continue;
    const existingParent = parentCode ? look.existing.get(parentCode) : undefined;
    let parent: PlannedOrg['parent'] = null;
    if (!parentCode) {
      if (!look.mayCreateRoot) { errors.push({ row, field: 'parentCode', key: 'directory.import.rootNotAllowed' }); continue; }
    } else if (existingParent) {
      if (!existingParent.writable) { errors.push({ row, field: 'parentCode', key: 'directory.import.parentOutOfScope' }); continue; }
      parent = { existingId: existingParent.id, path: existingParent.path };
    } else {
      parent = { code: parentCode };
    }
    candidates.set(code, { row, code, name: v.name, shortName: v.shortName || null, kind: kind!, regionCode: regionCode || null, parent });
  }

  // Order parents first; whatever cannot be placed has a missing, invalid or circular parent.
  const plan: PlannedOrg[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const [code, c] of candidates) {
      if (placed.has(code)) continue;
      if (c.parent && 'code' in c.parent && !placed.has(c.parent.code)) continue;
      plan.push(c);
      placed.add(code);
      progress = true;
    }
  }
  for (const [code, c] of candidates) {
    if (placed.has(code)) continue;
    const parentCode = (c.parent as { code: string }).code;
    // Walk up the file's own rows to find why: a loop, an invalid row, or a code nobody defines.
    const visited = new Set<string>([code]);
    let up = parentCode;
    while (candidates.has(up) && !visited.has(up)) {
      visited.add(up);
      const p = candidates.get(up)!.parent;
      up = p && 'code' in p ? p.code : '';
    }
    const key = visited.has(up) ? 'directory.import.parentCycle'
      : seenRow.has(up) ? 'directory.import.parentInvalid' : 'directory.import.parentUnknown';
    errors.push({ row: c.row, field: 'parentCode', key, params: { code: up, other: seenRow.get(up) } });
  }
  return { plan, errors: errors.sort((a, b) => a.row - b.row) };
}

export interface StaffLookups {
  orgs: Map<string, { id: string; writable: boolean }>;
  takenUsernames: Set<string>;
  phoneTaken: (phone: string) => boolean;
}

export interface PlannedStaff {
  row: number;
  username: string;
  displayName: string;
  orgId: string;
  position: string | null;
  phone: string | null;
  email: string | null;
}

/** Checks a staff file row by row: usernames and phones unique in the file and the platform, the org known and in scope. */
export function planStaffImport(rows: { row: number; values: Record<StaffColumn, string> }[], look: StaffLookups): { plan: PlannedStaff[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const plan: PlannedStaff[] = [];
  const usernames = new Map<string, number>();
  const phones = new Map<string, number>();
  for (const { row, values: v } of rows) {
    const before = errors.length;
    const username = v.username.normalize('NFKC').toLowerCase();
    if (!username) errors.push({ row, field: 'username', key: 'directory.import.required' });
    else if (!isUsername(username)) errors.push({ row, field: 'username', key: 'directory.staff.usernameFormat' });
    else if (usernames.has(username)) errors.push({ row, field: 'username', key: 'directory.import.duplicateInFile', params: { other: usernames.get(username) } });
    else if (look.takenUsernames.has(username)) errors.push({ row, field: 'username', key: 'directory.staff.usernameTaken' });
    if (username && !usernames.has(username)) usernames.set(username, row);
    if (!v.displayName) errors.push({ row, field: 'displayName', key: 'directory.import.required' });
    else if ([...v.displayName].length > 50) errors.push({ row, field: 'displayName', key: 'validation.maxLength', params: { limit: 50 } });
    const orgCode = v.orgCode.normalize('NFKC');
    const org = look.orgs.get(orgCode);
    if (!orgCode) errors.push({ row, field: 'orgCode', key: 'directory.import.required' });
    else if (!org) errors.push({ row, field: 'orgCode', key: 'directory.import.orgUnknown', params: { code: orgCode } });
    else if (!org.writable) errors.push({ row, field: 'orgCode', key: 'directory.import.orgOutOfScope', params: { code: orgCode } });
    if ([...v.position].length > 50) errors.push({ row, field: 'position', key: 'validation.maxLength', params: { limit: 50 } });
    const phone = v.phone ? normalisePhone(v.phone) : null;
    if (v.phone && !phone) errors.push({ row, field: 'phone', key: 'directory.staff.phoneFormat' });
    else if (phone && phones.has(phone)) errors.push({ row, field: 'phone', key: 'directory.import.duplicateInFile', params: { other: phones.get(phone) } });
    else if (phone && look.phoneTaken(phone)) errors.push({ row, field: 'phone', key: 'directory.staff.phoneTaken' });
    if (phone && !phones.has(phone)) phones.set(phone, row);
    if (v.email && !isEmail(v.email)) errors.push({ row, field: 'email', key: 'directory.staff.emailFormat' });
    if (errors.length > before) continue;
    plan.push({ row, username, displayName: v.displayName, orgId: org!.id, position: v.position || null, phone, email: v.email || null });
  }
  return { plan, errors };
}
