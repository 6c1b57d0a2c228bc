import crypto from 'node:crypto';
import type { DeliveryResult, Gateway, OutgoingMessage } from '../gateway.js';
import { rpcTimestamp, signRpc } from './aliyun-rpc-signature.js';
import { aliyunErrorMeaning } from './aliyun-sms.errors.js';

export interface AliyunSmsOptions {
  /** Base URL of the API, e.g. https://dysmsapi.aliyuncs.com */
  endpoint: string;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** The registered sign name (短信签名), e.g. 示例市政务服务. */
  signName: string;
  /** Message template key → the registered TemplateCode (Chinese providers only send pre-registered templates). */
  templates: Record<string, string>;
  timeoutMs: number;
}

interface SendSmsResponse {
  Code?: string;
  Message?: string;
  BizId?: string;
  RequestId?: string;
}

/**
 * Alibaba Cloud SMS (Dysmsapi 2017-05-25, `SendSms`, RPC style, signed with HMAC-SHA1). Sends the
 * template registered for the message's event with its parameters; the provider renders the text.
 * 'sent' means Aliyun accepted it: the delivery report (SmsReport) arrives later on the callback URL and
 * is matched by BizId. The outbox id goes along as OutId.
 */
export class AliyunSmsGateway implements Gateway {
  readonly name = 'aliyun';

  constructor(private readonly opts: AliyunSmsOptions) {}

  async send(msg: OutgoingMessage): Promise<DeliveryResult> {
    const templateCode = this.opts.templates[msg.template];
    if (!templateCode) {
      return { status: 'failed', permanent: true, error: `未给消息模板 ${msg.template} 配置阿里云短信模板（在 ALIYUN_SMS_TEMPLATES 中登记其 TemplateCode）` };
    }
    const params = this.signedParams({
      Action: 'SendSms',
      PhoneNumbers: msg.recipient,
      SignName: this.opts.signName,
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(templateParams(msg.params)),
      OutId: msg.id,
    });

    let res: Response;
    let text: string;
    try {
      res = await fetch(new URL('/', this.opts.endpoint), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      const why = e.name === 'TimeoutError' ? `${this.opts.timeoutMs} ms 内没有应答` : (e.cause?.code ?? e.message);
      return { status: 'failed', permanent: false, error: `无法连接短信平台（${why}）` };
    }

    let body: SendSmsResponse = {};
    try {
      body = JSON.parse(text) as SendSmsResponse;
    } catch {
      // A proxy's HTML error page or a truncated answer: say what came back, and try again later.
      return { status: 'failed', permanent: false, error: `短信平台的应答无法识别（HTTP ${res.status}）` };
    }
    if (res.ok && body.Code === 'OK' && body.BizId) return { status: 'sent', providerId: body.BizId };
    const meaning = aliyunErrorMeaning(body.Code, body.Message, res.status);
    return { status: 'failed', permanent: meaning.permanent, error: meaning.error };
  }

  /** The action's parameters with the common ones and the signature (signature version 1.0). */
  private signedParams(action: Record<string, string>): Record<string, string> {
    const params: Record<string, string> = {
      AccessKeyId: this.opts.accessKeyId,
      Format: 'JSON',
      RegionId: this.opts.region,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: crypto.randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: rpcTimestamp(),
      Version: '2017-05-25',
      ...action,
    };
    params.Signature = signRpc('POST', params, this.opts.accessKeySecret);
    return params;
  }
}

/** Template variables are strings at Aliyun ({"code":"123456","minutes":"5"}). */
export function templateParams(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));
}
