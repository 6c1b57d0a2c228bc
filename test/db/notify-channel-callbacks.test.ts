// Aliyun's callbacks end to end: the platform sends an SMS through the Aliyun adapter to the local Aliyun
// server, which then pushes the delivery report (SmsReport) and a reply (SmsUp) to the platform's callback
// routes exactly as Aliyun would; the outbox row becomes delivered (or failed) and the reply reaches the
// module handler. The secret path token keeps anyone else out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { TestAliyunSmsServer } from '../support/aliyun-sms-server.js';
import { addMessages } from '../../src/kernel/i18n/i18n.js';
import type { InboundMessage } from '../../src/kernel/notify/inbound.js';

const TOKEN = 'cb-4f1d8a0e9b7c6d5e4f3a2b1c';
let p: TestPlatform;
let aliyun: TestAliyunSmsServer;
const handled: InboundMessage[] = [];
const reportUrl = (token = TOKEN) => `/api/notify/callbacks/aliyun/${token}/report`;
const upUrl = (token = TOKEN) => `/api/notify/callbacks/aliyun/${token}/up`;

/** Sends the push the local Aliyun server built to the platform (inject instead of a port: same route, same checks). */
async function push(url: string, items: unknown) {
  return p.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(items) });
}

async function sendSms(phone: string) {
  await p.kernel.db.tx((tx) => p.kernel.notify.tell(tx, { event: 'test.callbacks.code', to: { phone }, params: { code: '135790', minutes: 5 } }));
  await p.kernel.jobs.drain();
  return p.kernel.db.one<{ id: string; status: string; provider_id: string | null; gateway: string | null; error: string | null }>(
    'SELECT id, status, provider_id, gateway, error FROM notify_outbox WHERE channel = $1 ORDER BY created_at DESC LIMIT 1', ['sms']);
}

const outbox = (id: string) => p.kernel.db.one<{ status: string; error: string | null }>('SELECT status, error FROM notify_outbox WHERE id = $1', [id]);

before(async () => {
  aliyun = await TestAliyunSmsServer.start();
  p = await testPlatform({
    smsProvider: 'aliyun', aliyunSmsEndpoint: aliyun.endpoint, aliyunAccessKeyId: 'LTAI5tTestKeyId', aliyunAccessKeySecret: 'testSecretForZhengwu',
    aliyunSmsSignName: '示例市政务服务', aliyunSmsTemplates: { 'test.callbacks.code': 'SMS_460000001' }, smsCallbackToken: TOKEN,
  });
  // The queue is run by hand (drain), so that a message's fate is settled when the test looks.
  await p.kernel.jobs.stop();
  addMessages({ 'zh-CN': { 'test.callbacks.code.sms': '【示例市政务服务】验证码 {code}，{minutes} 分钟内有效。' }, en: {} });
  // Urgent, as verification codes are: no quiet hours, whatever time the test runs.
  p.kernel.notify.defineEvent('test.callbacks.code', { category: 'security', channels: ['sms'], urgent: true });
  p.kernel.notify.onInbound({ keywords: ['查询'] }, async (sms) => { handled.push(sms); });
});
after(async () => {
  await p.close();
  await aliyun.close();
});

test('an SMS goes out through Aliyun, and Aliyun\'s delivery report turns the outbox row from sent to delivered', async () => {
  const row = await sendSms('13800138000');
  assert.equal(row.status, 'sent', row.error ?? '');
  assert.equal(row.gateway, 'aliyun');
  const accepted = aliyun.sent.at(-1)!;
  assert.equal(row.provider_id, accepted.bizId);
  assert.equal(accepted.outId, row.id);
  assert.deepEqual(accepted.templateParam, { code: '135790', minutes: '5' });

  const res = await push(reportUrl(), [aliyun.reportFor(accepted)]);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(json(res), { code: 0, msg: '成功' }, 'the answer Aliyun expects');
  assert.equal((await outbox(row.id)).status, 'delivered');
  // Aliyun pushes again when it missed our answer: the same report changes nothing.
  assert.equal((await push(reportUrl(), [aliyun.reportFor(accepted)])).statusCode, 200);
  assert.equal((await outbox(row.id)).status, 'delivered');
});

test('a report of failure marks the message failed with the carrier\'s reason', async () => {
  const row = await sendSms('13800138001');
  const res = await push(reportUrl(), [aliyun.reportFor(aliyun.sent.at(-1)!, { success: false, errCode: 'MK:0001', errMsg: '空号' })]);
  assert.equal(res.statusCode, 200, res.body);
  const after = await outbox(row.id);
  assert.equal(after.status, 'failed');
  assert.match(after.error ?? '', /MK:0001/);
});

test('a reply pushed by SmsUp reaches the module handler once, even when Aliyun pushes it twice', async () => {
  const up = aliyun.upFrom('13800138000', '查询 SL-2026-0001', 4242001);
  for (let i = 0; i < 2; i++) {
    const res = await push(upUrl(), [up]);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(json(res), { code: 0, msg: '成功' });
  }
  await p.kernel.jobs.drain();
  const mine = handled.filter((m) => m.text === '查询 SL-2026-0001');
  assert.equal(mine.length, 1);
  assert.equal(mine[0].from, '13800138000');
  assert.equal(mine[0].keyword, '查询');
});

test('a wrong token, or none configured, answers 404 before the body is read; nothing is recorded', async () => {
  const row = await sendSms('13800138002');
  const report = aliyun.reportFor(aliyun.sent.at(-1)!);
  for (const token of ['cb-0000000000000000000000000', TOKEN.slice(0, -1), `${TOKEN}x`]) {
    const res = await push(reportUrl(token), [report]);
    assert.equal(res.statusCode, 404);
    assert.equal(json(res).error.code, 'NOT_FOUND');
    assert.equal((await push(upUrl(token), 'not even json')).statusCode, 404);
  }
  assert.equal((await outbox(row.id)).status, 'sent');

  const configured = p.kernel.config.smsCallbackToken;
  p.kernel.config.smsCallbackToken = undefined;
  try {
    assert.equal((await push(reportUrl(), [report])).statusCode, 404, 'without SMS_CALLBACK_TOKEN the callbacks are off');
  } finally {
    p.kernel.config.smsCallbackToken = configured;
  }
  assert.equal((await outbox(row.id)).status, 'sent');
});

test('a malformed push is refused with 400 and says which field is wrong', async () => {
  const bad = await push(reportUrl(), [{ phone_number: '138-0013-8000', report_time: '2026-03-01 10:00:05', success: true, biz_id: '1^0' }]);
  assert.equal(bad.statusCode, 400);
  const body = json(bad);
  assert.equal(body.error.code, 'VALIDATION');
  assert.deepEqual(body.error.fields.map((f: { field: string }) => f.field), ['0.phone_number']);
  assert.equal(body.error.fields[0].message, '手机号码格式不正确。');
  assert.equal((await push(reportUrl(), [])).statusCode, 400, 'an empty push');
  assert.equal((await push(reportUrl(), { biz_id: '1' })).statusCode, 400, 'not an array');
  assert.equal((await push(upUrl(), [{ phone_number: '13800138000', content: '查询' }])).statusCode, 400, 'no sequence id, no time');
});

test('a report for a message the platform does not know (yet) is taken and kept, not refused', async () => {
  const res = await push(reportUrl(), [{ phone_number: '13800138009', report_time: '2026-03-01 10:00:05', success: true, err_code: 'DELIVERED', biz_id: '999999^0' }]);
  assert.equal(res.statusCode, 200, res.body);
});
