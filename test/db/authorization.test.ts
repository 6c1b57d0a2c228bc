// Every operation of the OpenAPI document, enumerated: an anonymous caller is refused unless the policy is
// public; a caller of the wrong account kind is refused; and a caller holding EVERY permission, but in
// another department, can neither read nor change a department's records — while the same request by an
// insider succeeds, so a refusal always comes from scope and never from a malformed request.
// An operation missing from the table below fails the test: a new route cannot skip this check.
import crypto from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, createStaff, roleId, signInAs, type TestOrg } from '../support/fixtures.js';
import { accountRepository } from '../../src/kernel/auth/account.repository.js';
import { allPermissions } from '../../src/kernel/auth/policy.js';
import { makeIdNumber } from '../../src/kernel/identifiers/id-number.js';

type Who = 'insiderA' | 'outsiderB' | 'root' | 'citizen' | 'citizen2' | 'enterprise' | 'enterprise2' | 'staff';
type Headers = { cookie: string; 'x-csrf-token': string };
interface Ctx { p: TestPlatform; tree: Awaited<ReturnType<typeof createOrgTree>>; as: Record<Who, Headers>; ids: Record<string, string> }
type Build = (c: Ctx) => Promise<InjectOptions> | InjectOptions;

type Case =
  /** Anyone may call it: the anonymous call must not be refused as unauthenticated. */
  | { kind: 'public'; req: Build }
  /** Needs a sign-in (possibly half-finished): the anonymous call must get 401. */
  | { kind: 'signedIn'; req: Build; wrongKind?: Who }
  /** Department data: `owner` succeeds (2xx); `intruder` gets 403/404, or for lists does not see `leak`. */
  | { kind: 'scoped'; owner: Who; intruder: Who; req: Build; leak?: (c: Ctx) => string };

const uniq = () => crypto.randomBytes(4).toString('hex');
let people = 0;
/** A valid resident ID number nobody else in this file has. */
const newIdNumber = () => makeIdNumber('990102', '19800101', String(100 + ++people).padStart(3, '0'));

function multipart(url: string, filename: string, content: string): InjectOptions {
  const boundary = `----zw${uniq()}`;
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n\uFEFF${content}\r\n--${boundary}--\r\n`;
  return { method: 'POST', url, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
}

/** A personal file use for these cases: until a record owns an upload, only its uploader may read it. */
function testFileUse(c: Ctx) {
  if (!c.p.kernel.files.useOf('test.authz')) c.p.kernel.files.defineUse('test.authz', { maxBytes: 1024, types: ['text/plain'], personal: true, canRead: () => false });
}

async function uploadedBy(c: Ctx, who: Who): Promise<string> {
  testFileUse(c);
  const req = multipart('/api/files?use=test.authz', 'a.txt', '个人材料');
  const res = await c.p.inject({ ...req, headers: { ...req.headers, ...c.as[who] } } as InjectOptions);
  assert.equal(res.statusCode, 201, res.body);
  return json(res).id;
}

async function staffInA(c: Ctx) {
  return (await createStaff(c.p, { org: c.tree.divisionA, phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` })).id;
}

const cases: Record<string, Case> = {
  // kernel
  'GET /api/calendar/deadline': { kind: 'public', req: () => ({ method: 'GET', url: '/api/calendar/deadline?from=2026-09-28&days=20&unit=working' }) },
  'GET /api/calendar/status': { kind: 'public', req: () => ({ method: 'GET', url: '/api/calendar/status' }) },
  'GET /api/calendar/years/{year}': { kind: 'public', req: () => ({ method: 'GET', url: '/api/calendar/years/2026' }) },
  'PUT /api/calendar/years/{year}': { kind: 'scoped', owner: 'root', intruder: 'outsiderB', req: () => ({ method: 'PUT', url: '/api/calendar/years/2031', payload: { days: [{ day: '2031-01-01', kind: 'rest', name: '元旦' }] } }) },
  'GET /api/audit': { kind: 'scoped', owner: 'root', intruder: 'outsiderB', req: () => ({ method: 'GET', url: '/api/audit' }) },
  'GET /api/audit/verify': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: () => ({ method: 'GET', url: '/api/audit/verify' }) },
  'GET /api/notify/outbox': { kind: 'scoped', owner: 'root', intruder: 'outsiderB', req: () => ({ method: 'GET', url: '/api/notify/outbox' }) },
  // Each person's own inbox and choices; the outbox, retries and requests are platform-wide (root); announcements are scoped.
  'GET /api/notify/inbox': { kind: 'scoped', owner: 'citizen', intruder: 'citizen2', req: async (c) => {
    c.ids.inboxMessage ??= await messageFor(c, 'citizen');
    return { method: 'GET', url: '/api/notify/inbox' };
  }, leak: (c) => c.ids.inboxMessage },
  'GET /api/notify/inbox/unread': { kind: 'signedIn', req: () => ({ method: 'GET', url: '/api/notify/inbox/unread' }) },
  'POST /api/notify/inbox/{id}/read': { kind: 'scoped', owner: 'citizen', intruder: 'citizen2', req: async (c) => ({ method: 'POST', url: `/api/notify/inbox/${await messageFor(c, 'citizen')}/read` }) },
  'POST /api/notify/inbox/read-all': { kind: 'signedIn', req: () => ({ method: 'POST', url: '/api/notify/inbox/read-all' }) },
  'GET /api/notify/preferences': { kind: 'signedIn', req: () => ({ method: 'GET', url: '/api/notify/preferences' }) },
  'PUT /api/notify/preferences': { kind: 'signedIn', req: () => ({ method: 'PUT', url: '/api/notify/preferences', payload: { categories: [{ category: 'announcement', sms: true, email: true }] } }) },
  'GET /api/notify/outbox/{id}': { kind: 'scoped', owner: 'root', intruder: 'outsiderB', req: async (c) => ({ method: 'GET', url: `/api/notify/outbox/${await failedMessage(c)}` }) },
  'POST /api/notify/outbox/{id}/retry': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: async (c) => ({ method: 'POST', url: `/api/notify/outbox/${await failedMessage(c)}/retry` }) },
  'GET /api/notify/requests': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: () => ({ method: 'GET', url: '/api/notify/requests' }) },
  'GET /api/notify/requests/{id}': { kind: 'scoped', owner: 'root', intruder: 'outsiderB', req: async (c) => ({ method: 'GET', url: `/api/notify/requests/${await failedMessage(c, 'request_id')}` }) },
  'POST /api/notify/announcements': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: (c) => ({ method: 'POST', url: '/api/notify/announcements', payload: { audience: { orgId: c.tree.deptA.id }, title: '授权测试', body: '内容' } }) },
  // The SMS provider pushes receipts and inbound messages with no account (public by design); the secret path
  // token is the protection, and a wrong one answers 404 (test/db/notify-channel-callbacks.test.ts).
  'POST /api/notify/callbacks/aliyun/{token}/report': { kind: 'public', req: () => ({ method: 'POST', url: '/api/notify/callbacks/aliyun/not-the-configured-token/report', payload: [{ phone_number: '13800138000', report_time: '2026-03-01 10:00:05', success: true, biz_id: `authz-${uniq()}` }] }) },
  'POST /api/notify/callbacks/aliyun/{token}/up': { kind: 'public', req: () => ({ method: 'POST', url: '/api/notify/callbacks/aliyun/not-the-configured-token/up', payload: [{ phone_number: '13800138000', send_time: '2026-03-01 10:00:05', content: '查询', sequence_id: 1 }] }) },
  'GET /api/jobs': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: () => ({ method: 'GET', url: '/api/jobs?state=dead' }) },
  'POST /api/jobs/{id}/retry': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: async (c) => {
    const job = await c.p.kernel.db.one("INSERT INTO jobs (type, state, attempts, max_attempts, last_error) VALUES ('test.authz', 'dead', 1, 1, 'x') RETURNING id");
    return { method: 'POST', url: `/api/jobs/${job.id}/retry` };
  } },
  'POST /api/jobs/{id}/cancel': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: async (c) => {
    const job = await c.p.kernel.db.one("INSERT INTO jobs (type) VALUES ('test.authz') RETURNING id");
    return { method: 'POST', url: `/api/jobs/${job.id}/cancel` };
  } },
  'POST /api/files': { kind: 'signedIn', req: (c) => { testFileUse(c); return multipart('/api/files?use=test.authz', 'a.txt', '材料'); } },
  'GET /api/files/{id}': { kind: 'scoped', owner: 'citizen', intruder: 'citizen2', req: async (c) => ({ method: 'GET', url: `/api/files/${await uploadedBy(c, 'citizen')}` }) },
  // Search is public (the session only widens what is found, tested in search-service.test.ts); synonyms are platform-wide.
  'GET /api/search': { kind: 'public', req: () => ({ method: 'GET', url: `/api/search?q=${encodeURIComponent('营业执照')}` }) },
  'GET /api/search/synonyms': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: () => ({ method: 'GET', url: '/api/search/synonyms' }) },
  'POST /api/search/synonyms': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: () => ({ method: 'POST', url: '/api/search/synonyms', payload: { term: `词${uniq()}`, synonyms: ['同义词'] } }) },
  'PUT /api/search/synonyms/{id}': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: async (c) => {
    const s = await c.p.kernel.search.synonyms.create({ actorId: null, actorName: 'test', orgId: null, ip: null }, { term: `词${uniq()}`, synonyms: ['同义词'] });
    return { method: 'PUT', url: `/api/search/synonyms/${s.id}`, payload: { term: s.term, synonyms: ['另一同义词'], version: s.version } };
  } },
  'DELETE /api/search/synonyms/{id}': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: async (c) => {
    const s = await c.p.kernel.search.synonyms.create({ actorId: null, actorName: 'test', orgId: null, ip: null }, { term: `词${uniq()}`, synonyms: ['同义词'] });
    return { method: 'DELETE', url: `/api/search/synonyms/${s.id}` };
  } },
  'GET /api/files/{id}/info': { kind: 'scoped', owner: 'citizen', intruder: 'citizen2', req: async (c) => ({ method: 'GET', url: `/api/files/${await uploadedBy(c, 'citizen')}/info` }) },

  // directory: regions are public reference data, changed only by whole-tree administrators
  'GET /api/directory/regions': { kind: 'public', req: () => ({ method: 'GET', url: '/api/directory/regions' }) },
  'GET /api/directory/regions/{code}': { kind: 'public', req: () => ({ method: 'GET', url: '/api/directory/regions/99' }) },
  'POST /api/directory/regions': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: () => ({ method: 'POST', url: '/api/directory/regions', payload: { code: '9902', name: '另一市', parentCode: '99' } }) },
  'PATCH /api/directory/regions/{code}': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: async (c) => {
    const v = await c.p.kernel.db.one("SELECT version FROM regions WHERE code = '9901'");
    return { method: 'PATCH', url: '/api/directory/regions/9901', payload: { name: `示例市${uniq()}`, version: v.version } };
  } },
  'GET /api/directory/orgs/tree': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: () => ({ method: 'GET', url: '/api/directory/orgs/tree' }), leak: (c) => c.tree.divisionA.id },
  'GET /api/directory/orgs': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: () => ({ method: 'GET', url: '/api/directory/orgs?pageSize=200' }), leak: (c) => c.tree.divisionA.id },
  'POST /api/directory/orgs': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: (c) => ({ method: 'POST', url: '/api/directory/orgs', payload: { parentId: c.tree.deptA.id, code: `AZ-${uniq()}`, name: '新设科室', kind: 'division' } }) },
  'GET /api/directory/orgs/{id}': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: (c) => ({ method: 'GET', url: `/api/directory/orgs/${c.tree.divisionA.id}` }) },
  'PATCH /api/directory/orgs/{id}': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: async (c) => {
    const v = await c.p.kernel.db.one('SELECT version FROM orgs WHERE id = $1', [c.tree.divisionA.id]);
    return { method: 'PATCH', url: `/api/directory/orgs/${c.tree.divisionA.id}`, payload: { version: v.version, shortName: `科${uniq()}` } };
  } },
  'GET /api/directory/staff': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: () => ({ method: 'GET', url: '/api/directory/staff?pageSize=200' }), leak: (c) => c.ids.staffA },
  'POST /api/directory/staff': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: (c) => ({ method: 'POST', url: '/api/directory/staff', payload: { username: `s${uniq()}`, displayName: '新同事', orgId: c.tree.divisionA.id, initialPassword: 'Welcome-2026!' } }) },
  'GET /api/directory/staff/{id}': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: (c) => ({ method: 'GET', url: `/api/directory/staff/${c.ids.staffA}` }) },
  'PATCH /api/directory/staff/{id}': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: async (c) => {
    const v = await c.p.kernel.db.one('SELECT version FROM accounts WHERE id = $1', [c.ids.staffA]);
    return { method: 'PATCH', url: `/api/directory/staff/${c.ids.staffA}`, payload: { version: v.version, position: `科员${uniq()}` } };
  } },
  // Role definitions are platform-wide: read by any staff, changed only by whole-tree security administrators.
  'GET /api/directory/roles': { kind: 'signedIn', wrongKind: 'citizen', req: () => ({ method: 'GET', url: '/api/directory/roles' }) },
  'GET /api/directory/permissions': { kind: 'signedIn', wrongKind: 'citizen', req: () => ({ method: 'GET', url: '/api/directory/permissions' }) },
  'POST /api/directory/roles': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: () => ({ method: 'POST', url: '/api/directory/roles', payload: { code: `r${uniq()}`, name: '测试角色', permissions: ['directory.org.read'] } }) },
  'PATCH /api/directory/roles/{id}': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: async (c) => {
    const v = await c.p.kernel.db.one('SELECT version FROM roles WHERE id = $1', [c.ids.customRole]);
    return { method: 'PATCH', url: `/api/directory/roles/${c.ids.customRole}`, payload: { version: v.version, name: `改名${uniq()}` } };
  } },
  'DELETE /api/directory/roles/{id}': { kind: 'scoped', owner: 'root', intruder: 'insiderA', req: async (c) => {
    const id = await roleId(c.p, `del${uniq()}`, { permissions: ['directory.org.read'] });
    return { method: 'DELETE', url: `/api/directory/roles/${id}` };
  } },
  'GET /api/directory/grants': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: (c) => ({ method: 'GET', url: `/api/directory/grants?accountId=${c.ids.grantedA}` }), leak: (c) => c.ids.grantA },
  'POST /api/directory/grants': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: async (c) => ({ method: 'POST', url: '/api/directory/grants', payload: { accountId: await staffInA(c), roleId: await roleId(c.p, 'caseHandler'), orgId: c.tree.deptA.id } }) },
  'DELETE /api/directory/grants/{id}': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: async (c) => {
    const account = await staffInA(c);
    const g = await c.p.kernel.db.one('INSERT INTO grants (account_id, role_id, org_id) VALUES ($1, $2, $3) RETURNING id', [account, await roleId(c.p, 'caseHandler'), c.tree.deptA.id]);
    return { method: 'DELETE', url: `/api/directory/grants/${g.id}` };
  } },
  'POST /api/directory/import/orgs': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: (c) => multipart('/api/directory/import/orgs', 'orgs.csv', `机构代码,机构名称,上级机构代码,类型,行政区划代码\r\nIM-${uniq()},导入科,${c.tree.deptA.code},内设机构,`) },
  'POST /api/directory/import/staff': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: (c) => multipart('/api/directory/import/staff', 'staff.csv', `用户名,姓名,所属机构代码,职务,手机号,邮箱\r\nim${uniq()},导入者,${c.tree.deptA.code},科员,,`) },
  'GET /api/directory/import/templates/{kind}': { kind: 'signedIn', wrongKind: 'citizen', req: () => ({ method: 'GET', url: '/api/directory/import/templates/orgs' }) },

  // identity: sign-in and registration are public; the rest acts on the caller's own account
  'POST /api/auth/login': { kind: 'public', req: () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Wrong-pass-1' } }) },
  'POST /api/auth/totp': { kind: 'signedIn', req: () => ({ method: 'POST', url: '/api/auth/totp', payload: { code: '123456' } }) },
  'POST /api/auth/totp/enrolment': { kind: 'signedIn', req: () => ({ method: 'POST', url: '/api/auth/totp/enrolment' }) },
  'POST /api/auth/totp/enrolment/confirm': { kind: 'signedIn', req: () => ({ method: 'POST', url: '/api/auth/totp/enrolment/confirm', payload: { code: '123456' } }) },
  'POST /api/auth/logout': { kind: 'signedIn', req: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'GET /api/auth/session': { kind: 'signedIn', req: () => ({ method: 'GET', url: '/api/auth/session' }) },
  'POST /api/auth/password': { kind: 'signedIn', req: () => ({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'x', newPassword: 'New-Passw0rd!' } }) },
  'POST /api/identity/sms-codes': { kind: 'public', req: () => ({ method: 'POST', url: '/api/identity/sms-codes', payload: { phone: '13700000077', purpose: 'register' } }) },
  'POST /api/identity/register/citizen': { kind: 'public', req: () => ({ method: 'POST', url: '/api/identity/register/citizen', payload: { name: '李四', idNumber: '11010519491231002X', phone: '13700000078', smsCode: '000000', password: 'Str0ng-Pass!' } }) },
  'POST /api/identity/register/enterprise': { kind: 'public', req: () => ({ method: 'POST', url: '/api/identity/register/enterprise', payload: { enterpriseName: '测试公司', creditCode: '91350100M000100Y43', legalRepresentative: '王五', contactName: '王五', phone: '13700000079', smsCode: '000000', password: 'Str0ng-Pass!' } }) },
  'POST /api/identity/password-reset': { kind: 'public', req: () => ({ method: 'POST', url: '/api/identity/password-reset', payload: { phone: '13700000082', smsCode: '000000', password: 'Str0ng-Pass!' } }) },
  'GET /api/identity/account': { kind: 'signedIn', wrongKind: 'staff', req: () => ({ method: 'GET', url: '/api/identity/account' }) },
  'PATCH /api/identity/account': { kind: 'signedIn', wrongKind: 'staff', req: () => ({ method: 'PATCH', url: '/api/identity/account', payload: { email: 'a@example.cn' } }) },
  'GET /api/identity/agents': { kind: 'scoped', owner: 'enterprise', intruder: 'enterprise2', req: () => ({ method: 'GET', url: '/api/identity/agents' }), leak: (c) => c.ids.agent },
  'POST /api/identity/agents': { kind: 'signedIn', wrongKind: 'citizen', req: () => ({ method: 'POST', url: '/api/identity/agents', payload: { name: '赵六', idNumber: newIdNumber(), phone: '13700000080' } }) },
  'DELETE /api/identity/agents/{id}': { kind: 'scoped', owner: 'enterprise', intruder: 'enterprise2', req: async (c) => {
    const res = await c.p.inject({ method: 'POST', url: '/api/identity/agents', headers: c.as.enterprise, payload: { name: '钱七', idNumber: newIdNumber(), phone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` } });
    assert.equal(res.statusCode, 201, res.body);
    return { method: 'DELETE', url: `/api/identity/agents/${json(res).id}` };
  } },
  'GET /api/identity/represented-enterprises': { kind: 'signedIn', wrongKind: 'enterprise', req: () => ({ method: 'GET', url: '/api/identity/represented-enterprises' }) },
  'GET /api/identity/accounts': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: () => ({ method: 'GET', url: '/api/identity/accounts?pageSize=100' }), leak: (c) => c.ids.staffA },
  'POST /api/identity/accounts/{id}/reset': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: async (c) => ({ method: 'POST', url: `/api/identity/accounts/${await staffInA(c)}/reset`, payload: { totp: true } }) },
  'POST /api/identity/accounts/{id}/unlock': { kind: 'scoped', owner: 'insiderA', intruder: 'outsiderB', req: async (c) => {
    const id = await staffInA(c);
    await c.p.kernel.db.query("UPDATE accounts SET failed_logins = 5, locked_until = now() + interval '1 hour' WHERE id = $1", [id]);
    return { method: 'POST', url: `/api/identity/accounts/${id}/unlock` };
  } },
};

/** An in-app message for the account behind `who`'s session; its id. */
async function messageFor(c: Ctx, who: Who): Promise<string> {
  const accountId = json(await c.p.inject({ method: 'GET', url: '/api/auth/session', headers: c.as[who] })).account.id;
  const requestId = await c.p.kernel.db.tx((tx) => c.p.kernel.notify.tell(tx, { event: 'notify.announcement', to: { accountId }, params: { title: '授权测试', body: '内容' } }));
  return (await c.p.kernel.db.one("SELECT id FROM notify_outbox WHERE request_id = $1 AND channel = 'inapp'", [requestId])).id;
}

/** An SMS that failed (its id, or its request's id). */
async function failedMessage(c: Ctx, column: 'id' | 'request_id' = 'id'): Promise<string> {
  const requestId = await c.p.kernel.db.tx((tx) => c.p.kernel.notify.tell(tx, { event: 'notify.announcement', to: { phone: '13700000099' }, params: { title: '授权测试', body: '内容' } }));
  return (await c.p.kernel.db.one(`UPDATE notify_outbox SET status = 'failed', error = 'x' WHERE request_id = $1 RETURNING ${column}`, [requestId]))[column];
}

let c: Ctx;
let operations: { key: string; policy: string }[];

async function publicAccount(p: TestPlatform, kind: 'citizen' | 'enterprise') {
  const a = await accountRepository.insert(p.kernel.db, {
    kind, username: `${kind}${uniq()}`, displayName: kind === 'citizen' ? '张三' : '测试企业', passwordHash: 'x',
    creditCode: kind === 'enterprise' ? `91990102MA${uniq().toUpperCase().slice(0, 8)}` : null,
  });
  return (await signInAs(p, a.id)).headers;
}

before(async () => {
  const p = await testPlatform();
  const tree = await createOrgTree(p);
  // One role holding every permission of the platform: only scope can then explain a refusal.
  await roleId(p, 'everything', { permissions: allPermissions().map((x) => x.code) });
  const session = async (org: TestOrg, scope = org) => (await signInAs(p, (await createStaff(p, { org, roles: ['everything'], scope })).id)).headers;
  const ids: Record<string, string> = {};
  const as = {
    insiderA: await session(tree.deptA),
    outsiderB: await session(tree.deptB),
    root: await session(tree.city),
    staff: await session(tree.deptB),
    citizen: await publicAccount(p, 'citizen'),
    citizen2: await publicAccount(p, 'citizen'),
    enterprise: await publicAccount(p, 'enterprise'),
    enterprise2: await publicAccount(p, 'enterprise'),
  } as Record<Who, Headers>;
  c = { p, tree, as, ids };
  await p.kernel.db.query("INSERT INTO regions (code, name, level, parent_code) VALUES ('99', '示例省', 1, NULL), ('9901', '示例市', 2, '99')");
  ids.staffA = await staffInA(c);
  ids.grantedA = await staffInA(c);
  ids.grantA = (await p.kernel.db.one('INSERT INTO grants (account_id, role_id, org_id) VALUES ($1, $2, $3) RETURNING id', [ids.grantedA, await roleId(p, 'caseHandler'), tree.deptA.id])).id;
  ids.customRole = await roleId(p, `custom${uniq()}`, { permissions: ['directory.org.read'] });
  const agent = await p.inject({ method: 'POST', url: '/api/identity/agents', headers: as.enterprise, payload: { name: '孙八', idNumber: newIdNumber(), phone: '13700000081' } });
  assert.equal(agent.statusCode, 201, agent.body);
  ids.agent = json(agent).id;

  const doc = json((await p.inject({ method: 'GET', url: '/api/openapi.json' })));
  operations = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, policy: op['x-policy'] as string })));
});
after(() => c?.p.close());

async function send(build: Build, who: Who | null): Promise<LightMyRequestResponse> {
  const req = await build(c);
  const headers = { ...(req.headers ?? {}), ...(who ? c.as[who] : {}) };
  return c.p.inject({ ...req, headers } as InjectOptions);
}

test('every API operation declares a policy and has a case in this test', () => {
  assert.ok(operations.length >= 40, `only ${operations.length} operations found`);
  const missing = operations.filter((o) => !cases[o.key]).map((o) => o.key);
  assert.deepEqual(missing, [], 'operations without an authorization case');
  assert.deepEqual(operations.filter((o) => !o.policy).map((o) => o.key), [], 'operations without x-policy');
  const stale = Object.keys(cases).filter((k) => !operations.some((o) => o.key === k));
  assert.deepEqual(stale, [], 'cases for operations that no longer exist');
});

test('an anonymous caller is refused by every operation that is not public, and let through by public ones', async () => {
  for (const { key } of operations) {
    const cs = cases[key];
    if (!cs) continue;
    const res = await send(cs.req, null);
    // A public operation may still answer 401 for wrong credentials, but never "please sign in first".
    if (cs.kind === 'public') assert.notEqual(res.statusCode === 401 && json(res).error.code, 'UNAUTHENTICATED', `${key} should be public`);
    else assert.equal(res.statusCode, 401, `${key} answered ${res.statusCode} to an anonymous caller: ${res.body.slice(0, 200)}`);
    assert.ok(res.statusCode < 500, `${key}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
});

test('an account of the wrong kind is refused', async () => {
  for (const { key } of operations) {
    const cs = cases[key];
    if (cs?.kind !== 'signedIn' || !cs.wrongKind) continue;
    const res = await send(cs.req, cs.wrongKind);
    assert.equal(res.statusCode, 403, `${key} let a ${cs.wrongKind} through: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
});

test('a caller holding every permission in another department cannot read or change this department\'s data, while an insider can', async () => {
  for (const { key } of operations) {
    const cs = cases[key];
    if (cs?.kind !== 'scoped') continue;
    const intruded = await send(cs.req, cs.intruder);
    assert.ok(intruded.statusCode < 500, `${key}: ${intruded.statusCode} ${intruded.body.slice(0, 200)}`);
    if (cs.leak) {
      const secret = cs.leak(c);
      assert.ok(!intruded.body.includes(secret), `${key} showed ${cs.intruder} a record of another department`);
    } else if (key.startsWith('POST /api/directory/import/')) {
      // An import answers row by row: every row outside the caller's scope is refused, none imported.
      assert.ok(intruded.statusCode >= 400 || json(intruded).imported === 0, `${key} imported rows into another department: ${intruded.body}`);
    } else {
      assert.ok([403, 404].includes(intruded.statusCode), `${key} answered ${intruded.statusCode} to ${cs.intruder}: ${intruded.body.slice(0, 200)}`);
    }
    const owned = await send(cs.req, cs.owner);
    assert.ok(owned.statusCode >= 200 && owned.statusCode < 300, `${key} refused its rightful caller ${cs.owner}: ${owned.statusCode} ${owned.body.slice(0, 300)}`);
    if (cs.leak) assert.ok(owned.body.includes(cs.leak(c)), `${key}: ${cs.owner} should see the record`);
    if (key.startsWith('POST /api/directory/import/')) assert.equal(json(owned).imported, 1, owned.body);
  }
});
