import type { Db, Queryable } from '../db/db.js';
import { t } from '../i18n/i18n.js';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import type { JobContext } from '../jobs/jobs.service.js';
import type { Channel, DeliveryReceipt, DeliveryResult, Gateway, OutgoingMessage } from './gateway.js';
import { notifyRepository } from './notify.repository.js';
import type { MessageStatus } from './notify.repository.js';
import { deliveryRepository as repo } from './delivery.repository.js';
import { quietUntil } from './quiet-hours.js';

export interface DeliverySettings {
  /** Messages per window and channel, shared by all processes (0 = no limit). */
  perWindow: { sms: number; email: number };
  /** Length of a rate window (a minute; tests shorten it). */
  windowMs: number;
  /** Non-urgent SMS per number per hour (0 = no limit). */
  smsPerPhoneHour: number;
  /** 'HH:MM-HH:MM' China Standard Time, or ''. */
  quietHours: string;
}

/** How long one worker may hold a message while it talks to the gateway before another may try. */
const CLAIM_MS = 2 * 60_000;

/** Serialises a send result and a receipt for the same provider id, so that neither misses the other. */
async function lockProviderId(q: Queryable, gateway: string, providerId: string) {
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`notify:${gateway}:${providerId}`]);
}

/**
 * The `notify.deliver` job: one outbox row to its gateway. Idempotent (a row no longer queued is left
 * alone), so a job run again after a crash never sends a message whose result was recorded; while one
 * worker talks to the gateway the row is claimed, so a second worker (after a lost lease) waits.
 */
export class Delivery {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
    private readonly gateways: Map<Channel, Gateway>,
    private readonly settings: DeliverySettings,
  ) {}

  async run(job: JobContext<{ id: string }>): Promise<void> {
    const row = await notifyRepository.byId(this.db, job.payload.id);
    if (!row || row.status !== 'queued' || row.channel === 'inapp') return;
    if (row.claimed_until && row.claimed_until.getTime() > Date.now()) return job.deferUntil(row.claimed_until);

    const quietSms = row.channel === 'sms' && !row.urgent;
    if (quietSms) {
      const until = quietUntil(new Date(), this.settings.quietHours);
      if (until) {
        await repo.defer(this.db, row.id, until);
        return job.deferUntil(until);
      }
    }
    const budget = this.settings.perWindow[row.channel];
    if (budget > 0) {
      const { count, windowEnd } = await repo.take(this.db, `channel:${row.channel}`, this.settings.windowMs);
      if (count > budget) {
        // The count says how far back in the line this message is: skip that many full windows, so that
        // a backlog of thousands spreads over the windows instead of all waking at the next one.
        const at = new Date(windowEnd.getTime() + (Math.floor((count - 1) / budget) - 1) * this.settings.windowMs);
        await repo.defer(this.db, row.id, at);
        return job.deferUntil(at);
      }
    }
    if (quietSms && this.settings.smsPerPhoneHour > 0 && row.recipient_hash) {
      const { count } = await repo.take(this.db, `sms-number:${row.recipient_hash}`, 3600_000);
      if (count > this.settings.smsPerPhoneHour) {
        // Stored for the office page, whose users are the platform's (Chinese-speaking) administrators.
        const reason = t('zh-CN', 'notify.error.perNumberLimit', { limit: this.settings.smsPerPhoneHour });
        await this.db.tx(async (tx) => {
          if (await repo.failQueued(tx, row.id, reason)) await repo.addAttempt(tx, row.id, 'limit', 'refused', reason);
        });
        return;
      }
    }

    const claimed = await repo.claim(this.db, row.id, CLAIM_MS);
    if (!claimed) {
      const now = await notifyRepository.byId(this.db, row.id);
      if (now?.status === 'queued' && now.claimed_until) return job.deferUntil(now.claimed_until);
      return;
    }
    const gateway = this.gateways.get(row.channel)!;
    const msg: OutgoingMessage = {
      id: row.id, channel: row.channel, recipient: this.cipher.decrypt(claimed.recipient_enc!), subject: claimed.subject ?? undefined,
      body: claimed.body, template: claimed.event ?? claimed.template, params: claimed.params ?? {}, locale: claimed.locale,
    };
    const result: DeliveryResult = await gateway.send(msg).catch((err: unknown) => ({ status: 'failed' as const, error: err instanceof Error ? err.message : String(err) }));
    const failed = result.status === 'failed';
    const final = !failed || !!result.permanent || job.attempt >= job.maxAttempts;
    const status: MessageStatus = failed ? (final ? 'failed' : 'queued') : result.status;
    const error = failed ? (result.error || 'failed') : null;
    const providerId = result.providerId ?? null;
    await this.db.tx(async (tx) => {
      if (providerId) await lockProviderId(tx, gateway.name, providerId);
      if (!(await repo.recordOutcome(tx, row.id, { status, gateway: gateway.name, providerId, error }))) return;
      await repo.addAttempt(tx, row.id, gateway.name, failed && !final ? 'retrying' : result.status, error);
      // A receipt that came before this result was recorded waits for it here.
      if (providerId && !failed) {
        const matched = await repo.applyReceipt(tx, gateway.name, providerId);
        if (matched) {
          const r = await repo.receiptOf(tx, row.id);
          if (r) await repo.addAttempt(tx, row.id, gateway.name, `receipt:${r.status}`, r.error);
        }
      }
    });
    // Not final: the job queue retries with back-off (the row stays queued, showing the last reason).
    if (!final) throw new Error(error!);
  }

  /** A provider's report on a message it accepted. Stored first, so one that overtakes the send result waits for it. */
  async recordReceipt(r: DeliveryReceipt): Promise<{ matched: boolean; duplicate: boolean }> {
    return this.db.tx(async (tx) => {
      await lockProviderId(tx, r.gateway, r.providerId);
      const fresh = await repo.storeReceipt(tx, { gateway: r.gateway, providerId: r.providerId, status: r.status, error: r.error ?? null, at: r.at });
      const id = await repo.applyReceipt(tx, r.gateway, r.providerId);
      if (id && fresh) await repo.addAttempt(tx, id, r.gateway, `receipt:${r.status}`, r.error ?? null);
      return { matched: !!id, duplicate: !fresh };
    });
  }
}
