import crypto from 'node:crypto';
import type { Queryable } from '../../src/kernel/db/db.js';
import { accountRepository } from '../../src/kernel/auth/account.repository.js';
import type { TestPlatform } from './harness.js';

/**
 * Helpers that build directory data straight in the database, so that a test can set up "a case handler
 * of department A" in a few lines and then act through the HTTP API.
 */
export interface TestOrg {
  id: string;
  path: string;
  code: string;
  name: string;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${process.pid}x${++counter}x${crypto.randomBytes(2).toString('hex')}`;

/** An org under `parent` (or a new root). */
export async function createOrg(p: TestPlatform, opts: { parent?: TestOrg | null; name?: string; code?: string; kind?: string; regionCode?: string } = {}): Promise<TestOrg> {
  const id = crypto.randomUUID();
  const path = `${opts.parent?.path ?? '/'}${id}/`;
  const code = opts.code ?? unique('T');
  const name = opts.name ?? `测试机构${code}`;
  await p.kernel.db.query(
    'INSERT INTO orgs (id, parent_id, path, code, name, kind, region_code) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, opts.parent?.id ?? null, path, code, name, opts.kind ?? (opts.parent ? 'department' : 'government'), opts.regionCode ?? null],
  );
  return { id, path, code, name };
}

/** A small tree: a city root with two departments (each with a division) and a county with one department. */
export async function createOrgTree(p: TestPlatform) {
  const city = await createOrg(p, { name: '测试市人民政府', kind: 'government' });
  const deptA = await createOrg(p, { parent: city, name: '测试市市场监督管理局' });
  const divisionA = await createOrg(p, { parent: deptA, name: '登记注册科', kind: 'division' });
  const deptB = await createOrg(p, { parent: city, name: '测试市教育局' });
  const divisionB = await createOrg(p, { parent: deptB, name: '基础教育科', kind: 'division' });
  const county = await createOrg(p, { parent: city, name: '测试县人民政府', kind: 'government' });
  const countyDept = await createOrg(p, { parent: county, name: '测试县市场监督管理局' });
  return { city, deptA, divisionA, deptB, divisionB, county, countyDept };
}

/** A role id by code (builtin roles exist from start-up), or a new role with the given permissions. */
export async function roleId(p: TestPlatform, code: string, create?: { permissions: string[]; adminKind?: 'system' | 'security' | 'audit' | null }): Promise<string> {
  const found = await p.kernel.db.maybeOne<{ id: string }>('SELECT id FROM roles WHERE code = $1', [code]);
  if (found) return found.id;
  if (!create) throw new Error(`no role ${code}`);
  const row = await p.kernel.db.one<{ id: string }>(
    'INSERT INTO roles (code, name, permissions, admin_kind) VALUES ($1, $2, $3::text[], $4) RETURNING id',
    [code, code, create.permissions, create.adminKind ?? null],
  );
  return row.id;
}

/** Grants a role (by code) to an account within the subtree of `org`. */
export async function grantRole(p: TestPlatform, accountId: string, roleCode: string, org: TestOrg, q: Queryable = p.kernel.db): Promise<string> {
  const role = await roleId(p, roleCode);
  const row = await q.one<{ id: string }>('INSERT INTO grants (account_id, role_id, org_id) VALUES ($1, $2, $3) RETURNING id', [accountId, role, org.id]);
  return row.id;
}

export const TEST_PASSWORD = 'Test-Passw0rd!';
let hashed: Promise<string> | undefined;

/** A staff account in `org`, holding the given builtin roles, each granted at `scope` (default: its own org). */
export async function createStaff(p: TestPlatform, opts: { org: TestOrg; roles?: string[]; scope?: TestOrg; username?: string; displayName?: string; phone?: string }) {
  hashed ??= p.kernel.passwords.hash(TEST_PASSWORD);
  const username = opts.username ?? unique('u');
  const account = await accountRepository.insert(p.kernel.db, {
    kind: 'staff', username, displayName: opts.displayName ?? `测试${username}`, passwordHash: await hashed, orgId: opts.org.id,
    phoneEnc: opts.phone ? p.kernel.cipher.encrypt(opts.phone) : null, phoneHash: opts.phone ? p.kernel.cipher.lookupHash(opts.phone) : null,
  });
  for (const r of opts.roles ?? []) await grantRole(p, account.id, r, opts.scope ?? opts.org);
  return { id: account.id, username };
}

/** A signed-in session (stage 'full', no TOTP needed) with the cookie and CSRF header `p.inject` needs. */
export async function signInAs(p: TestPlatform, accountId: string): Promise<{ headers: { cookie: string; 'x-csrf-token': string } }> {
  const token = await p.kernel.sessions.create(p.kernel.db, accountId, 'full', {});
  const csrf = crypto.randomBytes(24).toString('base64url');
  return { headers: { cookie: `zw_session=${token}; zw_csrf=${csrf}`, 'x-csrf-token': csrf } };
}

/** A staff member with roles, signed in: the usual start of an API test. */
export async function staffSession(p: TestPlatform, opts: Parameters<typeof createStaff>[1]) {
  const staff = await createStaff(p, opts);
  return { ...staff, ...(await signInAs(p, staff.id)) };
}
