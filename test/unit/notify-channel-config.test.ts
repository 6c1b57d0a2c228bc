import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/kernel/config.js';
import { channelConfigProblems, gatewaysFromConfig } from '../../src/kernel/notify/channels/index.js';
import { AliyunSmsGateway } from '../../src/kernel/notify/channels/aliyun-sms.gateway.js';
import { SmtpGateway } from '../../src/kernel/notify/channels/smtp.gateway.js';

const config = (env: Record<string, string>) => loadConfig({ DATA_DIR: '/tmp/zw-unused', ...env });

test('without channel settings every channel keeps the development gateway', () => {
  assert.deepEqual(gatewaysFromConfig(config({})), {});
  assert.deepEqual(channelConfigProblems(config({ SMS_PROVIDER: 'dev' })), []);
});

test('SMTP_URL selects the SMTP gateway; SMS_PROVIDER=aliyun with its settings selects Aliyun', async () => {
  const gateways = gatewaysFromConfig(config({
    SMTP_URL: 'smtps://user:pass@smtp.shili.gov.cn:465', SMTP_FROM: '示例市政务服务 <noreply@shili.gov.cn>',
    SMS_PROVIDER: 'aliyun', ALIYUN_ACCESS_KEY_ID: 'LTAI5t', ALIYUN_ACCESS_KEY_SECRET: 's', ALIYUN_SMS_SIGN_NAME: '示例市政务服务',
    ALIYUN_SMS_TEMPLATES: '{"identity.smsCode":"SMS_460000001"}',
  }));
  assert.ok(gateways.email instanceof SmtpGateway);
  assert.ok(gateways.sms instanceof AliyunSmsGateway);
  assert.equal(gateways.inapp, undefined);
  await gateways.email!.close!();
});

test('a configuration that cannot work stops the start and names every problem', () => {
  assert.throws(() => gatewaysFromConfig(config({ SMS_PROVIDER: 'aliyun' })), (e: Error) =>
    /ALIYUN_ACCESS_KEY_ID/.test(e.message) && /ALIYUN_ACCESS_KEY_SECRET/.test(e.message) && /ALIYUN_SMS_SIGN_NAME/.test(e.message));
  assert.throws(() => gatewaysFromConfig(config({ SMS_PROVIDER: 'tencent' })), /SMS_PROVIDER must be "aliyun" or "dev"/);
  assert.throws(() => gatewaysFromConfig(config({ SMTP_URL: 'http://mail.example.cn' })), /smtp:\/\/ or smtps:\/\//);
  assert.throws(() => gatewaysFromConfig(config({ SMTP_URL: 'not a url' })), /SMTP_URL is not a URL/);
  assert.throws(() => gatewaysFromConfig(config({ SMTP_URL: 'smtp://mail.example.cn', SMTP_FROM: '没有地址' })), /SMTP_FROM must name a sender address/);
  assert.throws(() => gatewaysFromConfig(config({ SMS_CALLBACK_TOKEN: 'short' })), /SMS_CALLBACK_TOKEN/);
  assert.throws(() => config({ ALIYUN_SMS_TEMPLATES: '{identity.smsCode: SMS_1}' }), /ALIYUN_SMS_TEMPLATES must be a JSON object/);
  assert.throws(() => config({ ALIYUN_SMS_TEMPLATES: '{"identity.smsCode": 1}' }), /non-empty strings/);
});
