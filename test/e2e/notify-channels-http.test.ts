// SMS over real HTTP, both ways, with the platform's own job worker running as in production: a citizen asks
// for a registration code, the worker sends it through the Aliyun adapter to the local Aliyun server, the
// code that "reached the phone" registers the citizen; Aliyun then pushes the delivery report and the
// citizen's 退订 reply to the platform's callback URLs, and the platform confirms the opt-out by SMS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { TestAliyunSmsServer, type SentSms } from '../support/aliyun-sms-server.js';

const TOKEN = 'e2e-callback-token-7c1f0a93d2';
const PHONE = '13912345678';
let p: TestPlatform;
let aliyun: TestAliyunSmsServer;
let base: string;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const post = (path: string, body: unknown) =>
  fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

before(async () => {
  aliyun = await TestAliyunSmsServer.start({ templates: { SMS_460000001: ['code', 'minutes'], SMS_460000003: [] } });
  p = await testPlatform({
    smsProvider: 'aliyun', aliyunSmsEndpoint: aliyun.endpoint, aliyunAccessKeyId: 'LTAI5tTestKeyId', aliyunAccessKeySecret: 'testSecretForZhengwu',
    aliyunSmsSignName: '示例市政务服务', smsCallbackToken: TOKEN,
    aliyunSmsTemplates: { 'identity.smsCode': 'SMS_460000001', 'notify.unsubscribed': 'SMS_460000003' },
  });
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
});
after(async () => {
  await p?.close();
  await aliyun?.close();
});

test('a registration code travels through Aliyun, and the report and a 退订 reply come back over HTTP', async () => {
  const asked = await post('/api/identity/sms-codes', { phone: PHONE, purpose: 'register' });
  assert.ok(asked.status < 300, await asked.text());
  const sms = await until<SentSms>('the code at Aliyun', () => aliyun.sent.find((s) => s.phoneNumbers === PHONE));
  assert.equal(sms.templateCode, 'SMS_460000001');
  assert.match(sms.templateParam.code, /^\d{6}$/);

  const registered = await post('/api/identity/register/citizen', { name: '赵六', idNumber: '11010519491231002X', phone: PHONE, smsCode: sms.templateParam.code, password: 'Str0ng-Pass!2026' });
  assert.equal(registered.status, 201, await registered.text());

  const outboxRow = () => p.kernel.db.maybeOne<{ id: string; status: string }>('SELECT id, status FROM notify_outbox WHERE provider_id = $1', [sms.bizId]);
  assert.equal((await until('the outbox row', outboxRow)).status, 'sent');
  const report = await aliyun.push(`${base}/api/notify/callbacks/aliyun/${TOKEN}/report`, [aliyun.reportFor(sms)]);
  assert.deepEqual(report, { status: 200, body: { code: 0, msg: '成功' } });
  assert.equal((await outboxRow())!.status, 'delivered');

  const reply = await aliyun.push(`${base}/api/notify/callbacks/aliyun/${TOKEN}/up`, [aliyun.upFrom(PHONE, 'TD')]);
  assert.deepEqual(reply, { status: 200, body: { code: 0, msg: '成功' } });
  const confirmation = await until('the opt-out confirmation', () => aliyun.sent.find((s) => s.phoneNumbers === PHONE && s.templateCode === 'SMS_460000003'));
  assert.ok(confirmation.bizId);

  const forged = await aliyun.push(`${base}/api/notify/callbacks/aliyun/guessed-token-000000000000/up`, [aliyun.upFrom(PHONE, 'TD')]);
  assert.equal(forged.status, 404);
});
