import crypto from 'node:crypto';
import type { Kernel } from '../../../kernel/kernel.js';
import type { DemoContext } from '../../../kernel/module.js';
import type { Queryable } from '../../../kernel/db/db.js';
import { accountRepository } from '../../../kernel/auth/account.repository.js';
import { orgRepository, type NewOrg, type OrgKind } from '../org.repository.js';
import { regionRepository } from '../region.repository.js';
import { roleRepository } from '../role.repository.js';
import { grantRepository } from '../grant.repository.js';
import { CITY_DEPARTMENTS, CITY_GOVERNMENT, COUNTY_DEPARTMENTS, type SampleDepartment } from './sample-orgs.js';
import { SAMPLE_CITY, SAMPLE_COUNTIES, SAMPLE_PROVINCE, villageCode } from './sample-regions.js';
import { SAMPLE_STAFF } from './sample-staff.js';

export const ROOT_ORG_CODE = '9901-GOV';

/** A stable uuid for a demo org code, so that the sample city has the same ids on every machine. */
export function demoId(code: string): string {
  const h = crypto.createHash('sha256').update(`zhengwu-demo:${code}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function sampleRegions() {
  const rows = [
    { code: SAMPLE_PROVINCE.code, name: SAMPLE_PROVINCE.name, level: 1, parentCode: null as string | null, sort: 0 },
    { code: SAMPLE_CITY.code, name: SAMPLE_CITY.name, level: 2, parentCode: SAMPLE_PROVINCE.code, sort: 0 },
  ];
  SAMPLE_COUNTIES.forEach((c, ci) => {
    rows.push({ code: c.code, name: c.name, level: 3, parentCode: SAMPLE_CITY.code, sort: ci });
    c.towns.forEach((t, ti) => {
      rows.push({ code: t.code, name: t.name, level: 4, parentCode: c.code, sort: ti });
      t.villages.forEach((v, vi) => rows.push({ code: villageCode(t, vi), name: v, level: 5, parentCode: t.code, sort: vi }));
    });
  });
  return rows;
}

/** Every org of the sample city, parents before children. */
export function sampleOrgs(): NewOrg[] {
  const out: NewOrg[] = [];
  const add = (parent: NewOrg | null, code: string, name: string, kind: OrgKind, extra: { shortName?: string; regionCode?: string } = {}) => {
    const id = demoId(code);
    const org: NewOrg = { id, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, code, name, kind, sort: out.filter((o) => o.parentId === (parent?.id ?? null)).length, ...extra };
    out.push(org);
    return org;
  };
  const departments = (parent: NewOrg, prefix: string, codePrefix: string, list: SampleDepartment[], regionCode: string) => {
    for (const d of list) {
      const dept = add(parent, `${codePrefix}-${d.abbr}`, `${prefix}${d.name}`, 'department', { shortName: `${prefix}${d.shortName}`, regionCode });
      d.divisions.forEach((name, i) => add(dept, `${dept.code}-${String(i + 1).padStart(2, '0')}`, name, 'division', { regionCode }));
      if (d.windows) {
        const centre = add(dept, `${dept.code}-ZX`, `${prefix}${d.windows.centre}`, 'division', { regionCode });
        d.windows.names.forEach((name, i) => add(centre, `${centre.code}-W${String(i + 1).padStart(2, '0')}`, name, 'window', { regionCode }));
      }
    }
  };
  const root = add(null, ROOT_ORG_CODE, CITY_GOVERNMENT.name, 'government', { shortName: CITY_GOVERNMENT.shortName, regionCode: SAMPLE_CITY.code });
  // City departments are listed with their full names; county ones get the county's name in front.
  departments(root, '', '9901', CITY_DEPARTMENTS, SAMPLE_CITY.code);
  for (const county of SAMPLE_COUNTIES) {
    const gov = add(root, `${county.code}-GOV`, `${county.short}人民政府`, 'government', { shortName: `${county.short}政府`, regionCode: county.code });
    departments(gov, county.short, county.code, COUNTY_DEPARTMENTS, county.code);
    for (const town of county.towns) {
      const isSubdistrict = town.name.endsWith('街道');
      const townOrg = add(gov, `${town.code}-GOV`, isSubdistrict ? `${town.name}办事处` : `${town.name}人民政府`, 'town', { regionCode: town.code });
      town.villages.forEach((v, i) => {
        const code = villageCode(town, i);
        add(townOrg, `${code}-VC`, v.endsWith('社区') ? `${v}居民委员会` : `${v}民委员会`, 'village', { regionCode: code });
      });
    }
  }
  return out;
}

/**
 * Seeds the sample city 示例市 (regions, organisations, demo staff with their grants). Deterministic,
 * and does nothing when the city government already exists. The demo password is hashed once.
 */
export async function seedSampleCity(kernel: Kernel, demo: DemoContext): Promise<void> {
  const already = await orgRepository.byCode(kernel.db, ROOT_ORG_CODE);
  if (!already) {
    const passwordHash = await kernel.passwords.hash(demo.password);
    await kernel.db.tx(async (tx) => {
      await regionRepository.insertMany(tx, sampleRegions());
      await orgRepository.insertMany(tx, sampleOrgs());
      await seedStaff(tx, kernel, passwordHash);
      await kernel.audit.record(tx, { action: 'directory.demo.seed', targetType: 'org', targetId: demoId(ROOT_ORG_CODE), details: { city: SAMPLE_CITY.name } });
    });
  }
  for (const s of SAMPLE_STAFF) demo.accounts.push({ username: s.username, role: s.label, note: s.note });
}

async function seedStaff(tx: Queryable, kernel: Kernel, passwordHash: string) {
  for (const s of SAMPLE_STAFF) {
    const account = await accountRepository.insert(tx, {
      kind: 'staff', username: s.username, displayName: s.displayName, passwordHash, orgId: demoId(s.orgCode), position: s.position,
      phoneEnc: kernel.cipher.encrypt(s.phone), phoneHash: kernel.cipher.lookupHash(s.phone), email: `${s.username}@shili.gov.cn`,
    });
    const role = await roleRepository.byCode(tx, s.role);
    if (!role) throw new Error(`builtin role ${s.role} is missing; the directory's onStart must run before the demo seed`);
    await grantRepository.insert(tx, { accountId: account.id, roleId: role.id, orgId: demoId(s.scopeCode), grantedBy: null });
  }
}
