import { maskEmail } from '../../privacy/mask.js';
import type { DeliveryResult } from '../gateway.js';

interface SmtpError extends Error {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
  originalCode?: string;
  rejectedErrors?: SmtpError[];
}

/**
 * Turns a nodemailer error into a delivery result. Permanent only when the server refused *this message*
 * for good: a 5xx reply (but 503, a session-state reply) to MAIL FROM, RCPT TO or DATA — a bad or unknown
 * address, a message the server will not take. Everything else passes and is retried: 4xx replies,
 * timeouts, refused and dropped connections, TLS trouble, authentication that an administrator is fixing.
 */
export function smtpFailure(err: unknown): DeliveryResult {
  const e = (err ?? {}) as SmtpError;
  const reply = e.responseCode ? e : e.rejectedErrors?.find((r) => r.responseCode) ?? e;
  const code = reply.responseCode;
  const aboutMessage = e.code === 'EENVELOPE' || e.code === 'EMESSAGE';
  const permanent = aboutMessage && !!code && code >= 500 && code < 600 && code !== 503;
  return { status: 'failed', permanent, error: describe(e, reply) };
}

function describe(e: SmtpError, reply: SmtpError): string {
  const said = reply.response ? `：${maskAddresses(reply.response).slice(0, 300)}` : '';
  const code = reply.responseCode;
  if (code && code >= 500 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) return `邮件服务器拒收（${reply.command ?? e.command ?? 'SMTP'} ${code}${said}）`;
  if (code && code >= 400 && code < 500) return `邮件服务器暂时拒绝，稍后重试（${reply.command ?? e.command ?? 'SMTP'} ${code}${said}）`;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return `邮件服务器登录失败，请检查 SMTP_URL 中的用户名和密码（${code ?? e.code}${said}）`;
  if (e.code === 'ETIMEDOUT') return '邮件服务器没有按时应答，稍后重试（ETIMEDOUT）';
  if (e.code === 'ETLS') return `与邮件服务器建立加密连接失败（${maskAddresses(e.message)}）`;
  const low = e.originalCode ?? errnoOf(e);
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EDNS' || low) {
    return `无法连接邮件服务器或连接中断，稍后重试（${[e.code, low].filter(Boolean).join(' ')}）`;
  }
  return `邮件发送失败（${e.code ?? 'ERROR'}：${maskAddresses(e.message ?? String(e)).slice(0, 300)}）`;
}

function errnoOf(e: SmtpError): string | undefined {
  const m = /\b(ECONNREFUSED|ECONNRESET|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)\b/.exec(e.message ?? '');
  return m?.[1];
}

/** Server replies quote the recipient; the message page shows them masked like the outbox does. */
function maskAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, (a) => maskEmail(a));
}
