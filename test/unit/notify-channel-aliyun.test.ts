import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQuery, percentEncode, rpcTimestamp, signRpc, stringToSign } from '../../src/kernel/notify/channels/aliyun-rpc-signature.js';
import { aliyunErrorMeaning } from '../../src/kernel/notify/channels/aliyun-sms.errors.js';
import { templateParams } from '../../src/kernel/notify/channels/aliyun-sms.gateway.js';
import { inboundFromUp, parseChinaTime, receiptsFromReport } from '../../src/kernel/notify/channels/aliyun-sms.callbacks.js';

// The worked example of Alibaba Cloud's published RPC signature documentation (DescribeRegions, key testid/testsecret).
const DOC_PARAMS = {
  Timestamp: '2016-02-23T12:46:24Z', Format: 'XML', AccessKeyId: 'testid', Action: 'DescribeRegions', SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', Version: '2014-05-26', SignatureVersion: '1.0',
};

test('the signature matches the published example, string to sign included', () => {
  assert.equal(stringToSign('GET', DOC_PARAMS),
    'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1'
    + '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0'
    + '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26');
  assert.equal(signRpc('GET', DOC_PARAMS, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  // The method is part of what is signed; SendSms goes by POST.
  assert.notEqual(signRpc('POST', DOC_PARAMS, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  // Signature itself is never signed.
  assert.equal(signRpc('GET', { ...DOC_PARAMS, Signature: 'anything' }, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
});

test('percent-encoding leaves only A-Z a-z 0-9 - _ . ~ and encodes UTF-8 (Chinese sign names, JSON)', () => {
  assert.equal(percentEncode("a b*c~d!'()"), 'a%20b%2Ac~d%21%27%28%29');
  assert.equal(percentEncode('示例'), '%E7%A4%BA%E4%BE%8B');
  assert.equal(percentEncode('{"code":"1"}'), '%7B%22code%22%3A%221%22%7D');
  assert.equal(canonicalQuery({ b: '2', a: '1', Signature: 'x', C: '3' }), 'C=3&a=1&b=2', 'sorted by code unit, upper case first');
});

test('timestamps are UTC ISO 8601 without milliseconds', () => {
  assert.equal(rpcTimestamp(new Date('2026-03-01T08:00:00.123Z')), '2026-03-01T08:00:00Z');
});

test('template variables are sent as strings, empty ones left out', () => {
  assert.deepEqual(templateParams({ code: 123456, minutes: 5, none: undefined, nil: null, name: '张三' }), { code: '123456', minutes: '5', name: '张三' });
});

test('Aliyun error codes: message-level errors are permanent, provider and account states are retried', () => {
  const permanent = (code: string, status = 200) => aliyunErrorMeaning(code, 'x', status).permanent;
  for (const code of ['isv.MOBILE_NUMBER_ILLEGAL', 'isv.SMS_TEMPLATE_ILLEGAL', 'isv.TEMPLATE_MISSING_PARAMETERS', 'isv.SMS_SIGNATURE_ILLEGAL', 'isv.SOMETHING_NEW']) {
    assert.equal(permanent(code), true, code);
  }
  for (const code of ['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'isp.SYSTEM_ERROR', 'SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound']) {
    assert.equal(permanent(code), false, code);
  }
  assert.equal(permanent('Throttling.User', 400), false);
  assert.equal(permanent('InternalError', 500), false);
  assert.equal(aliyunErrorMeaning(undefined, undefined, 503).permanent, false);
  const m = aliyunErrorMeaning('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号', 200);
  assert.match(m.error, /手机号码不正确/);
  assert.match(m.error, /isv\.MOBILE_NUMBER_ILLEGAL：非法手机号/);
});

test('delivery reports become receipts matched by BizId, with the time read as China Standard Time', () => {
  const [ok, bad] = receiptsFromReport([
    { phone_number: '13800138000', send_time: '2026-03-01 10:00:00', report_time: '2026-03-01 10:00:05', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '1', biz_id: '123^0', out_id: 'o1' },
    { phone_number: '13800138001', report_time: '2026-03-01 10:00:06', success: false, err_code: 'MK:0001', err_msg: '空号', biz_id: '124^0' },
  ]);
  assert.deepEqual(ok, { gateway: 'aliyun', providerId: '123^0', status: 'delivered', error: undefined, at: new Date('2026-03-01T02:00:05Z') });
  assert.equal(bad.status, 'failed');
  assert.equal(bad.error, 'MK:0001：空号');
  assert.equal(parseChinaTime('20260301100005').toISOString(), '2026-03-01T02:00:05.000Z');
});

test('inbound messages keep the sender, text, extension and sequence id (for repeated pushes)', () => {
  const [sms] = inboundFromUp([{ phone_number: '+8613800138000', send_time: '2026-03-01 10:00:00', content: '退订', sign_name: '示例市政务服务', dest_code: '1234', sequence_id: 987654321 }]);
  assert.deepEqual(sms, { gateway: 'aliyun', from: '13800138000', text: '退订', to: '1234', providerId: '987654321', receivedAt: new Date('2026-03-01T02:00:00Z') });
});
