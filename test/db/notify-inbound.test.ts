// Inbound SMS: stored once, routed to a module handler by keyword or as a reply to the latest SMS sent to the
// number, otherwise kept as unhandled; the built-in TD / 退订 handler turns notice texts off.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestPlatform } from '../support/harness.js';
import type { InboundMessage } from '../../src/kernel/notify/inbound.js';
import { citizen, notifyTestPlatform, outboxRows, phone, type RecordingGateway } from './notify-fixtures.js';

let p: TestPlatform;
let sms: RecordingGateway;
const replies: InboundMessage[] = [];
const queries: InboundMessage[] = [];
let failQueries = false;

before(async () => {
  ({ p, sms } = await notifyTestPlatform({ notifyRetryBaseMs: 1 }));
  // What a module would register in its onStart.
  p.kernel.notify.onInbound({ replyToEvents: ['test.progress'] }, async (m) => { replies.push(m); });
  p.kernel.notify.onInbound({ keywords: ['CX', '查询'] }, async (m, tx) => {
    if (failQueries) throw new Error('registry unavailable');
    queries.push(m);
    await p.kernel.notify.tell(tx, { event: 'test.task', to: { phone: m.from }, urgent: true });
  });
});
after(() => p?.close());

let seq = 0;
const inbound = (from: string, text: string, providerId = `MO-${++seq}`) =>
  p.kernel.notify.receiveInbound({ gateway: 'fake-sms', from, text, providerId, receivedAt: new Date() });
const stored = (id: string) => p.kernel.db.one('SELECT * FROM notify_inbound WHERE id = $1', [id]);
const tell = (to: object, event = 'test.progress', extra: object = {}) =>
  p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event, to: to as never, params: { no: 'SQ-5' }, ...extra }));
const smsOf = async (requestId: string) => (await outboxRows(p, requestId)).filter((r) => r.channel === 'sms');

test('TD turns notice texts off for the accounts with that number and confirms once; security and urgent texts still come', async () => {
  const who = await citizen(p);
  const msg = await inbound(who.phone!, 'ＴＤ');
  await p.kernel.jobs.drain();
  const row = await stored(msg.id);
  assert.deepEqual([row.status, row.route], ['handled', 'keyword:TD']);
  assert.ok(!JSON.stringify(row).includes(who.phone!), 'the number is stored encrypted');
  assert.deepEqual(sms.to(who.phone!).map((m) => m.template), ['notify.unsubscribed'], 'one confirmation');

  const prefs = await p.kernel.notify.inbox.preferences(who.id, 'zh-CN');
  assert.deepEqual(prefs.categories.map((c) => [c.category, c.sms, c.email]), [['security', true, true], ['service', false, true], ['announcement', false, true]]);
  const audit = await p.kernel.db.one("SELECT * FROM audit_log WHERE action = 'notify.preferences.unsubscribe' AND target_id = $1", [who.id]);
  assert.equal(audit.actor_id, who.id);

  assert.equal((await smsOf(await tell({ accountId: who.id }))).length, 0, 'a notice now comes in-app only');
  assert.equal((await smsOf(await tell({ phone: who.phone }))).length, 0, 'the number itself said TD');
  assert.equal((await smsOf(await tell({ accountId: who.id }, 'test.alert'))).length, 1, 'security messages are locked on');
  assert.equal((await smsOf(await tell({ phone: who.phone }, 'test.progress', { urgent: true }))).length, 1);

  // The provider pushes the same message again: stored once, answered once.
  const again = await p.kernel.notify.receiveInbound({ gateway: 'fake-sms', from: who.phone!, text: 'ＴＤ', providerId: `MO-${seq}`, receivedAt: new Date() });
  assert.deepEqual(again, { id: msg.id, duplicate: true });
  await p.kernel.jobs.drain();
  assert.equal(sms.to(who.phone!).filter((m) => m.template === 'notify.unsubscribed').length, 1);
});

test('退订 works without an account, and the person can turn texts back on from the preferences', async () => {
  const number = phone();
  await inbound(`+86 ${number}`, '退订谢谢');
  await p.kernel.jobs.drain();
  assert.equal((await smsOf(await tell({ phone: number }))).length, 0);

  const who = await citizen(p, { phone: number });
  assert.ok((await p.kernel.notify.inbox.preferences(who.id, 'zh-CN')).categories.filter((c) => !c.locked).every((c) => !c.sms), 'a new account with that number starts opted out');
  await p.kernel.db.tx((tx) => p.kernel.notify.inbox.updatePreferences(tx, who.id, [{ category: 'service', sms: true, email: true }], 'zh-CN'));
  const after = await p.kernel.notify.inbox.preferences(who.id, 'zh-CN');
  assert.deepEqual(after.categories.map((c) => [c.category, c.sms]), [['security', true], ['service', true], ['announcement', false]]);
  assert.equal((await smsOf(await tell({ accountId: who.id }))).length, 1, 'the service category reaches the phone again');
  assert.equal((await smsOf(await tell({ accountId: who.id }, 'test.task'))).length, 0, 'the others stay off as TD asked');
});

test('a reply goes to the handler of the event of the latest SMS sent to that number; otherwise it is kept as unhandled', async () => {
  const who = await citizen(p, { email: null });
  await tell({ accountId: who.id });
  await p.kernel.jobs.drain();
  const reply = await inbound(who.phone!, '好的，谢谢');
  const stranger = await inbound(phone(), '你好');
  await p.kernel.jobs.drain();
  assert.equal((await stored(reply.id)).status, 'handled');
  assert.equal((await stored(reply.id)).route, 'reply:test.progress');
  const got = replies.find((r) => r.id === reply.id)!;
  assert.deepEqual([got.from, got.text, got.replyTo?.event, got.replyTo?.accountId], [who.phone, '好的，谢谢', 'test.progress', who.id]);
  assert.deepEqual([(await stored(stranger.id)).status, (await stored(stranger.id)).route], ['unhandled', null]);
});

test('a keyword handler answers in its transaction; a handler that keeps failing leaves the message failed with the reason', async () => {
  const number = phone();
  const q = await inbound(number, 'cx 营业执照');
  await p.kernel.jobs.drain();
  assert.equal(queries.at(-1)?.keyword, 'CX');
  assert.equal((await stored(q.id)).status, 'handled');
  assert.equal(sms.to(number).length, 1, 'the handler\'s answer went out');

  failQueries = true;
  const bad = await inbound(number, '查询');
  for (let i = 0; i < 8 && (await stored(bad.id)).status === 'pending'; i++) {
    await p.kernel.db.query("UPDATE jobs SET run_at = now() WHERE dedupe_key = $1", [`notify.inbound:${bad.id}`]);
    await p.kernel.jobs.drain();
  }
  const row = await stored(bad.id);
  assert.deepEqual([row.status, row.error], ['failed', 'registry unavailable']);
  assert.equal(sms.to(number).length, 1, 'nothing was answered for the failed attempts');
  failQueries = false;
});
