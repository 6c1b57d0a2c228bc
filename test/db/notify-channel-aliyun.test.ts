// The Aliyun SMS adapter against a local server that speaks Dysmsapi SendSms: the request is signed as
// Aliyun checks it (a wrong secret is refused with SignatureDoesNotMatch), carries the documented
// parameters, and every kind of refusal means what it should for the message (retry or give up).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AliyunSmsGateway, type AliyunSmsOptions } from '../../src/kernel/notify/channels/aliyun-sms.gateway.js';
import type { OutgoingMessage } from '../../src/kernel/notify/gateway.js';
import { TestAliyunSmsServer } from '../support/aliyun-sms-server.js';

let aliyun: TestAliyunSmsServer;
let options: AliyunSmsOptions;
let n = 0;

const sms = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`, channel: 'sms', recipient: '13800138000',
  body: '【示例市政务服务】您的验证码为 246810，5 分钟内有效。', template: 'identity.smsCode', params: { code: '246810', minutes: 5 }, locale: 'zh-CN', ...over,
});
const gateway = (over: Partial<AliyunSmsOptions> = {}) => new AliyunSmsGateway({ ...options, ...over });

before(async () => {
  aliyun = await TestAliyunSmsServer.start({ templates: { SMS_460000001: ['code', 'minutes'], SMS_460000002: ['name', 'caseNo'] } });
  options = {
    endpoint: aliyun.endpoint, region: 'cn-hangzhou', accessKeyId: 'LTAI5tTestKeyId', accessKeySecret: 'testSecretForZhengwu',
    signName: '示例市政务服务', templates: { 'identity.smsCode': 'SMS_460000001', 'services.accepted': 'SMS_460000002', 'test.unregistered': 'SMS_999' },
    timeoutMs: 2000,
  };
});
after(() => aliyun.close());

test('SendSms: signed as Aliyun verifies it, with the documented parameters; accepted means "sent" with the BizId', async () => {
  const msg = sms();
  const result = await gateway().send(msg);
  assert.equal(result.status, 'sent', result.error);
  const accepted = aliyun.sent.at(-1)!;
  assert.equal(result.providerId, accepted.bizId);
  const p = aliyun.requests.at(-1)!;
  assert.equal(p.Action, 'SendSms');
  assert.equal(p.Version, '2017-05-25');
  assert.equal(p.Format, 'JSON');
  assert.equal(p.RegionId, 'cn-hangzhou');
  assert.equal(p.SignatureMethod, 'HMAC-SHA1');
  assert.equal(p.SignatureVersion, '1.0');
  assert.match(p.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(p.SignatureNonce, /^[0-9a-f-]{36}$/);
  assert.equal(p.PhoneNumbers, '13800138000');
  assert.equal(p.SignName, '示例市政务服务');
  assert.equal(p.TemplateCode, 'SMS_460000001', 'the event key maps to the registered template');
  assert.deepEqual(JSON.parse(p.TemplateParam), { code: '246810', minutes: '5' }, 'variables as strings');
  assert.equal(p.OutId, msg.id, 'the outbox id travels as OutId');
  // A second message gets a fresh nonce (Aliyun refuses a nonce it has seen).
  assert.equal((await gateway().send(sms())).status, 'sent');
});

test('a wrong secret is refused by the server with SignatureDoesNotMatch; an unknown key with InvalidAccessKeyId', async () => {
  const before = aliyun.sent.length;
  const wrong = await gateway({ accessKeySecret: 'not-the-secret' }).send(sms());
  assert.equal(wrong.status, 'failed');
  assert.match(wrong.error!, /SignatureDoesNotMatch/);
  assert.match(wrong.error!, /ALIYUN_ACCESS_KEY_SECRET/);
  assert.equal(wrong.permanent, false, 'credentials are fixed by an administrator; the message waits');
  const unknown = await gateway({ accessKeyId: 'LTAInobody' }).send(sms());
  assert.match(unknown.error!, /InvalidAccessKeyId\.NotFound/);
  assert.equal(aliyun.sent.length, before, 'nothing was sent');
});

test('message-level refusals are permanent: an unmapped event, an unregistered template, missing variables, a bad number', async () => {
  const requests = aliyun.requests.length;
  const unmapped = await gateway().send(sms({ template: 'mailbox.letter.replied' }));
  assert.deepEqual([unmapped.status, unmapped.permanent], ['failed', true]);
  assert.match(unmapped.error!, /mailbox\.letter\.replied/);
  assert.match(unmapped.error!, /ALIYUN_SMS_TEMPLATES/);
  assert.equal(aliyun.requests.length, requests, 'an unmapped event is not even sent to the provider');

  const unregistered = await gateway().send(sms({ template: 'test.unregistered' }));
  assert.deepEqual([unregistered.permanent, /isv\.SMS_TEMPLATE_ILLEGAL/.test(unregistered.error!)], [true, true]);
  const missing = await gateway().send(sms({ template: 'services.accepted', params: { name: '张三' } }));
  assert.deepEqual([missing.permanent, /isv\.TEMPLATE_MISSING_PARAMETERS/.test(missing.error!)], [true, true]);
  const badNumber = await gateway().send(sms({ recipient: '1380013800' }));
  assert.deepEqual([badNumber.permanent, /isv\.MOBILE_NUMBER_ILLEGAL/.test(badNumber.error!)], [true, true]);
  const badSign = await gateway({ signName: '未报备签名' }).send(sms());
  assert.deepEqual([badSign.permanent, /isv\.SMS_SIGNATURE_ILLEGAL/.test(badSign.error!)], [true, true]);
});

test('provider states pass and are retried: number-level flow control, API throttling, server errors, a proxy page, no answer', async () => {
  aliyun.next('business-limit', 'throttling', 'server-error', 'html-502', 'hang');
  const results = [];
  for (let i = 0; i < 5; i++) results.push(await gateway({ timeoutMs: 300 }).send(sms()));
  assert.deepEqual(results.map((r) => [r.status, r.permanent]), Array(5).fill(['failed', false]));
  assert.match(results[0].error!, /isv\.BUSINESS_LIMIT_CONTROL/);
  assert.match(results[1].error!, /Throttling\.User/);
  assert.match(results[2].error!, /InternalError/);
  assert.match(results[3].error!, /HTTP 502/);
  assert.match(results[4].error!, /300 ms/);
  // And the next one goes through again.
  assert.equal((await gateway().send(sms())).status, 'sent');
});

test('an endpoint nobody answers on is a transient failure', async () => {
  const result = await gateway({ endpoint: 'http://127.0.0.1:9' }).send(sms());
  assert.deepEqual([result.status, result.permanent], ['failed', false]);
  assert.match(result.error!, /无法连接短信平台/);
});
