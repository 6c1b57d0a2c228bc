// The SMTP gateway against a real SMTP server on a local port: what a recipient sees (From, To, UTF-8 subject
// and text, Message-ID), and what each way a mail server fails means for the message (retry or give up).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SmtpGateway } from '../../src/kernel/notify/channels/smtp.gateway.js';
import type { OutgoingMessage } from '../../src/kernel/notify/gateway.js';
import { TestSmtpServer } from '../support/smtp-server.js';
import { testPlatform } from '../support/harness.js';
import { addMessages } from '../../src/kernel/i18n/i18n.js';

const FROM = '示例市政务服务 <noreply@shili.gov.cn>';
let server: TestSmtpServer;
let gateway: SmtpGateway;
let n = 0;

const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, channel: 'email', recipient: 'zhang.san@example.cn',
  subject: '【示例市】您的申请已受理', body: '张三您好：\n您提交的《个体工商户设立登记》申请已受理，受理编号 SL-2026-0001。\n\n示例市政务服务',
  template: 'services.application.accepted', params: {}, locale: 'zh-CN', ...over,
});

before(async () => {
  server = await TestSmtpServer.start();
  gateway = new SmtpGateway({ url: server.url, from: FROM, poolSize: 2, timeoutMs: 5000 });
});
after(async () => {
  await gateway.close();
  await server.close();
});

test('a message arrives with the sender, recipient, UTF-8 subject and text, and Message-ID <outbox id@sender domain>', async () => {
  const msg = message();
  const result = await gateway.send(msg);
  assert.equal(result.status, 'sent');
  const stored = server.messages.at(-1)!;
  assert.equal(result.providerId, stored.queueId, 'the server\'s queue id is the provider id');
  assert.equal(stored.from, 'noreply@shili.gov.cn');
  assert.deepEqual(stored.to, ['zhang.san@example.cn']);
  const mail = await server.parse();
  assert.equal(mail.subject, '【示例市】您的申请已受理');
  assert.equal(mail.from?.value[0].name, '示例市政务服务');
  assert.equal(mail.from?.value[0].address, 'noreply@shili.gov.cn');
  assert.equal(mail.text?.trim(), msg.body);
  assert.ok((mail.html || '').includes('《个体工商户设立登记》'), 'an HTML alternative with the same text');
  assert.equal(mail.messageId, `<${msg.id}@shili.gov.cn>`);
});

test('a server that refuses connections (down) is a transient failure; the same gateway delivers once it is back', async () => {
  await server.stop();
  const down = await gateway.send(message());
  assert.equal(down.status, 'failed');
  assert.equal(down.permanent, false);
  assert.match(down.error!, /无法连接邮件服务器/);
  await server.restart();
  // A pooled connection cut by the crash may fail one more attempt: the job queue retries it.
  const msg = message();
  let result = await gateway.send(msg);
  if (result.status === 'failed') result = await gateway.send(msg);
  assert.equal(result.status, 'sent');
  assert.equal(server.countsByMessageId().get(`<${msg.id}@shili.gov.cn>`), 1);
});

test('a gateway that never reached the server reports the refused connection', async () => {
  const port = server.port;
  await server.stop();
  const fresh = new SmtpGateway({ url: `smtp://127.0.0.1:${port}`, from: FROM, poolSize: 1, timeoutMs: 5000 });
  try {
    const result = await fresh.send(message());
    assert.deepEqual([result.status, result.permanent], ['failed', false]);
    assert.match(result.error!, /ECONNREFUSED/);
  } finally {
    await fresh.close();
    await server.restart();
  }
});

test('421 is transient, 550 for the recipient is permanent (with the address masked in the reason)', async () => {
  server.next('tempfail');
  const busy = await gateway.send(message());
  assert.deepEqual([busy.status, busy.permanent], ['failed', false]);

  server.unknownRecipients.add('nobody@example.cn');
  const before = server.messages.length;
  const unknown = await gateway.send(message({ recipient: 'nobody@example.cn' }));
  assert.deepEqual([unknown.status, unknown.permanent], ['failed', true]);
  assert.match(unknown.error!, /550/);
  assert.ok(unknown.error!.includes('n***@example.cn') && !unknown.error!.includes('nobody@'), unknown.error);
  assert.equal(server.messages.length, before, 'nothing stored');
});

test('a connection dropped in the middle of DATA is transient, and the retry delivers the message once', async () => {
  const msg = message();
  server.next('drop-in-data');
  const first = await gateway.send(msg);
  assert.deepEqual([first.status, first.permanent], ['failed', false]);
  assert.equal(server.countsByMessageId().get(`<${msg.id}@shili.gov.cn>`), undefined, 'nothing arrived');
  const retry = await gateway.send(msg);
  assert.equal(retry.status, 'sent');
  assert.equal(server.countsByMessageId().get(`<${msg.id}@shili.gov.cn>`), 1);
});

test('a connection lost after the server stored the message: the retry is a second copy, recognisable by its Message-ID', async () => {
  // SMTP cannot tell "stored, then the line broke" from "lost": the client must retry, and the stable
  // Message-ID is what lets the receiving server or mailbox see the two copies are one message.
  const msg = message();
  server.next('drop-after-store');
  const first = await gateway.send(msg);
  assert.deepEqual([first.status, first.permanent], ['failed', false]);
  const retry = await gateway.send(msg);
  assert.equal(retry.status, 'sent');
  const copies = server.messages.filter((m) => m.messageId === `<${msg.id}@shili.gov.cn>`);
  assert.equal(copies.length, 2);
  const [a, b] = await Promise.all(copies.map((c) => server.parse(server.messages.indexOf(c))));
  assert.deepEqual([a.subject, a.text], [b.subject, b.text], 'the same message');
});

test('wrong SMTP credentials fail the attempt without giving the message up, and say what to fix', async () => {
  const wrong = new SmtpGateway({ url: `smtp://zhengwu:wrong@127.0.0.1:${server.port}`, from: FROM, poolSize: 1, timeoutMs: 5000 });
  try {
    const result = await wrong.send(message());
    assert.deepEqual([result.status, result.permanent], ['failed', false]);
    assert.match(result.error!, /SMTP_URL/);
  } finally {
    await wrong.close();
  }
});

// Through the whole platform: notify.tell → the notify.deliver job → SMTP_URL's gateway.
test('through the notification service: a dropped connection is retried by the job queue and the message arrives once; a 550 fails at once', async () => {
  const p = await testPlatform({ smtpUrl: server.url, smtpFrom: FROM, notifyRetryBaseMs: 1 });
  try {
    await p.kernel.jobs.stop();
    addMessages({ 'zh-CN': { 'test.smtp.accepted.title': '受理通知', 'test.smtp.accepted.body': '{name}您好：您的申请已受理。' }, en: {} });
    p.kernel.notify.defineEvent('test.smtp.accepted', { category: 'service', channels: ['email'] });
    const tell = async (email: string) => {
      await p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event: 'test.smtp.accepted', to: { email }, params: { name: '张三' } }));
      return (await p.kernel.db.one<{ id: string }>("SELECT id FROM notify_outbox WHERE channel = 'email' ORDER BY created_at DESC LIMIT 1")).id;
    };
    const row = (id: string) => p.kernel.db.one<{ status: string; gateway: string; provider_id: string | null; error: string | null }>('SELECT status, gateway, provider_id, error FROM notify_outbox WHERE id = $1', [id]);
    const attempts = async (id: string) => (await p.kernel.db.query<{ outcome: string }>('SELECT outcome FROM notify_attempts WHERE outbox_id = $1 ORDER BY at, id', [id])).map((a) => a.outcome);

    server.next('drop-in-data');
    const id = await tell('li.si@example.cn');
    for (let i = 0; i < 5 && (await row(id)).status === 'queued'; i++) {
      await p.kernel.jobs.drain();
      await new Promise((r) => setTimeout(r, 20));
    }
    const sent = await row(id);
    assert.equal(sent.status, 'sent', sent.error ?? '');
    assert.equal(sent.gateway, 'smtp');
    assert.deepEqual(await attempts(id), ['retrying', 'sent']);
    assert.equal(server.countsByMessageId().get(`<${id}@shili.gov.cn>`), 1, 'one copy, with the outbox id as Message-ID');
    assert.equal((await server.parse()).subject, '受理通知');

    server.unknownRecipients.add('wang.wu@example.cn');
    const refused = await tell('wang.wu@example.cn');
    await p.kernel.jobs.drain();
    const failed = await row(refused);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /550/);
    assert.deepEqual(await attempts(refused), ['failed'], 'a permanent refusal is not retried');
  } finally {
    await p.close();
  }
});
