import { Type, type Static } from '@sinclair/typebox';
import type { DeliveryReceipt, InboundSms } from '../gateway.js';

/**
 * The two pushes Aliyun SMS makes to URLs configured in its console ("HTTP 批量推送"): SmsReport, the
 * delivery reports of messages SendSms accepted, and SmsUp, messages people send to the platform's
 * number. Both are a JSON array (one push may carry several items); the receiver answers
 * `{"code":0,"msg":"成功"}` with HTTP 200, anything else makes Aliyun push again (1, 5, 10 minutes later).
 * Fields Aliyun may add later are let through.
 */
const phone = Type.String({ minLength: 3, maxLength: 20, pattern: '^[0-9+*]+$', 'x-message': 'notifyCallbacks.phone' });
const chinaTime = Type.String({ maxLength: 25, pattern: '^\\d{4}-?\\d{2}-?\\d{2}[ T]?\\d{2}:?\\d{2}:?\\d{2}', 'x-message': 'notifyCallbacks.time' });

export const smsReportSchema = Type.Array(Type.Object({
  phone_number: phone,
  send_time: Type.Optional(chinaTime),
  report_time: chinaTime,
  success: Type.Boolean(),
  err_code: Type.Optional(Type.String({ maxLength: 100 })),
  err_msg: Type.Optional(Type.String({ maxLength: 500 })),
  sms_size: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Integer()])),
  biz_id: Type.String({ minLength: 1, maxLength: 100 }),
  out_id: Type.Optional(Type.String({ maxLength: 256 })),
}), { minItems: 1, maxItems: 1000 });

export const smsUpSchema = Type.Array(Type.Object({
  phone_number: phone,
  send_time: chinaTime,
  content: Type.String({ maxLength: 2000 }),
  sign_name: Type.Optional(Type.String({ maxLength: 100 })),
  dest_code: Type.Optional(Type.String({ maxLength: 40 })),
  sequence_id: Type.Union([Type.Integer(), Type.String({ minLength: 1, maxLength: 64 })]),
}), { minItems: 1, maxItems: 1000 });

export type SmsReport = Static<typeof smsReportSchema>;
export type SmsUp = Static<typeof smsUpSchema>;

/** "2017-01-01 00:00:00" (or 20170101000000) in China Standard Time → an instant; now if unreadable. */
export function parseChinaTime(s: string | undefined, fallback = new Date()): Date {
  const m = s && /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})/.exec(s);
  if (!m) return fallback;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(d.getTime()) ? fallback : d;
}

export function receiptsFromReport(items: SmsReport): DeliveryReceipt[] {
  return items.map((r) => ({
    gateway: 'aliyun',
    providerId: r.biz_id,
    status: r.success ? 'delivered' : 'failed',
    error: r.success ? undefined : [r.err_code, r.err_msg].filter(Boolean).join('：') || '运营商报告接收失败',
    at: parseChinaTime(r.report_time),
  }));
}

export function inboundFromUp(items: SmsUp): InboundSms[] {
  return items.map((u) => ({
    gateway: 'aliyun',
    from: u.phone_number.replace(/^(\+?86|0086)(?=1\d{10}$)/, ''),
    text: u.content,
    to: u.dest_code || undefined,
    providerId: String(u.sequence_id),
    receivedAt: parseChinaTime(u.send_time),
  }));
}
