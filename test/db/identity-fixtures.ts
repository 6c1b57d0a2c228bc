import type { LightMyRequestResponse } from 'fastify';
import { accountRepository } from '../../src/kernel/auth/account.repository.js';
import { makeIdNumber } from '../../src/kernel/identifiers/id-number.js';
import type { TestPlatform } from '../support/harness.js';

export const PASSWORD = 'Gov.portal-2026';
const CSRF = 'test-csrf-token-0123456789abcdef';

/** A browser-like cookie jar: the session cookie from a response, plus a double-submit CSRF pair. */
export class Client {
  cookies: Record<string, string> = { zw_csrf: CSRF };
  constructor(readonly p: TestPlatform) {}

  take(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && new Date(c.expires).getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }

  async call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, opts: { csrf?: boolean } = {}) {
    const headers: Record<string, string> = {};
    if (opts.csrf !== false) headers['x-csrf-token'] = this.cookies.zw_csrf ?? '';
    return this.take(await this.p.inject({ method, url, payload: payload as any, cookies: this.cookies, headers }));
  }

  /** A portal form post, as a browser without JavaScript sends it. */
  async form(url: string, fields: Record<string, string>) {
    return this.take(await this.p.inject({
      method: 'POST', url, cookies: this.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: this.cookies.zw_csrf ?? '' }).toString(),
    }));
  }
}

/** The latest SMS code the development gateway recorded for a phone. */
export async function latestCode(p: TestPlatform, phone: string): Promise<string> {
  const msg = await p.kernel.notify.latestTo(phone, 'identity.smsCode');
  const m = msg && /(\d{6})/.exec(msg.body);
  if (!m) throw new Error(`no SMS code for ${phone}`);
  return m[1];
}

let seq = 100;
/** A distinct valid ID number and phone per call. */
export function person() {
  seq++;
  return { name: '测试用户', idNumber: makeIdNumber('990102', '1990-01-15', String(seq).padStart(3, '0')), phone: `1370000${String(seq).padStart(4, '0')}` };
}

export async function registerCitizen(p: TestPlatform, who = person()) {
  const c = new Client(p);
  const sent = await c.call('POST', '/api/identity/sms-codes', { phone: who.phone, purpose: 'register' });
  if (sent.statusCode !== 202) throw new Error(sent.body);
  const res = await c.call('POST', '/api/identity/register/citizen', { ...who, smsCode: await latestCode(p, who.phone), password: PASSWORD });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { client: c, who, id: res.json().account.id as string };
}

/** An organisation tree root → child, a role with the given permissions, and a staff member holding it at `scope`. */
export async function staffWithRole(p: TestPlatform, opts: { username: string; permissions: string[]; scope: 'root' | 'child' | 'other'; adminKind?: 'security' | null }) {
  const db = p.kernel.db;
  const org = async (code: string, parent: { id: string; path: string } | null) => {
    const existing = await db.maybeOne<{ id: string; path: string }>('SELECT id, path FROM orgs WHERE code = $1', [code]);
    if (existing) return existing;
    const row = await db.one<{ id: string }>(`INSERT INTO orgs (code, name, kind, path, parent_id) VALUES ($1, $2, 'department', $3, $4) RETURNING id`,
      [code, `机构${code}`, `/tmp-${code}/`, parent?.id ?? null]);
    const path = `${parent?.path ?? '/'}${row.id}/`;
    await db.query('UPDATE orgs SET path = $2 WHERE id = $1', [row.id, path]);
    return { id: row.id, path };
  };
  const root = await org('T-ROOT', null);
  const orgs = { root, child: await org('T-CHILD', root), other: await org('T-OTHER', root) };
  const at = orgs[opts.scope];
  const account = await accountRepository.insert(db, {
    kind: 'staff', username: opts.username, displayName: opts.username, passwordHash: await p.kernel.passwords.hash(PASSWORD), orgId: at.id,
  });
  const role = await db.one<{ id: string }>('INSERT INTO roles (code, name, permissions, admin_kind) VALUES ($1, $1, $2, $3) RETURNING id',
    [`role-${opts.username}`, opts.permissions, opts.adminKind ?? null]);
  await db.query('INSERT INTO grants (account_id, role_id, org_id) VALUES ($1, $2, $3)', [account.id, role.id, at.id]);
  return { account, orgs };
}
