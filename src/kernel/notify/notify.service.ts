import type { Db, Queryable } from '../db/db.js';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { t, type Locale } from '../i18n/i18n.js';
import { maskEmail, maskPhone } from '../privacy/mask.js';
import { DevGateway, type Gateway, type OutgoingMessage } from './gateway.js';
import { notifyRepository } from './notify.repository.js';

export interface NotifyRequest {
  channel: 'sms' | 'email' | 'inapp';
  recipient: string;
  accountId?: string | null;
  /** Message key of the template, e.g. 'notify.smsCode'; the body is rendered from the catalogue. */
  template: string;
  params?: Record<string, unknown>;
  locale?: Locale;
}

/**
 * The outbox. A module writes a message in the same transaction as the change that caused it, so a
 * rollback sends nothing and a commit never loses one; `dispatch` hands queued messages to the gateway.
 * The real delivery system (providers, retries, receipts) is a later issue; the development gateway
 * records each message as delivered, readable in the office app's outbox.
 */
export class NotifyService {
  private gateways = new Map<string, Gateway>([['sms', new DevGateway()], ['email', new DevGateway()], ['inapp', new DevGateway()]]);

  constructor(private readonly db: Db, private readonly cipher: PersonalDataCipher, gateways: Partial<Record<NotifyRequest['channel'], Gateway>> = {}) {
    for (const [channel, gateway] of Object.entries(gateways)) this.gateways.set(channel, gateway!);
  }

  useGateway(channel: NotifyRequest['channel'], gateway: Gateway) {
    this.gateways.set(channel, gateway);
  }

  async enqueue(q: Queryable, req: NotifyRequest): Promise<string> {
    const locale = req.locale ?? 'zh-CN';
    const body = t(locale, req.template, req.params);
    const masked = req.channel === 'sms' ? maskPhone(req.recipient) : req.channel === 'email' ? maskEmail(req.recipient) : req.recipient;
    return notifyRepository.insert(q, {
      channel: req.channel, accountId: req.accountId ?? null, recipientEnc: this.cipher.encrypt(req.recipient),
      recipientMasked: masked, template: req.template, locale, body,
    });
  }

  /** Delivers queued messages; safe to run from several processes at once (rows are claimed with SKIP LOCKED). */
  async dispatch(limit = 100): Promise<number> {
    let sent = 0;
    await this.db.tx(async (tx) => {
      for (const row of await notifyRepository.claimQueued(tx, limit)) {
        const gateway = this.gateways.get(row.channel)!;
        const msg: OutgoingMessage = { id: row.id, channel: row.channel, recipient: this.cipher.decrypt(row.recipient_enc), body: row.body, template: row.template, params: {}, locale: row.locale };
        const result = await gateway.send(msg).catch((err: Error) => ({ status: 'failed' as const, error: err.message }));
        await notifyRepository.markResult(tx, row.id, gateway.name, result.status, result.error ?? null);
        sent++;
      }
    });
    return sent;
  }

  /** Messages for the office outbox page, newest first. */
  search(f: { channel?: string; status?: string; recipient?: string; limit: number; offset: number }) {
    return notifyRepository.search(this.db, f);
  }

  /** The latest message sent to a recipient (development gateway and tests: read an SMS code). */
  async latestTo(recipient: string, template?: string) {
    const masked = recipient.includes('@') ? maskEmail(recipient) : maskPhone(recipient);
    const rows = await notifyRepository.latestByMasked(this.db, masked, template);
    return rows.find((r) => this.cipher.decrypt(r.recipient_enc) === recipient);
  }
}
