import type { Config } from '../config.js';
import type { Db, Queryable } from '../db/db.js';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { JobService, type JobContext } from '../jobs/jobs.service.js';
import type { Locale } from '../i18n/i18n.js';
import { normalizePhone } from '../identifiers/phone.js';
import { DevGateway, type Channel, type DeliveryReceipt, type Gateway, type InboundSms } from './gateway.js';
import { splitAudience, type Audience, type BulkAudience } from './audience.js';
import { NotifyRegistry, type CategoryOptions, type EventOptions } from './notify.events.js';
import { notifyRepository as repo, type NewMessage, type RequestRow } from './notify.repository.js';
import { deliveryRepository } from './delivery.repository.js';
import { recipientsRepository } from './recipients.repository.js';
import { Delivery, type DeliverySettings } from './delivery.js';
import { MessagePlanner, type SendContext } from './message-plan.js';
import { InboundRouter, type InboundHandler, type InboundMatch } from './inbound.js';
import { InboxService } from './inbox.service.js';
import { OutboxService } from './outbox.service.js';

export interface TellRequest {
  /** A defined event (`defineEvent`): its category, channels and texts. */
  event: string;
  to: Audience | Audience[];
  /** Template parameters; for role, organisation and region audiences they are stored until the fan-out. */
  params?: Record<string, unknown>;
  /** A path on this site the message points to ('/account', '/office/…'). */
  link?: string;
  /** Overrides the event's default. */
  urgent?: boolean;
  /** Language for raw contacts, and for accounts that chose none (default zh-CN). */
  locale?: Locale;
  /** The account asking (shown on bulk requests). */
  by?: string | null;
}

export interface NotifySettings extends DeliverySettings {
  maxAttempts: number;
  retryBaseMs: number;
  /** A reply is routed to the event of the latest SMS sent to the number within this many days. */
  replyWindowDays: number;
}

/** The service's settings from the configuration (NOTIFY_* variables). */
export function notifySettings(config: Config): Partial<NotifySettings> {
  return {
    perWindow: { sms: config.notifySmsPerMinute, email: config.notifyEmailPerMinute }, windowMs: 60_000,
    smsPerPhoneHour: config.notifySmsPerPhoneHour, quietHours: config.notifyQuietHours,
    maxAttempts: config.notifyMaxAttempts, retryBaseMs: config.notifyRetryBaseMs,
  };
}

export const FANOUT_CHUNK = 500;


const LINK = /^\/(?!\/)[^\s\\]{0,499}$/;

/**
 * Notifications: one API (`tell`) inside the caller's transaction — a rollback sends nothing, a commit never
 * loses a message. In-app messages are written as delivered; SMS and email go through `notify.deliver` jobs
 * with retries, receipts, shared rate limits and quiet hours; large audiences are expanded by `notify.fanout`.
 */
export class NotifyService {
  readonly registry = new NotifyRegistry();
  readonly settings: NotifySettings;
  readonly inbox: InboxService;
  readonly outbox: OutboxService;
  private readonly gateways = new Map<Channel, Gateway>([['sms', new DevGateway()], ['email', new DevGateway()], ['inapp', new DevGateway()]]);
  private readonly jobs: JobService;
  private readonly delivery: Delivery;
  private readonly inbound: InboundRouter;
  private readonly planner: MessagePlanner;

  constructor(private readonly db: Db, private readonly cipher: PersonalDataCipher, gateways: Partial<Record<Channel, Gateway>> = {}, opts: { jobs?: JobService; settings?: Partial<NotifySettings> } = {}) {
    for (const [channel, gateway] of Object.entries(gateways)) this.gateways.set(channel as Channel, gateway!);
    this.jobs = opts.jobs ?? new JobService(db);
    this.settings = {
      perWindow: { sms: 300, email: 600 }, windowMs: 60_000, smsPerPhoneHour: 10, quietHours: '22:00-08:00',
      maxAttempts: 5, retryBaseMs: 30_000, replyWindowDays: 7, ...opts.settings,
    };
    this.delivery = new Delivery(db, cipher, this.gateways, this.settings);
    this.planner = new MessagePlanner(cipher, this.registry, this.settings);
    this.inbound = new InboundRouter(db, cipher, this.jobs, this.settings.replyWindowDays);
    this.inbox = new InboxService(db, cipher, this.registry);
    this.outbox = new OutboxService(db, cipher, this.jobs, (q, req) => this.tell(q, req));
    this.registry.defineCategory('security', { locked: true });
    this.registry.defineCategory('service');
    this.registry.defineCategory('announcement');
    this.registry.defineCategory('work', { kinds: ['staff'] });
  }

  /** Defines the job handlers in this process (every process, at start-up) and the kernel's own events. */
  start(): void {
    this.defineJobs(this.jobs);
    this.registry.defineEvent('notify.announcement', { category: 'announcement', channels: ['inapp', 'sms', 'email'] });
    this.registry.defineEvent('notify.unsubscribed', { category: 'security', channels: ['sms'], urgent: true });
  }

  /** The delivery, fan-out and inbound handlers on a job queue (this process's; tests add a second "process"). */
  defineJobs(jobs: JobService): void {
    jobs.define<{ id: string }>('notify.deliver', (job) => this.delivery.run(job), {
      maxAttempts: this.settings.maxAttempts, backoff: { baseMs: this.settings.retryBaseMs, maxMs: 3_600_000 },
    });
    jobs.define<{ requestId: string }>('notify.fanout', (job) => this.fanout(job), { maxAttempts: 10 });
    jobs.define<{ id: string }>('notify.inbound', (job) => this.inbound.handle(job), { maxAttempts: 5 });
  }

  // --- declarations -----------------------------------------------------------------------------

  defineCategory(name: string, opts: CategoryOptions = {}) { this.registry.defineCategory(name, opts); }
  defineEvent(name: string, opts: EventOptions) { this.registry.defineEvent(name, opts); }
  onInbound(match: InboundMatch, handler: InboundHandler) { this.inbound.on(match, handler); }

  useGateway(channel: Channel, gateway: Gateway) { this.gateways.set(channel, gateway); }
  gateway(channel: Channel): Gateway { return this.gateways.get(channel)!; }

  // --- sending ----------------------------------------------------------------------------------

  /**
   * Tells an audience about an event, inside the caller's transaction `q`. Returns the request id. Accounts
   * and contacts are expanded now (their in-app messages exist when the transaction commits); role,
   * organisation and region audiences are expanded by a job, so a notice to thousands never blocks the caller.
   */
  async tell(q: Queryable, req: TellRequest): Promise<string> {
    const event = this.registry.event(req.event);
    const to = splitAudience(req.to);
    if (req.link !== undefined && !LINK.test(req.link)) throw new Error(`notify.tell: the link must be a path on this site, got ${req.link}`);
    const urgent = req.urgent ?? event.urgent;
    const params = req.params ?? {};
    const bulk = to.bulk.length > 0;
    const requestId = await repo.insertRequest(q, {
      event: event.name, category: event.category, audience: to.described, params: bulk ? params : null, link: req.link ?? null,
      urgent, locale: req.locale ?? null, bulk, createdBy: req.by ?? null,
    });
    const ctx = this.planner.context(requestId, event, params, req.link ?? null, urgent, req.locale);
    for (let i = 0; i < to.accountIds.length; i += FANOUT_CHUNK) {
      await this.send(q, this.planner.forAccounts(q, ctx, await recipientsRepository.byIds(q, to.accountIds.slice(i, i + FANOUT_CHUNK))));
    }
    await this.send(q, this.planner.forContacts(q, ctx, to.phones, to.emails));
    if (bulk) await this.jobs.enqueue(q, { type: 'notify.fanout', payload: { requestId }, dedupeKey: `notify.fanout:${requestId}` });
    return requestId;
  }

  /** The `notify.fanout` job: expands the bulk parts of a request a chunk at a time, each chunk in its own transaction. */
  private async fanout(job: JobContext<{ requestId: string }>): Promise<void> {
    for (;;) {
      if (job.signal.aborted) throw new Error('stopped');
      const done = await this.db.tx(async (tx) => {
        const r = await repo.requestForUpdate(tx, job.payload.requestId);
        if (!r || r.expanded || !r.expand_cursor) return true;
        const parts = (r.audience as { type: string }[]).filter((a): a is BulkAudience => ['role', 'org', 'region'].includes(a.type));
        const { part, after } = r.expand_cursor;
        if (part >= parts.length) {
          await repo.advanceRequest(tx, r.id, null);
          return true;
        }
        const accounts = await recipientsRepository.chunk(tx, parts[part], after, FANOUT_CHUNK);
        await this.send(tx, this.planner.forAccounts(tx, this.fromRequest(r), accounts));
        const next = accounts.length < FANOUT_CHUNK ? { part: part + 1, after: null } : { part, after: accounts[accounts.length - 1].id };
        await repo.advanceRequest(tx, r.id, next.part >= parts.length ? null : next);
        return next.part >= parts.length;
      });
      if (done) return;
    }
  }

  private fromRequest(r: RequestRow): SendContext {
    return this.planner.context(r.id, this.registry.event(r.event), r.params ?? {}, r.link, r.urgent, r.locale);
  }

  /** Writes the messages (duplicates within the request skipped) and a delivery job for each SMS and email. */
  private async send(q: Queryable, pending: Promise<NewMessage[]> | NewMessage[]): Promise<void> {
    const rows = await repo.insertMessages(q, await pending);
    await this.jobs.enqueueMany(q, 'notify.deliver', rows.filter((r) => r.status === 'queued')
      .map((r) => ({ payload: { id: r.id }, dedupeKey: `notify.deliver:${r.id}`, runAt: r.deferred_until })));
  }

  // --- from the channels ------------------------------------------------------------------------

  /** A delivery receipt from a provider: sent → delivered | failed. Safe to repeat; one that overtakes the send result waits for it. */
  recordReceipt(receipt: DeliveryReceipt) { return this.delivery.recordReceipt(receipt); }

  /** An SMS from the public: stored once and handed to a module handler by a job. */
  receiveInbound(sms: InboundSms) { return this.inbound.receive(sms); }

  // --- for tests and the development gateway ----------------------------------------------------

  /** The latest message to a phone number or address (read an SMS code in development and tests). */
  async latestTo(recipient: string, template?: string) {
    const key = recipient.includes('@') ? recipient.trim().toLowerCase() : normalizePhone(recipient.trim());
    return repo.latestTo(this.db, this.cipher.lookupHash(key), template);
  }

  /** Hourly: forgets rate-limit counters of past windows. */
  async housekeeping(q: Queryable = this.db): Promise<void> {
    await deliveryRepository.purgeCounters(q);
  }

  /** Releases the gateways' connections (server shutdown). */
  async close(): Promise<void> {
    await Promise.all([...new Set(this.gateways.values())].map((g) => g.close?.()));
  }
}
