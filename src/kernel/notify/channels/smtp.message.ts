import addressparser from 'nodemailer/lib/addressparser';
import type { OutgoingMessage } from '../gateway.js';

/** The domain of the From address ("示例市政务服务 <noreply@shili.gov.cn>" → "shili.gov.cn"); throws when there is none. */
export function senderDomain(from: string): string {
  const parsed = addressparser(from, { flatten: true })[0];
  const address = parsed && 'address' in parsed ? parsed.address : '';
  const at = address.lastIndexOf('@');
  if (at < 1 || at === address.length - 1) throw new Error(`SMTP_FROM must name a sender address such as "示例市政务服务 <noreply@shili.gov.cn>", got "${from}"`);
  return address.slice(at + 1).toLowerCase();
}

/** `<outbox id@domain>`: the same for every attempt at one outbox message (RFC 5322 msg-id). */
export function messageIdFor(outboxId: string, domain: string): string {
  return `<${outboxId}@${domain}>`;
}

/** The core passes a subject for email; without one, the first line of the text stands in. */
export function subjectOf(msg: OutgoingMessage): string {
  if (msg.subject?.trim()) return msg.subject.trim();
  const first = msg.body.split(/\r?\n/, 1)[0].trim();
  return [...first].length > 60 ? `${[...first].slice(0, 60).join('')}…` : first;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A plain HTML rendering of the text (paragraphs and line breaks), for clients that show HTML only. */
export function htmlAlternative(text: string, locale: string): string {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
  const paragraphs = text.split(/\r?\n\s*\r?\n/).map((p) => `<p>${p.split(/\r?\n/).map(escape).join('<br>')}</p>`).join('\n');
  return `<!doctype html>\n<html lang="${escape(locale)}"><head><meta charset="utf-8"></head>\n<body style="font-family:sans-serif;font-size:16px;line-height:1.6">\n${paragraphs}\n</body></html>`;
}
