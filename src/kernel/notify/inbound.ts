import type { Db, Queryable } from '../db/db.js';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import type { JobContext, JobService } from '../jobs/jobs.service.js';
import { normalizePhone } from '../identifiers/phone.js';
import { maskPhone } from '../privacy/mask.js';
import type { InboundSms } from './gateway.js';
import { firstWord, matchesKeyword } from './inbound-text.js';
import { inboundRepository as repo } from './inbound.repository.js';
import { notifyRepository } from './notify.repository.js';

/** An inbound SMS as a module's handler sees it. */
export interface InboundMessage {
  id: string;
  gateway: string;
  /** Sender's number (normalised, in clear: the handler may need to answer it). */
  from: string;
  text: string;
  /** The first word, normalised (upper case, full-width letters as ASCII). */
  keyword: string;
  receivedAt: Date;
  /** The latest SMS the platform sent to this number, when the message was routed as a reply to it. */
  replyTo: { messageId: string; event: string; requestId: string | null; accountId: string | null } | null;
}

/**
 * Runs inside one transaction together with marking the message handled: throw to have the job retry it,
 * so a handler that writes and answers (tell) does both or neither.
 */
export type InboundHandler = (sms: InboundMessage, tx: Queryable) => Promise<void>;

export interface InboundMatch {
  /** First words that select this handler (TD, 退订, 查询 …), whatever the platform sent before. */
  keywords?: string[];
  /** Otherwise: replies to the latest SMS of one of these events sent to the number within the reply window. */
  replyToEvents?: string[];
}

interface Route { match: Required<InboundMatch>; handler: InboundHandler }

/** Inbound SMS: stored once, then handed to the module handler chosen by keyword or by what was last sent to the number. */
export class InboundRouter {
  private readonly routes: Route[] = [];

  constructor(private readonly db: Db, private readonly cipher: PersonalDataCipher, private readonly jobs: JobService, private readonly replyWindowDays = 7) {}

  on(match: InboundMatch, handler: InboundHandler): void {
    const m = { keywords: match.keywords ?? [], replyToEvents: match.replyToEvents ?? [] };
    if (m.keywords.length === 0 && m.replyToEvents.length === 0) throw new Error('onInbound needs keywords or replyToEvents');
    for (const r of this.routes) {
      const clash = m.keywords.find((k) => r.match.keywords.some((o) => firstWord(o) === firstWord(k))) ?? m.replyToEvents.find((e) => r.match.replyToEvents.includes(e));
      if (clash) throw new Error(`an inbound SMS handler for ${clash} is already registered`);
    }
    this.routes.push({ match: m, handler });
  }

  /** Stores the message (a push the provider repeats is recognised) and queues its handling. */
  async receive(sms: InboundSms): Promise<{ id: string; duplicate: boolean }> {
    const from = normalizePhone(sms.from.trim());
    const providerId = sms.providerId?.trim() || null;
    return this.db.tx(async (tx) => {
      const row = await repo.insert(tx, {
        gateway: sms.gateway, providerId, fromEnc: this.cipher.encrypt(from), fromHash: this.cipher.lookupHash(from), fromMasked: maskPhone(from),
        text: sms.text.slice(0, 2000), toExt: sms.to ?? null, receivedAt: sms.receivedAt,
      });
      if (!row) return { id: (await repo.idByProvider(tx, sms.gateway, providerId!))!, duplicate: true };
      await this.jobs.enqueue(tx, { type: 'notify.inbound', payload: { id: row.id }, dedupeKey: `notify.inbound:${row.id}` });
      return { id: row.id, duplicate: false };
    });
  }

  /** The `notify.inbound` job. */
  async handle(job: JobContext<{ id: string }>): Promise<void> {
    const row = await repo.byId(this.db, job.payload.id);
    if (!row || row.status !== 'pending') return;
    let route = this.routes.find((r) => r.match.keywords.some((k) => matchesKeyword(row.text, k)));
    let name = route ? `keyword:${firstWord(row.text)}` : null;
    let replyTo: InboundMessage['replyTo'] = null;
    if (!route) {
      const last = await notifyRepository.latestSmsTo(this.db, row.from_hash, this.replyWindowDays);
      route = last?.event ? this.routes.find((r) => r.match.replyToEvents.includes(last.event!)) : undefined;
      if (route && last) {
        replyTo = { messageId: last.id, event: last.event!, requestId: last.request_id, accountId: last.account_id };
        name = `reply:${last.event}`;
      }
    }
    if (!route) {
      await repo.finish(this.db, row.id, 'unhandled', null, null);
      return;
    }
    const sms: InboundMessage = {
      id: row.id, gateway: row.gateway, from: this.cipher.decrypt(row.from_enc), text: row.text, keyword: firstWord(row.text), receivedAt: row.received_at, replyTo,
    };
    try {
      await this.db.tx(async (tx) => {
        await route!.handler(sms, tx);
        await repo.finish(tx, row.id, 'handled', name, null);
      });
    } catch (err) {
      if (job.attempt < job.maxAttempts) throw err;
      await repo.finish(this.db, row.id, 'failed', name, err instanceof Error ? err.message : String(err));
    }
  }
}
