// A local HTTP server that speaks Alibaba Cloud's Dysmsapi (2017-05-25) SendSms as the published API does:
// RPC-style parameters in the query or a form body, the common parameters checked (version, timestamp within
// 15 minutes, a nonce used once), the HMAC-SHA1 signature recomputed from the request exactly as Aliyun does
// and refused with SignatureDoesNotMatch when it differs; then the sign name, template, variables and number
// checked with Aliyun's business error codes (HTTP 200, Code ≠ OK). It also plays the provider's side of the
// callbacks: pushing SmsReport (delivery reports) and SmsUp (inbound messages) JSON to a URL.
//
// Its signature check is written here from the published algorithm, independently of the adapter's.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One-off behaviours for the next SendSms requests (after authentication), in order. */
export type AliyunBehaviour = 'ok' | 'business-limit' | 'throttling' | 'server-error' | 'html-502' | 'hang';

export interface SentSms {
  bizId: string;
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string | undefined;
}

export interface SmsReportItem {
  phone_number: string; send_time: string; report_time: string; success: boolean;
  err_code: string; err_msg: string; sms_size: string; biz_id: string; out_id: string;
}
export interface SmsUpItem {
  phone_number: string; send_time: string; content: string; sign_name: string; dest_code: string; sequence_id: number;
}

export interface AliyunServerOptions {
  accessKeys?: Record<string, string>;
  signNames?: string[];
  /** Registered templates: TemplateCode → the variables it needs. */
  templates?: Record<string, string[]>;
}

/** Aliyun's percent-encoding: encode, then '+' → %20, '*' → %2A, %7E → '~' (the documented recipe). */
const popEncode = (s: string) => encodeURIComponent(s).replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~').replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29');

export function aliyunStringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.entries(params).filter(([k]) => k !== 'Signature').sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${popEncode(k)}=${popEncode(v)}`).join('&');
  return `${method}&${popEncode('/')}&${popEncode(canonical)}`;
}

export class TestAliyunSmsServer {
  readonly sent: SentSms[] = [];
  /** Every request's parameters, accepted or not. */
  readonly requests: Record<string, string>[] = [];
  private readonly plan: AliyunBehaviour[] = [];
  private readonly nonces = new Set<string>();
  private readonly hanging = new Set<http.ServerResponse>();
  private server!: http.Server;
  private bizSeq = 0;
  readonly accessKeys: Record<string, string>;
  readonly signNames: string[];
  readonly templates: Record<string, string[]>;

  private constructor(opts: AliyunServerOptions) {
    this.accessKeys = opts.accessKeys ?? { LTAI5tTestKeyId: 'testSecretForZhengwu' };
    this.signNames = opts.signNames ?? ['示例市政务服务'];
    this.templates = opts.templates ?? { SMS_460000001: ['code', 'minutes'] };
  }

  static async start(opts: AliyunServerOptions = {}): Promise<TestAliyunSmsServer> {
    const s = new TestAliyunSmsServer(opts);
    s.server = http.createServer((req, res) => void s.handle(req, res));
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  next(...behaviours: AliyunBehaviour[]): void {
    this.plan.push(...behaviours);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A delivery report for a message this server accepted, as SmsReport pushes it. */
  reportFor(sms: SentSms, outcome: { success?: boolean; errCode?: string; errMsg?: string } = {}): SmsReportItem {
    const success = outcome.success ?? true;
    const now = chinaTime(new Date());
    return {
      phone_number: sms.phoneNumbers, send_time: now, report_time: now, success,
      err_code: outcome.errCode ?? (success ? 'DELIVERED' : 'MK:0000'), err_msg: outcome.errMsg ?? (success ? '用户接收成功' : '用户接收失败'),
      sms_size: '1', biz_id: sms.bizId, out_id: sms.outId ?? '',
    };
  }

  /** An inbound message (上行短信) as SmsUp pushes it. */
  upFrom(phone: string, content: string, sequenceId = Date.now()): SmsUpItem {
    return { phone_number: phone, send_time: chinaTime(new Date()), content, sign_name: this.signNames[0], dest_code: '1234', sequence_id: sequenceId };
  }

  /** POSTs a JSON array to the platform's callback URL, as Aliyun's HTTP batch push does. */
  async push(url: string, items: unknown[]): Promise<{ status: number; body: any }> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(items) });
    const text = await res.text();
    let body: unknown = text;
    try { body = JSON.parse(text); } catch { /* keep the text */ }
    return { status: res.status, body };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      Object.assign(params, Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    }
    this.requests.push(params);
    const requestId = crypto.randomUUID().toUpperCase();
    const reply = (status: number, body: Record<string, unknown>) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify({ RequestId: requestId, ...body }));
    };
    const fail = (status: number, code: string, message: string) =>
      reply(status, { HostId: 'dysmsapi.aliyuncs.com', Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=Dysmsapi` });

    for (const name of ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version', 'Action']) {
      if (!params[name]) return fail(400, `Missing${name}`, `${name} is mandatory for this action.`);
    }
    const secret = this.accessKeys[params.AccessKeyId];
    if (secret === undefined) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') return fail(400, 'InvalidParameter', 'The specified signature method or version is not supported.');
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp)) return fail(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    if (Math.abs(Date.parse(params.Timestamp) - Date.now()) > 15 * 60_000) return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const sts = aliyunStringToSign(req.method ?? 'GET', params);
    const expected = crypto.createHmac('sha1', `${secret}&`).update(sts, 'utf8').digest('base64');
    if (expected !== params.Signature) return fail(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${sts}`);
    if (this.nonces.has(params.SignatureNonce)) return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.add(params.SignatureNonce);
    if (params.Version !== '2017-05-25') return fail(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    if (params.Action !== 'SendSms') return fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');

    const behaviour = this.plan.shift() ?? 'ok';
    if (behaviour === 'hang') return void this.hanging.add(res);
    if (behaviour === 'throttling') return fail(400, 'Throttling.User', 'Request was denied due to user flow control.');
    if (behaviour === 'server-error') return fail(500, 'InternalError', 'The request processing has failed due to some unknown error, exception or failure.');
    if (behaviour === 'html-502') return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    if (behaviour === 'business-limit') return reply(200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控Permits:10' });

    const business = this.checkSendSms(params);
    if (business) return reply(200, business);
    const bizId = `${String(++this.bizSeq + 100000).padStart(6, '0')}${Date.now()}^0`;
    let templateParam: Record<string, string> = {};
    try { templateParam = params.TemplateParam ? JSON.parse(params.TemplateParam) : {}; } catch { /* checked above */ }
    this.sent.push({ bizId, phoneNumbers: params.PhoneNumbers, signName: params.SignName, templateCode: params.TemplateCode, templateParam, outId: params.OutId });
    reply(200, { Code: 'OK', Message: 'OK', BizId: bizId });
  }

  /** SendSms's business checks; an Aliyun error body, or undefined when the message is accepted. */
  private checkSendSms(p: Record<string, string>): { Code: string; Message: string } | undefined {
    if (!p.PhoneNumbers) return { Code: 'MissingPhoneNumbers', Message: 'PhoneNumbers is mandatory for this action.' };
    if (!p.SignName) return { Code: 'MissingSignName', Message: 'SignName is mandatory for this action.' };
    if (!p.TemplateCode) return { Code: 'MissingTemplateCode', Message: 'TemplateCode is mandatory for this action.' };
    if (!p.PhoneNumbers.split(',').every((n) => /^(\+?86|0086)?1[3-9]\d{9}$/.test(n.trim()))) return { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' };
    if (!this.signNames.includes(p.SignName)) return { Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: '该账号下找不到对应签名' };
    const needs = this.templates[p.TemplateCode];
    if (!needs) return { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '该账号下找不到对应模板' };
    let vars: unknown;
    try { vars = p.TemplateParam ? JSON.parse(p.TemplateParam) : {}; } catch { return { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值' }; }
    if (!vars || typeof vars !== 'object' || Object.values(vars).some((v) => typeof v !== 'string')) return { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值' };
    if (needs.some((n) => !(n in (vars as object)))) return { Code: 'isv.TEMPLATE_MISSING_PARAMETERS', Message: '模板变量缺少对应参数值' };
    return undefined;
  }
}

/** "2026-03-01 16:00:00" in China Standard Time, the format of the push payloads. */
export function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}
