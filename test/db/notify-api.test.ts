// The notification API over HTTP: each person's own inbox and choices, the administrators' outbox, retries,
// bulk requests and announcements (scoped to the sender's organisations), bad input, and identity's events.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, type TestPlatform } from '../support/harness.js';
import { createOrgTree, signInAs, staffSession } from '../support/fixtures.js';
import { PASSWORD, registerCitizen } from './identity-fixtures.js';
import { citizen, drainUntil, notifyTestPlatform, type RecordingGateway } from './notify-fixtures.js';

let p: TestPlatform;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let admin: Awaited<ReturnType<typeof staffSession>>;
let sms: RecordingGateway;

before(async () => {
  ({ p, sms } = await notifyTestPlatform());
  tree = await createOrgTree(p);
  admin = await staffSession(p, { org: tree.city, roles: ['systemAdmin'] });
});
after(() => p?.close());

const tell = (to: object, event = 'test.progress', extra: object = {}) =>
  p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event, to: to as never, params: { no: 'SQ-7' }, link: '/account', ...extra }));
const call = (headers: object, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  p.inject({ method, url, headers: headers as Record<string, string>, payload: payload as never });

async function citizenSession(opts: Parameters<typeof citizen>[1] = {}) {
  const c = await citizen(p, opts);
  return { ...c, headers: (await signInAs(p, c.id)).headers };
}

test('each person sees only their own inbox: list, unread count, mark one read (404 for another\'s), mark all read', async () => {
  const ann = await citizenSession();
  const bob = await citizenSession();
  await tell({ accountId: ann.id });
  await tell({ accountId: ann.id }, 'test.alert');
  await tell({ accountId: bob.id });

  const list = await call(ann.headers, 'GET', '/api/notify/inbox');
  assert.equal(list.statusCode, 200, list.body);
  const body = json(list);
  assert.deepEqual([body.total, body.unread, body.page, body.pageSize], [2, 2, 1, 20]);
  assert.deepEqual(body.items.map((i: any) => i.title), ['安全提醒', '您的申请有新进展'], 'newest first');
  assert.deepEqual(Object.keys(body.items[1]).sort(), ['body', 'category', 'createdAt', 'event', 'id', 'link', 'readAt', 'title', 'urgent']);
  assert.deepEqual([body.items[1].body, body.items[1].link, body.items[1].category, body.items[1].readAt], ['申请 SQ-7 已受理。', '/account', 'service', null]);
  const bobs = json(await call(bob.headers, 'GET', '/api/notify/inbox'));
  assert.equal(bobs.total, 1);
  assert.ok(!bobs.items.some((i: any) => body.items.some((a: any) => a.id === i.id)));

  const mine = body.items[1].id;
  assert.equal((await call(bob.headers, 'POST', `/api/notify/inbox/${mine}/read`)).statusCode, 404, 'another person\'s message does not exist for Bob');
  const read = await call(ann.headers, 'POST', `/api/notify/inbox/${mine}/read`);
  assert.equal(read.statusCode, 200, read.body);
  assert.equal(json(read).id, mine);
  assert.ok(json(read).readAt);
  assert.deepEqual(json(await call(ann.headers, 'GET', '/api/notify/inbox/unread')), { unread: 1 });
  assert.deepEqual(json(await call(bob.headers, 'GET', '/api/notify/inbox/unread')), { unread: 1 }, 'Bob\'s message is untouched');
  const unreadOnly = json(await call(ann.headers, 'GET', '/api/notify/inbox?unread=true'));
  assert.deepEqual(unreadOnly.items.map((i: any) => i.title), ['安全提醒']);
  assert.deepEqual(json(await call(ann.headers, 'POST', '/api/notify/inbox/read-all')), { updated: 1 });
  assert.deepEqual(json(await call(ann.headers, 'GET', '/api/notify/inbox/unread')), { unread: 0 });
  assert.equal(json(await call(bob.headers, 'GET', '/api/notify/inbox')).unread, 1);
});

test('preferences: masked contact data, locked security, field errors, audited changes', async () => {
  const who = await citizenSession({ email: 'wang.fang@example.cn' });
  const view = json(await call(who.headers, 'GET', '/api/notify/preferences'));
  assert.deepEqual(view.channels, { sms: { available: true, masked: `${who.phone!.slice(0, 3)}****${who.phone!.slice(-4)}` }, email: { available: true, masked: 'w***@example.cn' } });
  assert.deepEqual(view.categories.map((c: any) => [c.category, c.label, c.sms, c.email, c.locked]), [
    ['security', '账户安全', true, true, true], ['service', '办事进度', true, true, false],
    ['announcement', '通知公告', true, true, false],
  ], 'staff work reminders are not offered to the public');
  const staffView = json(await call(admin.headers, 'GET', '/api/notify/preferences'));
  assert.deepEqual(staffView.categories.map((c: any) => c.category), ['security', 'service', 'announcement', 'work']);
  const put = await call(who.headers, 'PUT', '/api/notify/preferences', { categories: [{ category: 'announcement', sms: false, email: true }] });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(json(put).categories.find((c: any) => c.category === 'announcement'), { category: 'announcement', label: '通知公告', description: '政府部门向公众或工作人员发布的通知。', sms: false, email: true, locked: false });
  assert.ok(await p.kernel.db.maybeOne("SELECT 1 FROM audit_log WHERE action = 'notify.preferences.update' AND target_id = $1", [who.id]));

  const locked = await call(who.headers, 'PUT', '/api/notify/preferences?lang=en', { categories: [{ category: 'service', sms: true, email: true }, { category: 'security', sms: true, email: false }] });
  assert.equal(locked.statusCode, 400);
  assert.deepEqual(json(locked).error.fields, [{ field: 'categories.1.email', message: '"Account security" messages cannot be turned off.' }]);
  const unknown = await call(who.headers, 'PUT', '/api/notify/preferences', { categories: [{ category: 'lottery', sms: true, email: true }] });
  assert.deepEqual(json(unknown).error.fields.map((f: any) => f.field), ['categories.0.category']);
  const wrongType = await call(who.headers, 'PUT', '/api/notify/preferences', { categories: [{ category: 'service', sms: 'yes', email: true }] });
  assert.equal(wrongType.statusCode, 400);
  assert.deepEqual(json(wrongType).error.fields.map((f: any) => f.field), ['categories.0.sms']);
});

test('the outbox: exact search by a whole number without showing it, masked search, codes hidden, history and retry', async () => {
  const who = await citizen(p, { email: null });
  await tell({ accountId: who.id });
  const code = await p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event: 'identity.smsCode', to: { phone: who.phone! }, params: { code: '123456', minutes: 10 } }));
  const found = await call(admin.headers, 'GET', `/api/notify/outbox?recipient=${who.phone}&channel=sms`);
  assert.equal(found.statusCode, 200, found.body);
  const items = json(found).items;
  assert.equal(items.length, 2);
  assert.ok(!found.body.includes(who.phone!), 'the whole number never comes back');
  const codeRow = items.find((i: any) => i.requestId === code);
  assert.equal(codeRow.body, '（内容含验证码，不予显示）');
  assert.ok(!found.body.includes('123456'));
  assert.deepEqual(Object.keys(codeRow).sort(), ['attempts', 'body', 'channel', 'createdAt', 'deferredUntil', 'deliveredAt', 'error', 'event', 'gateway', 'id', 'locale', 'providerId', 'recipientMasked', 'requestId', 'sentAt', 'status', 'subject', 'urgent']);
  const masked = json(await call(admin.headers, 'GET', `/api/notify/outbox?recipient=${encodeURIComponent(who.phone!.slice(-4))}&event=test.progress`));
  assert.ok(masked.items.some((i: any) => i.recipientMasked.endsWith(who.phone!.slice(-4))));
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  assert.ok(json(await call(admin.headers, 'GET', `/api/notify/outbox?from=${today}&to=${today}&recipient=${who.phone}`)).total >= 2);
  assert.equal(json(await call(admin.headers, 'GET', `/api/notify/outbox?from=2000-01-01&to=2000-01-02`)).total, 0);
  assert.equal((await call(admin.headers, 'GET', '/api/notify/outbox?from=2026-02-30')).statusCode, 400);

  // A message that failed: the office page shows why, and can send it again.
  sms.answer = () => ({ status: 'failed', permanent: true, error: '签名未审核' });
  const progress = items.find((i: any) => i.requestId !== code);
  await p.kernel.jobs.drain();
  const detail = json(await call(admin.headers, 'GET', `/api/notify/outbox/${progress.id}`));
  assert.deepEqual([detail.status, detail.error, detail.history.map((h: any) => [h.gateway, h.outcome, h.error])], ['failed', '签名未审核', [['fake-sms', 'failed', '签名未审核']]]);
  assert.equal(detail.receipt, null);
  sms.answer = () => ({ status: 'delivered' });
  const retry = await call(admin.headers, 'POST', `/api/notify/outbox/${progress.id}/retry`);
  assert.equal(retry.statusCode, 200, retry.body);
  assert.equal(json(retry).status, 'queued');
  assert.equal((await call(admin.headers, 'POST', `/api/notify/outbox/${progress.id}/retry`)).statusCode, 409, 'only a failed message is retried');
  assert.equal((await call(admin.headers, 'POST', '/api/notify/outbox/00000000-0000-4000-8000-000000000000/retry')).statusCode, 404);
  await p.kernel.jobs.drain();
  const after = json(await call(admin.headers, 'GET', `/api/notify/outbox/${progress.id}`));
  assert.equal(after.status, 'delivered');
  assert.deepEqual(after.history.map((h: any) => h.outcome), ['failed', 'requeued', 'delivered']);
  assert.ok(await p.kernel.db.maybeOne("SELECT 1 FROM audit_log WHERE action = 'notify.message.retry' AND target_id = $1", [progress.id]));
});

test('announcements: a department announces to its own subtree only; a region needs a root grant; progress is visible', async () => {
  const announcer = await staffSession(p, { org: tree.deptA, roles: ['leader'] });
  const colleague = await staffSession(p, { org: tree.divisionA });
  const other = await staffSession(p, { org: tree.deptB });
  const sent = await call(announcer.headers, 'POST', '/api/notify/announcements', { audience: { orgId: tree.deptA.id }, title: '关于清明节放假的通知', body: '4 月 4 日至 6 日放假，共 3 天。' });
  assert.equal(sent.statusCode, 202, sent.body);
  const { requestId } = json(sent);
  await drainUntil(p, async () => (await p.kernel.notify.outbox.request(requestId, 'zh-CN')).expanded);
  const inbox = json(await call(colleague.headers, 'GET', '/api/notify/inbox'));
  assert.deepEqual(inbox.items.map((i: any) => [i.title, i.body, i.category]), [['关于清明节放假的通知', '4 月 4 日至 6 日放假，共 3 天。', 'announcement']]);
  assert.equal(json(await call(other.headers, 'GET', '/api/notify/inbox')).total, 0, 'another department heard nothing');
  assert.ok(await p.kernel.db.maybeOne("SELECT 1 FROM audit_log WHERE action = 'notify.announcement.send' AND target_id = $1", [requestId]));

  const req = json(await call(admin.headers, 'GET', `/api/notify/requests/${requestId}`));
  assert.equal(req.createdById, announcer.id);
  assert.equal(req.expanded, true);
  assert.ok(req.recipients >= 2 && req.delivered >= 2, JSON.stringify(req));
  assert.match(req.audience, /测试市市场监督管理局及下级单位的工作人员/);
  const list = json(await call(admin.headers, 'GET', '/api/notify/requests'));
  assert.equal(list.items[0].id, requestId);
  assert.deepEqual(Object.keys(list.items[0]).sort(), ['audience', 'createdAt', 'createdBy', 'createdById', 'delivered', 'event', 'expanded', 'failed', 'id', 'queued', 'recipients', 'sent', 'urgent']);

  const outside = await call(announcer.headers, 'POST', '/api/notify/announcements', { audience: { orgId: tree.deptB.id }, title: '越权', body: '不应发出' });
  assert.equal(outside.statusCode, 403);
  const region = await call(announcer.headers, 'POST', '/api/notify/announcements', { audience: { region: '9901' }, title: '全市通知', body: '内容' });
  assert.equal(region.statusCode, 403);
  const bad = await call(announcer.headers, 'POST', '/api/notify/announcements', { audience: { role: 'caseHandler' }, title: '  ', body: '内容' });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(json(bad).error.fields.map((f: any) => f.field).sort(), ['audience', 'audience.role', 'title']);
  const both = await call(announcer.headers, 'POST', '/api/notify/announcements', { audience: { orgId: tree.deptA.id, region: '9901' }, title: 'x', body: 'y' });
  assert.deepEqual(json(both).error.fields.map((f: any) => f.field), ['audience']);
  const noRole = await call(announcer.headers, 'POST', '/api/notify/announcements', { audience: { orgId: tree.deptA.id, role: 'noSuchRole' }, title: 'x', body: 'y' });
  assert.deepEqual(json(noRole).error.fields.map((f: any) => f.field), ['audience.role']);
  const badRegion = await call(announcer.headers, 'POST', '/api/notify/announcements', { audience: { region: '9' }, title: 'x', body: 'y' });
  assert.deepEqual([badRegion.statusCode, json(badRegion).error.fields[0].message], [400, '行政区划代码应为 2、4、6、9 或 12 位数字。']);
});

test('identity tells people: a welcome in the inbox on registration, a security alert on every channel when the password changes', async () => {
  const { client, who, id } = await registerCitizen(p);
  const welcome = json(await client.call('GET', '/api/notify/inbox'));
  assert.deepEqual(welcome.items.map((i: any) => [i.event, i.title, i.link]), [['identity.registered', '欢迎使用示例市政务服务网', '/account']]);
  await client.call('PATCH', '/api/identity/account', { email: 'chen@example.cn' });
  const changed = await client.call('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Another-Passw0rd!' });
  assert.equal(changed.statusCode, 204, changed.body);
  const alert = await p.kernel.db.query("SELECT channel, body FROM notify_outbox WHERE account_id = $1 AND event = 'identity.passwordChanged' ORDER BY channel", [id]);
  assert.deepEqual(alert.map((r) => r.channel), ['email', 'inapp', 'sms']);
  assert.match(alert[2].body, /密码已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改/);
  sms.answer = () => ({ status: 'delivered' });
  await p.kernel.jobs.drain();
  assert.ok(sms.to(who.phone).some((m) => m.template === 'identity.passwordChanged'));
});
