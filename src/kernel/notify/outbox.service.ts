import type { Db, Queryable } from '../db/db.js';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import type { JobService } from '../jobs/jobs.service.js';
import { can, holdsAtRoot, type Actor } from '../auth/actor.js';
import { t, type Locale } from '../i18n/i18n.js';
import { badRequest, conflict, forbidden, notFound, type FieldError } from '../http/errors.js';
import { isMobilePhone, normalizePhone } from '../identifiers/phone.js';
import { isRegionCode, isUuid, type Audience, type AudienceDescription } from './audience.js';
import { notifyRepository, type OutboxRow, type RequestRow } from './notify.repository.js';
import { deliveryRepository } from './delivery.repository.js';
import { outboxRepository as repo, type Progress } from './outbox.repository.js';
import type { TellRequest } from './notify.service.js';

export interface OutboxQuery {
  channel?: string; status?: string; event?: string; recipient?: string; from?: string; to?: string; requestId?: string; page: number; pageSize: number;
}

export interface AnnouncementInput {
  audience: { role?: string; orgId?: string; region?: string };
  title: string;
  body: string;
  urgent?: boolean;
}

const DAY_MS = 24 * 3600_000;
/** A date (YYYY-MM-DD) as the start of that day in China Standard Time; null when not a real date. */
function chinaDay(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const utc = new Date(`${s}T00:00:00Z`);
  // 2026-02-30 parses as 2026-03-02: not the date that was asked for.
  if (Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== s) return null;
  return new Date(utc.getTime() - 8 * 3600_000);
}

/** The administrators' side: search messages and see why one failed, retry it, follow bulk requests, announce. */
export class OutboxService {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
    private readonly jobs: JobService,
    private readonly tell: (q: Queryable, req: TellRequest) => Promise<string>,
  ) {}

  async search(f: OutboxQuery, locale: Locale) {
    const fields: FieldError[] = [];
    const from = f.from ? chinaDay(f.from) : undefined;
    const to = f.to ? chinaDay(f.to) : undefined;
    if (from === null) fields.push({ field: 'from', key: 'validation.date' });
    if (to === null) fields.push({ field: 'to', key: 'validation.date' });
    if (f.requestId && !isUuid(f.requestId)) fields.push({ field: 'requestId', key: 'validation.format' });
    if (fields.length) throw badRequest('error.validation', fields);
    // A whole number or address is looked up by its keyed digest (never stored in clear); anything else matches the masked form.
    const r = f.recipient?.trim();
    const exact = r && !r.includes('*') ? (isMobilePhone(r) ? normalizePhone(r) : r.includes('@') ? r.toLowerCase() : null) : null;
    const { total, items } = await repo.search(this.db, {
      channel: f.channel, status: f.status, event: f.event, requestId: f.requestId,
      recipientHash: exact ? this.cipher.lookupHash(exact) : undefined, recipientMasked: r && !exact ? r : undefined,
      from: from ?? undefined, to: to ? new Date(to.getTime() + DAY_MS) : undefined,
      limit: f.pageSize, offset: (f.page - 1) * f.pageSize,
    });
    return { total, page: f.page, pageSize: f.pageSize, items: items.map((row) => this.view(row, locale)) };
  }

  async detail(id: string, locale: Locale) {
    const row = await notifyRepository.byId(this.db, id);
    if (!row) throw notFound();
    const history = await deliveryRepository.history(this.db, id);
    const receipt = await deliveryRepository.receiptOf(this.db, id);
    return {
      ...this.view(row, locale), link: row.link, readAt: row.read_at?.toISOString() ?? null,
      history: history.map((h) => ({ at: h.at.toISOString(), gateway: h.gateway, outcome: h.outcome, error: h.error })),
      receipt: receipt ? { status: receipt.status, error: receipt.error, at: receipt.at.toISOString(), receivedAt: receipt.received_at.toISOString() } : null,
    };
  }

  /** A failed SMS or email back in the queue, with fresh attempts (the caller audits in `tx`). */
  async retry(tx: Queryable, id: string, locale: Locale) {
    const row = await notifyRepository.requeue(tx, id);
    if (!row) {
      if (!(await notifyRepository.byId(tx, id))) throw notFound();
      throw conflict('notify.outbox.notFailed');
    }
    await deliveryRepository.addAttempt(tx, id, 'admin', 'requeued', null);
    await this.jobs.enqueue(tx, { type: 'notify.deliver', payload: { id }, dedupeKey: `notify.deliver:${id}` });
    return this.view(row, locale);
  }

  async requests(page: number, pageSize: number, locale: Locale) {
    const { total, items } = await repo.bulkRequests(this.db, pageSize, (page - 1) * pageSize);
    return { total, page, pageSize, items: await this.requestViews(items, locale) };
  }

  async request(id: string, locale: Locale) {
    const row = await repo.request(this.db, id);
    if (!row) throw notFound();
    return (await this.requestViews([row], locale))[0];
  }

  /**
   * A notice from an administrator to everyone in an organisation's subtree (optionally only those holding a
   * role there), or in a region. A department announces only within its own scope; a region needs a root grant.
   */
  async announce(tx: Queryable, actor: Actor, input: AnnouncementInput): Promise<string> {
    const fields: FieldError[] = [];
    const title = input.title.trim();
    const body = input.body.trim();
    if (!title) fields.push({ field: 'title', key: 'validation.required' });
    if (!body) fields.push({ field: 'body', key: 'validation.required' });
    const { orgId, role, region } = input.audience;
    if ((orgId === undefined) === (region === undefined)) fields.push({ field: 'audience', key: 'notify.announcement.audience' });
    if (role !== undefined && orgId === undefined) fields.push({ field: 'audience.role', key: 'notify.announcement.roleNeedsOrg' });
    if (region !== undefined && !isRegionCode(region)) fields.push({ field: 'audience.region', key: 'notify.announcement.region' });
    const org = orgId && isUuid(orgId) ? (await repo.orgs(tx, [orgId]))[0] : undefined;
    if (orgId !== undefined && !org) fields.push({ field: 'audience.orgId', key: 'notify.announcement.unknownOrg' });
    if (role !== undefined && (await repo.roles(tx, [role])).length === 0) fields.push({ field: 'audience.role', key: 'notify.announcement.unknownRole' });
    if (fields.length) throw badRequest('error.validation', fields);
    if (org && !can(actor, 'notify.announce', org.path)) throw forbidden('notify.announcement.outOfScope');
    if (region !== undefined && !holdsAtRoot(actor, 'notify.announce')) throw forbidden('notify.announcement.regionNeedsRoot');
    const to: Audience = region !== undefined ? { region } : role !== undefined ? { role, orgId: org!.id } : { orgId: org!.id };
    return this.tell(tx, { event: 'notify.announcement', to, params: { title, body }, urgent: !!input.urgent, by: actor.accountId });
  }

  private view(r: OutboxRow, locale: Locale) {
    return {
      id: r.id, requestId: r.request_id, event: r.event ?? r.template, channel: r.channel, recipientMasked: r.recipient_masked, locale: r.locale,
      subject: r.subject, body: r.confidential ? t(locale, 'notify.outbox.confidential') : r.body, status: r.status, urgent: r.urgent,
      gateway: r.gateway, providerId: r.provider_id, attempts: r.attempts, error: r.error,
      deferredUntil: r.status === 'queued' ? r.deferred_until?.toISOString() ?? null : null,
      createdAt: r.created_at.toISOString(), sentAt: r.sent_at?.toISOString() ?? null, deliveredAt: r.delivered_at?.toISOString() ?? null,
    };
  }

  private async requestViews(rows: (RequestRow & { created_by_name: string | null })[], locale: Locale) {
    if (rows.length === 0) return [];
    const progress = new Map((await repo.progress(this.db, rows.map((r) => r.id))).map((p) => [p.request_id, p]));
    const parts = rows.flatMap((r) => r.audience as AudienceDescription[]);
    const orgIds = [...new Set(parts.flatMap((p) => ('orgId' in p ? [p.orgId] : [])))];
    const roleCodes = [...new Set(parts.flatMap((p) => (p.type === 'role' ? [p.role] : [])))];
    const orgNames = new Map((orgIds.length ? await repo.orgs(this.db, orgIds) : []).map((o) => [o.id, o.name]));
    const roleNames = new Map((roleCodes.length ? await repo.roles(this.db, roleCodes) : []).map((o) => [o.code, o.name]));
    const describe = (p: AudienceDescription) => {
      const org = 'orgId' in p ? orgNames.get(p.orgId) ?? p.orgId : '';
      if (p.type === 'role') return t(locale, 'notify.audience.role', { role: roleNames.get(p.role) ?? p.role, org });
      if (p.type === 'org') return t(locale, 'notify.audience.org', { org });
      if (p.type === 'region') return t(locale, 'notify.audience.region', { region: p.region });
      if (p.type === 'accounts' || p.type === 'contacts') return t(locale, `notify.audience.${p.type}`, { count: p.count });
      return t(locale, 'notify.audience.contact', { masked: p.masked });
    };
    const none: Omit<Progress, 'request_id'> = { recipients: 0, queued: 0, sent: 0, delivered: 0, failed: 0 };
    return rows.map((r) => {
      const { request_id: _ignored, ...counts } = progress.get(r.id) ?? { request_id: r.id, ...none };
      return {
        id: r.id, event: r.event, audience: (r.audience as AudienceDescription[]).map(describe).join(t(locale, 'notify.audience.separator')),
        urgent: r.urgent, createdAt: r.created_at.toISOString(), createdBy: r.created_by_name, createdById: r.created_by,
        ...counts, expanded: r.expanded,
      };
    });
  }
}
