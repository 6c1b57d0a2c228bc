// Delivery of SMS and email through the job queue: transactional tell, retries and failures, receipts,
// crashes, shared rate limits, quiet hours and the per-number limit. A recording gateway stands in for
// the providers (the real SMTP and SMS adapters have their own tests).
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { JobService } from '../../src/kernel/jobs/jobs.service.js';
import { jobsRepository } from '../../src/kernel/jobs/jobs.repository.js';
import { citizen, defineTestEvents, drainUntil, inboxOf, outboxRows, phone, RecordingGateway } from './notify-fixtures.js';

let p: TestPlatform;
let sms: RecordingGateway;
let email: RecordingGateway;
const workers: JobService[] = [];

before(async () => {
  p = await testPlatform({ notifyRetryBaseMs: 1, notifyMaxAttempts: 3, notifyQuietHours: '' });
  // The tests run the queue by hand (drain), so that they see each step; the server's own worker stays out.
  await p.kernel.jobs.stop();
  defineTestEvents(p);
});
after(async () => {
  for (const w of workers) await w.stop();
  await p?.close();
});
beforeEach(() => {
  sms = new RecordingGateway('fake-sms');
  email = new RecordingGateway('fake-mail');
  p.kernel.notify.useGateway('sms', sms);
  p.kernel.notify.useGateway('email', email);
  Object.assign(p.kernel.notify.settings, { quietHours: '', windowMs: 60_000, perWindow: { sms: 0, email: 0 }, smsPerPhoneHour: 10 });
});

const tell = (to: object, extra: object = {}) =>
  p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event: 'test.progress', to: to as never, params: { no: 'SQ-1' }, ...extra }));
const row = (id: string) => p.kernel.db.one('SELECT * FROM notify_outbox WHERE id = $1', [id]);
const sent = async (requestId: string, channel: string) => (await outboxRows(p, requestId)).find((r) => r.channel === channel)!;

test('a tell in a rolled-back transaction leaves nothing; a committed one is in the inbox at once and reaches the gateways by job', async () => {
  const who = await citizen(p);
  await assert.rejects(p.kernel.db.tx(async (tx) => {
    await p.kernel.notify.tell(tx, { event: 'test.progress', to: { accountId: who.id }, params: { no: 'SQ-0' } });
    throw new Error('the change failed');
  }), /the change failed/);
  assert.equal((await inboxOf(p, who.id)).length, 0);
  assert.equal((await p.kernel.db.one("SELECT count(*)::int AS n FROM jobs WHERE type = 'notify.deliver'")).n, 0);
  await p.kernel.jobs.drain();
  assert.equal(sms.sent.length + email.sent.length, 0, 'nothing was sent for the rolled-back change');

  const requestId = await tell({ accountId: who.id });
  const inbox = await inboxOf(p, who.id);
  assert.equal(inbox.length, 1);
  assert.deepEqual([inbox[0].status, inbox[0].subject, inbox[0].body], ['delivered', '您的申请有新进展', '申请 SQ-1 已受理。']);
  assert.equal((await sent(requestId, 'sms')).status, 'queued');
  await p.kernel.jobs.drain();
  assert.deepEqual(sms.sent.map((m) => [m.recipient, m.body, m.template]), [[who.phone, '【示例市】申请 SQ-1 已受理。', 'test.progress']]);
  assert.deepEqual(email.sent.map((m) => [m.recipient, m.subject]), [[who.email, '您的申请有新进展']]);
  const s = await sent(requestId, 'sms');
  assert.deepEqual([s.status, s.gateway, s.attempts, s.recipient_masked], ['sent', 'fake-sms', 1, `${who.phone!.slice(0, 3)}****${who.phone!.slice(-4)}`]);
  assert.ok(s.provider_id && s.sent_at);
});

test('a failing gateway is retried with back-off, then the message fails with the last reason', async () => {
  sms.answer = (_m, n) => ({ status: 'failed', error: `短信网关超时（第 ${n} 次）` });
  const who = await citizen(p, { email: null });
  const requestId = await tell({ accountId: who.id });
  const id = (await sent(requestId, 'sms')).id;
  await drainUntil(p, async () => (await row(id)).status === 'failed');
  const r = await row(id);
  assert.equal(sms.to(who.phone!).length, 3, 'NOTIFY_MAX_ATTEMPTS = 3');
  assert.deepEqual([r.attempts, r.error], [3, '短信网关超时（第 3 次）']);
  const detail = await p.kernel.notify.outbox.detail(id, 'zh-CN');
  assert.deepEqual(detail.history.map((h) => h.outcome), ['retrying', 'retrying', 'failed']);
  assert.equal(detail.history[0].error, '短信网关超时（第 1 次）');
});

test('a gateway that throws is a failure like any other, retried', async () => {
  let calls = 0;
  sms.answer = () => {
    if (++calls === 1) throw new Error('ECONNRESET');
    return { status: 'delivered' };
  };
  const who = await citizen(p, { email: null });
  const id = (await sent(await tell({ accountId: who.id }), 'sms')).id;
  await drainUntil(p, async () => (await row(id)).status === 'delivered');
  assert.deepEqual((await p.kernel.notify.outbox.detail(id, 'zh-CN')).history.map((h) => [h.outcome, h.error]), [['retrying', 'ECONNRESET'], ['delivered', null]]);
});

test('a permanent failure (a bad number, an unregistered template) fails at once', async () => {
  sms.answer = () => ({ status: 'failed', permanent: true, error: '号码不存在' });
  const who = await citizen(p, { email: null });
  const id = (await sent(await tell({ accountId: who.id }), 'sms')).id;
  await p.kernel.jobs.drain();
  const r = await row(id);
  assert.deepEqual([r.status, r.attempts, r.error], ['failed', 1, '号码不存在']);
  assert.equal(sms.to(who.phone!).length, 1);
});

test('a delivery receipt moves sent → delivered; a repeated receipt changes nothing; a failed one records why', async () => {
  const who = await citizen(p, { email: null });
  const id = (await sent(await tell({ accountId: who.id }), 'sms')).id;
  await p.kernel.jobs.drain();
  const r = await row(id);
  assert.equal(r.status, 'sent');
  const at = new Date(Date.now() - 1000);
  assert.deepEqual(await p.kernel.notify.recordReceipt({ gateway: 'fake-sms', providerId: r.provider_id, status: 'delivered', at }), { matched: true, duplicate: false });
  assert.deepEqual(await p.kernel.notify.recordReceipt({ gateway: 'fake-sms', providerId: r.provider_id, status: 'delivered', at }), { matched: true, duplicate: true });
  const done = await row(id);
  assert.equal(done.status, 'delivered');
  assert.equal(done.delivered_at.toISOString(), at.toISOString());
  const detail = await p.kernel.notify.outbox.detail(id, 'zh-CN');
  assert.deepEqual(detail.history.map((h) => h.outcome), ['sent', 'receipt:delivered']);
  assert.equal(detail.receipt?.status, 'delivered');

  const other = await citizen(p, { email: null });
  const id2 = (await sent(await tell({ accountId: other.id }), 'sms')).id;
  await p.kernel.jobs.drain();
  await p.kernel.notify.recordReceipt({ gateway: 'fake-sms', providerId: (await row(id2)).provider_id, status: 'failed', error: 'UNDELIV 空号', at: new Date() });
  assert.deepEqual([(await row(id2)).status, (await row(id2)).error], ['failed', 'UNDELIV 空号']);
  assert.deepEqual(await p.kernel.notify.recordReceipt({ gateway: 'fake-sms', providerId: 'nobody-knows', status: 'delivered', at: new Date() }), { matched: false, duplicate: false });
});

test('a receipt that arrives before the send result is recorded is kept and applied when the result comes', async () => {
  const who = await citizen(p, { email: null });
  const id = (await sent(await tell({ accountId: who.id }), 'sms')).id;
  // The provider pushes its receipt while the gateway call has not returned yet.
  sms.answer = async () => {
    const early = await p.kernel.notify.recordReceipt({ gateway: 'fake-sms', providerId: 'BIZ-EARLY-1', status: 'delivered', at: new Date() });
    assert.deepEqual(early, { matched: false, duplicate: false });
    return { status: 'sent', providerId: 'BIZ-EARLY-1' };
  };
  await p.kernel.jobs.drain();
  const r = await row(id);
  assert.deepEqual([r.status, r.provider_id], ['delivered', 'BIZ-EARLY-1']);
  assert.deepEqual((await p.kernel.notify.outbox.detail(id, 'zh-CN')).history.map((h) => h.outcome), ['sent', 'receipt:delivered']);
});

test('after a crash (lease expired, another process) a message whose send was recorded is not sent again', async () => {
  const who = await citizen(p, { email: null });
  const id = (await sent(await tell({ accountId: who.id }), 'sms')).id;
  await p.kernel.jobs.drain();
  assert.equal(sms.to(who.phone!).length, 1);
  // The process died after the gateway accepted the message and the outbox recorded it, before the job was marked done.
  await p.kernel.db.query(
    `UPDATE jobs SET state = 'running', locked_by = 'host:1:dead', lease_until = now() - interval '1 second' WHERE dedupe_key = $1`, [`notify.deliver:${id}`]);
  const second = new JobService(p.kernel.db, { log: () => {} });
  workers.push(second);
  p.kernel.notify.defineJobs(second);
  await second.drain();
  assert.equal(sms.to(who.phone!).length, 1, 'the second process found the message already sent');
  const job = await p.kernel.db.one('SELECT state, attempts FROM jobs WHERE dedupe_key = $1 ORDER BY created_at DESC LIMIT 1', [`notify.deliver:${id}`]);
  assert.deepEqual([job.state, job.attempts], ['succeeded', 2]);
});

test('a worker that loses its lease while the gateway call is in flight: the second worker waits and never sends twice', async () => {
  const who = await citizen(p, { email: null });
  const id = (await sent(await tell({ accountId: who.id }), 'sms')).id;
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  sms.answer = async () => { await gate; return { status: 'sent', providerId: 'BIZ-SLOW' }; };
  const a = new JobService(p.kernel.db, { log: () => {}, pollMs: 60_000 });
  const b = new JobService(p.kernel.db, { log: () => {}, pollMs: 60_000 });
  workers.push(a, b);
  for (const w of [a, b]) p.kernel.notify.defineJobs(w);
  const first = a.drain();
  const deadline = Date.now() + 5000;
  while (sms.sent.length === 0 && Date.now() < deadline) await sleep(10);
  // Worker a froze: its lease runs out and worker b takes the job.
  await p.kernel.db.tx(async (tx) => {
    await tx.query("UPDATE jobs SET lease_until = now() - interval '1 second' WHERE dedupe_key = $1", [`notify.deliver:${id}`]);
    await jobsRepository.reapExpired(tx);
  });
  await b.drain();
  assert.equal(sms.sent.length, 1, 'b saw the message claimed by a and did not send it');
  const waiting = await p.kernel.db.one('SELECT state, run_at > now() AS later FROM jobs WHERE dedupe_key = $1', [`notify.deliver:${id}`]);
  assert.deepEqual([waiting.state, waiting.later], ['queued', true], 'b put the job back until a\'s claim ends, without counting an attempt');
  release();
  await first;
  assert.equal((await row(id)).status, 'sent');
  // When the job comes due again it finds the message sent.
  await p.kernel.db.query('UPDATE jobs SET run_at = now() WHERE dedupe_key = $1', [`notify.deliver:${id}`]);
  await b.drain();
  assert.equal(sms.sent.length, 1);
});

test('the channel rate limit spreads deliveries over windows without failing or losing any', async () => {
  const windowMs = 1500;
  Object.assign(p.kernel.notify.settings, { windowMs, perWindow: { sms: 2, email: 0 } });
  const people = await Promise.all(Array.from({ length: 6 }, () => citizen(p, { email: null })));
  // Start just after a window opens, so that the first pass certainly happens inside one window.
  await sleep(windowMs - (Date.now() % windowMs) + 50);
  const requestId = await tell({ accountIds: people.map((x) => x.id) });
  await p.kernel.jobs.drain();
  const first = (await outboxRows(p, requestId)).filter((r) => r.channel === 'sms');
  assert.equal(first.filter((r) => r.status === 'sent').length, 2, 'two in the first window');
  const waiting = first.filter((r) => r.status === 'queued').map((r) => r.deferred_until.getTime()).sort();
  assert.equal(waiting.length, 4);
  assert.equal(waiting[0], waiting[1]);
  assert.equal(waiting[2], waiting[3]);
  assert.equal(waiting[2] - waiting[0], windowMs, 'the backlog is spread over the next windows, two in each');
  await drainUntil(p, async () => (await outboxRows(p, requestId)).filter((r) => r.channel === 'sms' && r.status === 'sent').length === 6);
  const rows = (await outboxRows(p, requestId)).filter((r) => r.channel === 'sms');
  assert.deepEqual(rows.map((r) => [r.status, r.attempts, r.error]), rows.map(() => ['sent', 1, null]), 'no attempt was spent waiting');
  assert.equal(sms.sent.length, 6);
  // Never ahead of the budget: the 3rd and 4th sends not before the second window opened, the 5th and 6th not before the third.
  const times = sms.sent.map((m) => m.at).sort((a, b) => a - b);
  const opened = Math.floor(times[0] / windowMs) * windowMs;
  times.forEach((at, i) => assert.ok(at >= opened + Math.floor(i / 2) * windowMs - 20, `send ${i + 1} came ${opened + Math.floor(i / 2) * windowMs - at} ms early`));
});

test('quiet hours defer non-urgent SMS only: urgent SMS and email go at once', async () => {
  // A quiet period around the present moment, in China time.
  const now = new Date(Date.now() + 8 * 3600_000);
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  const start = hhmm(new Date(now.getTime() - 3600_000));
  const end = hhmm(new Date(now.getTime() + 3600_000));
  p.kernel.notify.settings.quietHours = `${start}-${end}`;
  const who = await citizen(p);
  const normal = await tell({ accountId: who.id });
  const urgent = await tell({ accountId: who.id }, { urgent: true, params: { no: 'SQ-URGENT' } });
  await p.kernel.jobs.drain();
  const waiting = await sent(normal, 'sms');
  assert.equal(waiting.status, 'queued');
  const expectedEnd = Date.now() + 3600_000;
  assert.ok(Math.abs(waiting.deferred_until.getTime() - expectedEnd) < 120_000, 'deferred to the end of the quiet period');
  const view = (await p.kernel.notify.outbox.search({ requestId: normal, channel: 'sms', page: 1, pageSize: 10 }, 'zh-CN')).items[0];
  assert.equal(view.deferredUntil, waiting.deferred_until.toISOString(), 'the office page shows until when it waits');
  assert.equal((await sent(normal, 'email')).status, 'sent', 'email is not held back');
  assert.equal((await sent(urgent, 'sms')).status, 'sent', 'an urgent SMS is not held back');
  assert.deepEqual(sms.sent.map((m) => m.body), ['【示例市】申请 SQ-URGENT 已受理。']);
  // Morning comes.
  p.kernel.notify.settings.quietHours = '';
  await p.kernel.db.query('UPDATE jobs SET run_at = now() WHERE dedupe_key = $1', [`notify.deliver:${waiting.id}`]);
  await p.kernel.jobs.drain();
  assert.equal((await row(waiting.id)).status, 'sent');
  assert.equal((await row(waiting.id)).deferred_until, null);
});

test('no SMS bombing: non-urgent texts to one number stop at the hourly limit; urgent ones still go', async () => {
  p.kernel.notify.settings.smsPerPhoneHour = 2;
  const number = phone();
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await sent(await tell({ phone: number }), 'sms')).id);
  const urgent = (await sent(await tell({ phone: number }, { urgent: true }), 'sms')).id;
  await p.kernel.jobs.drain();
  const states = await Promise.all(ids.map(async (id) => (await row(id)).status));
  assert.deepEqual(states.sort(), ['failed', 'sent', 'sent']);
  const refused = (await Promise.all(ids.map(row))).find((r) => r.status === 'failed')!;
  assert.match(refused.error, /一小时内.*2 条/);
  assert.equal((await row(urgent)).status, 'sent');
  assert.equal(sms.to(number).length, 3);
});

test('one message per person and channel however the audiences of a request overlap', async () => {
  const who = await citizen(p);
  const requestId = await tell([{ accountId: who.id }, { accountIds: [who.id] }, { phone: who.phone }, { email: who.email }]);
  const rows = await outboxRows(p, requestId);
  assert.deepEqual(rows.map((r) => r.channel).sort(), ['email', 'inapp', 'sms']);
});

test('a contact gets the text in the language asked for; an account in the language of its profile', async () => {
  const en = await citizen(p, { locale: 'en', email: null });
  const a = await tell({ accountId: en.id });
  assert.equal((await sent(a, 'inapp')).body, 'Application SQ-1 was accepted.');
  const b = await tell({ phone: phone() }, { locale: 'en' });
  assert.equal((await sent(b, 'sms')).body, '[Shili] Application SQ-1 was accepted.');
  const c = await tell({ phone: phone() });
  assert.equal((await sent(c, 'sms')).body, '【示例市】申请 SQ-1 已受理。');
});
