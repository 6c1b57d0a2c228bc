import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smtpFailure } from '../../src/kernel/notify/channels/smtp.failure.js';
import { queueIdOf } from '../../src/kernel/notify/channels/smtp.gateway.js';
import { htmlAlternative, messageIdFor, senderDomain, subjectOf } from '../../src/kernel/notify/channels/smtp.message.js';

const err = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'x')), fields);

test('SMTP failures: a 5xx to RCPT TO or DATA is permanent; 4xx, 503, timeouts, refused and dropped connections are retried', () => {
  const rcpt550 = smtpFailure(err({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 5.1.1 <zhang.san@example.cn>: Recipient address rejected' }));
  assert.equal(rcpt550.permanent, true);
  assert.match(rcpt550.error!, /拒收/);
  assert.ok(!rcpt550.error!.includes('zhang.san@'), 'the address in the reply is masked');
  assert.ok(rcpt550.error!.includes('z***@example.cn'));
  // nodemailer puts the reply of a refused recipient in rejectedErrors.
  assert.equal(smtpFailure(err({ code: 'EENVELOPE', rejectedErrors: [err({ responseCode: 553, command: 'RCPT TO' })] })).permanent, true);
  assert.equal(smtpFailure(err({ code: 'EMESSAGE', command: 'DATA', responseCode: 554, response: '554 5.7.1 spam' })).permanent, true);

  assert.equal(smtpFailure(err({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 450 })).permanent, false);
  assert.equal(smtpFailure(err({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 503 })).permanent, false, '503 is a session-state reply');
  assert.equal(smtpFailure(err({ code: 'ECONNECTION', command: 'CONN', responseCode: 421, response: '421 try later' })).permanent, false);
  assert.equal(smtpFailure(err({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:25' })).permanent, false);
  assert.equal(smtpFailure(err({ code: 'ETIMEDOUT' })).permanent, false);
  assert.equal(smtpFailure(err({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' })).permanent, false);
  // Authentication is the relay account, not this message: an administrator fixes it and the messages go out.
  assert.equal(smtpFailure(err({ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 })).permanent, false);
  assert.match(smtpFailure(err({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })).error!, /ECONNREFUSED/);
});

test('Message-ID: the outbox id at the sender\'s domain, so every retry carries the same one', () => {
  assert.equal(senderDomain('示例市政务服务 <noreply@Shili.gov.cn>'), 'shili.gov.cn');
  assert.equal(senderDomain('noreply@shili.gov.cn'), 'shili.gov.cn');
  assert.throws(() => senderDomain('示例市政务服务'), /SMTP_FROM/);
  assert.equal(messageIdFor('0b8e…-id', 'shili.gov.cn'), '<0b8e…-id@shili.gov.cn>');
});

test('the server\'s queue id becomes the provider id when the reply names one', () => {
  assert.equal(queueIdOf('250 2.0.0 Ok: queued as 4ZkQ3x1b2Cz9'), '4ZkQ3x1b2Cz9');
  assert.equal(queueIdOf('250 OK id=1tXyz-000abc-2B'), '250 OK id=1tXyz-000abc-2B');
  assert.equal(queueIdOf(undefined), undefined);
});

test('subject and HTML alternative', () => {
  const msg = { id: '1', channel: 'email' as const, recipient: 'a@b.cn', body: '您的申请已受理。\n请于 5 个工作日内补正。', template: 't', params: {}, locale: 'zh-CN' };
  assert.equal(subjectOf({ ...msg, subject: ' 受理通知 ' }), '受理通知');
  assert.equal(subjectOf(msg), '您的申请已受理。');
  const html = htmlAlternative('第一行 <b>&</b>\n第二行\n\n第二段', 'zh-CN');
  assert.ok(html.includes('<p>第一行 &lt;b&gt;&amp;&lt;/b&gt;<br>第二行</p>\n<p>第二段</p>'), html);
  assert.ok(html.includes('lang="zh-CN"'));
});
