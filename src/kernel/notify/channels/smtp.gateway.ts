import { createTransport } from 'nodemailer';
import type { DeliveryResult, Gateway, OutgoingMessage } from '../gateway.js';
import { htmlAlternative, messageIdFor, senderDomain, subjectOf } from './smtp.message.js';
import { smtpFailure } from './smtp.failure.js';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS from the start). */
  url: string;
  /** From header, e.g. "示例市政务服务 <noreply@shili.gov.cn>"; its domain names the Message-IDs. */
  from: string;
  /** Connections kept open to the server. */
  poolSize: number;
  /** Connect, greeting and socket inactivity timeout (ms). */
  timeoutMs: number;
}

/**
 * Email through one SMTP relay with a pool of connections (nodemailer). Each message carries
 * `Message-ID: <outbox id@sender domain>`, the same on every retry, so a server (or a mailbox) that
 * receives a retried message after a lost "250" can see it is the same one. Retrying is the job queue's
 * business, not the pool's: a connection lost while sending fails this attempt (transient) instead of
 * being resent silently, so the outbox counts every attempt.
 */
export class SmtpGateway implements Gateway {
  readonly name = 'smtp';
  private readonly transport: ReturnType<typeof pooledTransport>;
  private readonly domain: string;

  constructor(opts: SmtpOptions) {
    this.domain = senderDomain(opts.from);
    this.transport = pooledTransport(opts);
  }

  async send(msg: OutgoingMessage): Promise<DeliveryResult> {
    try {
      const info = await this.transport.sendMail({
        to: msg.recipient,
        subject: subjectOf(msg),
        text: msg.body,
        html: htmlAlternative(msg.body, msg.locale),
        messageId: messageIdFor(msg.id, this.domain),
      });
      // The relay accepted it; SMTP has no delivery receipt, so 'sent' is final for email.
      return { status: 'sent', providerId: queueIdOf(info.response) };
    } catch (err) {
      return smtpFailure(err);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** "250 2.0.0 Ok: queued as 4ZkQ3x1b2Cz9" → "4ZkQ3x1b2Cz9"; otherwise the reply itself. */
export function queueIdOf(response: string | undefined): string | undefined {
  if (!response) return undefined;
  const queued = /queued as\s+<?([^\s>]+)>?/i.exec(response);
  return queued ? queued[1] : response.trim().slice(0, 200);
}

function pooledTransport(opts: SmtpOptions) {
  return createTransport({
    pool: true,
    url: opts.url,
    maxConnections: opts.poolSize,
    maxRequeues: 0,
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
    // A connection idle this long is closed rather than kept for a server that may have dropped it.
    idleTimeout: 60_000,
    logger: false,
    debug: false,
  }, { from: opts.from });
}
