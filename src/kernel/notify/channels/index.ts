import type { Config } from '../../config.js';
import type { Channel, Gateway } from '../gateway.js';
import { AliyunSmsGateway } from './aliyun-sms.gateway.js';
import { SmtpGateway } from './smtp.gateway.js';
import { senderDomain } from './smtp.message.js';

export { AliyunSmsGateway } from './aliyun-sms.gateway.js';
export { SmtpGateway } from './smtp.gateway.js';

/**
 * The delivery gateways the configuration asks for: email over SMTP when SMTP_URL is set, SMS through
 * Aliyun when SMS_PROVIDER=aliyun; a channel not configured keeps the development gateway (in-app always
 * does: the inbox is the delivery). A configuration that cannot work stops the start with every problem
 * named, instead of failing one message at a time later.
 */
export function gatewaysFromConfig(config: Config): Partial<Record<Channel, Gateway>> {
  const problems = channelConfigProblems(config);
  if (problems.length) throw new Error(`Notification channels are misconfigured:\n  - ${problems.join('\n  - ')}`);
  const gateways: Partial<Record<Channel, Gateway>> = {};
  if (config.smtpUrl) {
    gateways.email = new SmtpGateway({ url: config.smtpUrl, from: config.smtpFrom, poolSize: config.smtpPoolSize, timeoutMs: config.smtpTimeoutMs });
  }
  if (config.smsProvider === 'aliyun') {
    gateways.sms = new AliyunSmsGateway({
      endpoint: config.aliyunSmsEndpoint,
      region: config.aliyunSmsRegion,
      accessKeyId: config.aliyunAccessKeyId!,
      accessKeySecret: config.aliyunAccessKeySecret!,
      signName: config.aliyunSmsSignName!,
      templates: config.aliyunSmsTemplates,
      timeoutMs: config.smsTimeoutMs,
    });
  }
  return gateways;
}

/** Everything wrong with the channel settings, in words an operator can act on (empty when fine). */
export function channelConfigProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.smtpUrl) {
    let url: URL | undefined;
    try {
      url = new URL(config.smtpUrl);
    } catch {
      problems.push('SMTP_URL is not a URL; use smtp://user:password@host:587 or smtps://user:password@host:465');
    }
    if (url && !['smtp:', 'smtps:'].includes(url.protocol)) problems.push(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
    if (url && !url.hostname) problems.push('SMTP_URL names no host');
    try {
      senderDomain(config.smtpFrom);
    } catch (err) {
      problems.push((err as Error).message);
    }
    if (config.smtpPoolSize < 1) problems.push(`SMTP_POOL_SIZE must be at least 1, got ${config.smtpPoolSize}`);
  }
  if (config.smtpTimeoutMs < 1000) problems.push(`SMTP_TIMEOUT_MS must be at least 1000, got ${config.smtpTimeoutMs}`);
  if (!['dev', 'aliyun'].includes(config.smsProvider)) {
    problems.push(`SMS_PROVIDER must be "aliyun" or "dev", got "${config.smsProvider}"`);
  } else if (config.smsProvider === 'aliyun') {
    if (!config.aliyunAccessKeyId) problems.push('SMS_PROVIDER=aliyun needs ALIYUN_ACCESS_KEY_ID (the AccessKey ID of a RAM user allowed to send SMS)');
    if (!config.aliyunAccessKeySecret) problems.push('SMS_PROVIDER=aliyun needs ALIYUN_ACCESS_KEY_SECRET');
    if (!config.aliyunSmsSignName) problems.push('SMS_PROVIDER=aliyun needs ALIYUN_SMS_SIGN_NAME (the approved 短信签名, e.g. 示例市政务服务)');
    try {
      const u = new URL(config.aliyunSmsEndpoint);
      if (!['http:', 'https:'].includes(u.protocol)) throw new Error();
    } catch {
      problems.push(`ALIYUN_SMS_ENDPOINT must be an http(s) URL, got "${config.aliyunSmsEndpoint}"`);
    }
    if (config.smsTimeoutMs < 1000) problems.push(`SMS_TIMEOUT_MS must be at least 1000, got ${config.smsTimeoutMs}`);
  }
  if (config.smsCallbackToken !== undefined && !/^[A-Za-z0-9_-]{16,128}$/.test(config.smsCallbackToken)) {
    problems.push('SMS_CALLBACK_TOKEN must be 16 to 128 letters, digits, "-" or "_" (e.g. `openssl rand -hex 24`)');
  }
  return problems;
}
