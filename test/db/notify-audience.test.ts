// Who a notification reaches: role, organisation and region audiences expanded by the fan-out job (and not a
// person more), people's channel choices with security messages locked on, contact data, and bulk progress.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { TestPlatform } from '../support/harness.js';
import { createOrg, createOrgTree, createStaff, type TestOrg } from '../support/fixtures.js';
import { citizen, inboxOf, notifyTestPlatform, outboxRows, type RecordingGateway } from './notify-fixtures.js';

let p: TestPlatform;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let sms: RecordingGateway;

before(async () => {
  ({ p, sms } = await notifyTestPlatform());
  tree = await createOrgTree(p);
});
after(() => p?.close());

const tell = (to: object, event = 'test.task', extra: object = {}) =>
  p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event, to: to as never, params: { no: 'SQ-9' }, ...extra }));
const reached = async (requestId: string) =>
  new Set((await outboxRows(p, requestId)).filter((r) => r.channel === 'inapp').map((r) => r.account_id as string));
const staff = async (org: TestOrg, roles: string[] = [], scope?: TestOrg) => (await createStaff(p, { org, roles, scope })).id;

test('a role audience reaches the staff holding the role in that subtree — not another department, not above it', async () => {
  const a1 = await staff(tree.deptA, ['caseHandler']);
  const a2 = await staff(tree.divisionA, ['caseHandler']);
  const clerk = await staff(tree.deptA, ['windowClerk']);
  const b1 = await staff(tree.deptB, ['caseHandler']);
  const cityWide = await staff(tree.city, ['caseHandler']);
  const gone = await staff(tree.deptA, ['caseHandler']);
  await p.kernel.db.query("UPDATE accounts SET status = 'disabled' WHERE id = $1", [gone]);

  const requestId = await tell({ role: 'caseHandler', orgId: tree.deptA.id });
  assert.equal((await outboxRows(p, requestId)).length, 0, 'the caller is not kept waiting: a job expands the audience');
  assert.equal((await p.kernel.notify.outbox.request(requestId, 'zh-CN')).expanded, false);
  await p.kernel.jobs.drain();
  assert.deepEqual(await reached(requestId), new Set([a1, a2]));
  for (const outsider of [clerk, b1, cityWide, gone]) assert.equal((await inboxOf(p, outsider)).length, 0);

  const org = await tell({ orgId: tree.deptA.id });
  await p.kernel.jobs.drain();
  assert.deepEqual(await reached(org), new Set([a1, a2, clerk]), 'an organisation audience is its subtree\'s staff');
});

test('a region audience reaches staff of organisations in the region and public accounts whose profile is in it', async () => {
  const root = await createOrg(p, { name: '示例省', regionCode: '99' });
  const city = await createOrg(p, { parent: root, name: '示例市', regionCode: '9901' });
  const padded = await createOrg(p, { parent: city, name: '示例市某局', regionCode: '990100' });
  const county = await createOrg(p, { parent: city, name: '示例县', regionCode: '990102' });
  const town = await createOrg(p, { parent: county, name: '东山镇', regionCode: '990102001' });
  const otherCity = await createOrg(p, { parent: root, name: '另一市', regionCode: '9902' });
  const inside = [await staff(city), await staff(padded), await staff(county), await staff(town)];
  const outside = [await staff(root), await staff(otherCity)];
  const people = [(await citizen(p, { regionCode: '990102' })).id, (await citizen(p, { regionCode: '990102001001' })).id];
  const strangers = [(await citizen(p, { regionCode: '990201' })).id, (await citizen(p)).id];

  const requestId = await tell({ region: '990100' }, 'test.progress');
  await p.kernel.jobs.drain();
  assert.deepEqual(await reached(requestId), new Set([...inside, ...people]));
  for (const x of [...outside, ...strangers]) assert.equal((await inboxOf(p, x)).filter((r) => r.request_id === requestId).length, 0);

  const county2 = await tell({ region: '990102' }, 'test.progress');
  await p.kernel.jobs.drain();
  assert.deepEqual(await reached(county2), new Set([inside[2], inside[3], ...people]));
});

test('people\'s choices: a category turned off gets no SMS or email; security messages and urgent ones ignore the choice', async () => {
  const who = await citizen(p);
  await p.kernel.db.tx((tx) => p.kernel.notify.inbox.updatePreferences(tx, who.id, [{ category: 'service', sms: false, email: false }], 'zh-CN'));
  const channels = async (id: string) => (await outboxRows(p, id)).map((r) => r.channel).sort();
  assert.deepEqual(await channels(await tell({ accountId: who.id }, 'test.progress')), ['inapp'], 'in-app always arrives');
  assert.deepEqual(await channels(await tell({ accountId: who.id }, 'test.alert')), ['email', 'inapp', 'sms'], 'security is locked on');
  assert.deepEqual(await channels(await tell({ accountId: who.id }, 'test.progress', { urgent: true })), ['email', 'inapp', 'sms'], 'urgent ignores opt-outs');
  assert.deepEqual(await channels(await tell({ accountId: who.id }, 'test.task')), ['inapp', 'sms'], 'other categories stay on');

  const nothing = await citizen(p, { phone: null, email: null });
  assert.deepEqual(await channels(await tell({ accountId: nothing.id }, 'test.alert')), ['inapp'], 'no phone, no SMS; no address, no email');

  await assert.rejects(
    p.kernel.db.tx((tx) => p.kernel.notify.inbox.updatePreferences(tx, who.id, [{ category: 'security', sms: false, email: true }], 'zh-CN')),
    (err: any) => err.status === 400 && err.fields[0].field === 'categories.0.sms',
  );
});

test('a bulk request to over a thousand people is expanded in chunks, and its progress counts what happened', async () => {
  const org = await createOrg(p, { parent: tree.city, name: '大单位' });
  const hash = await p.kernel.passwords.hash('Bulk-Passw0rd!');
  const n = 1100;
  const ids = Array.from({ length: n }, () => crypto.randomUUID());
  const phones = ids.map((_, i) => (i % 2 === 0 ? `1350${String(i).padStart(7, '0')}` : null));
  await p.kernel.db.query(
    `INSERT INTO accounts (id, kind, username, display_name, password_hash, org_id, phone_enc, phone_hash)
     SELECT id, 'staff', 'bulk' || substr(id::text, 1, 8) || i, '批量' || i, $2, $3, pe, ph
       FROM unnest($1::uuid[], $4::text[], $5::text[]) WITH ORDINALITY AS x(id, pe, ph, i)`,
    [ids, hash, org.id, phones.map((x) => (x ? p.kernel.cipher.encrypt(x) : null)), phones.map((x) => (x ? p.kernel.cipher.lookupHash(x) : null))],
  );
  sms.answer = () => ({ status: 'sent', providerId: crypto.randomUUID() });
  p.kernel.notify.settings.perWindow = { sms: 0, email: 0 };
  const requestId = await tell({ orgId: org.id }, 'test.task', { by: null });
  const before = await p.kernel.notify.outbox.request(requestId, 'zh-CN');
  assert.deepEqual([before.expanded, before.recipients], [false, 0]);
  await p.kernel.jobs.drain();
  const done = await p.kernel.notify.outbox.request(requestId, 'zh-CN');
  assert.deepEqual(
    { expanded: done.expanded, recipients: done.recipients, queued: done.queued, sent: done.sent, delivered: done.delivered, failed: done.failed },
    { expanded: true, recipients: n, queued: 0, sent: n / 2, delivered: n, failed: 0 },
  );
  assert.match(done.audience, /大单位及下级单位的工作人员/);
  const listed = await p.kernel.notify.outbox.requests(1, 50, 'zh-CN');
  assert.ok(listed.items.some((r) => r.id === requestId), 'bulk requests are listed');
});
