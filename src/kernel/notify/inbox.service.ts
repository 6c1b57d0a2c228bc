import type { Db, Queryable } from '../db/db.js';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { t, type Locale } from '../i18n/i18n.js';
import { badRequest, notFound, type FieldError } from '../http/errors.js';
import { maskEmail, maskPhone } from '../privacy/mask.js';
import type { NotifyRegistry } from './notify.events.js';
import { inboxRepository as repo } from './inbox.repository.js';

export interface InboxItem {
  id: string; event: string | null; category: string | null; title: string; body: string; link: string | null;
  urgent: boolean; createdAt: string; readAt: string | null;
}

export interface PreferencesView {
  channels: { sms: { available: boolean; masked?: string }; email: { available: boolean; masked?: string } };
  categories: { category: string; label: string; description: string; sms: boolean; email: boolean; locked: boolean }[];
}

export interface PreferenceChange { category: string; sms: boolean; email: boolean }

/** A person's own in-app messages and channel choices. Every method takes the owner's account id: nobody reads another's. */
export class InboxService {
  constructor(private readonly db: Db, private readonly cipher: PersonalDataCipher, private readonly registry: NotifyRegistry) {}

  async list(accountId: string, f: { unread?: boolean; page: number; pageSize: number }) {
    const { total, items } = await repo.page(this.db, accountId, { unread: f.unread, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
    return {
      total, unread: await repo.unread(this.db, accountId), page: f.page, pageSize: f.pageSize,
      items: items.map((r): InboxItem => ({
        id: r.id, event: r.event, category: r.category, title: r.subject ?? '', body: r.body, link: r.link, urgent: r.urgent,
        createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null,
      })),
    };
  }

  unreadCount(accountId: string): Promise<number> {
    return repo.unread(this.db, accountId);
  }

  /** Marks one of the person's messages read (404 for anyone else's, so its existence is not revealed). */
  async markRead(accountId: string, id: string) {
    const row = await repo.markRead(this.db, accountId, id);
    if (!row) throw notFound('notify.inbox.notFound');
    return { id: row.id, readAt: row.read_at.toISOString() };
  }

  async markAllRead(accountId: string) {
    return { updated: await repo.markAllRead(this.db, accountId) };
  }

  async preferences(accountId: string, locale: Locale, q: Queryable = this.db): Promise<PreferencesView> {
    const contact = await repo.contact(q, accountId);
    const phone = contact?.phone_enc ? this.cipher.decrypt(contact.phone_enc) : null;
    const optedOut = contact?.phone_hash ? await repo.isOptedOut(q, contact.phone_hash) : false;
    const choices = new Map((await repo.choices(q, accountId)).map((c) => [`${c.category}:${c.channel}`, c.enabled]));
    return {
      channels: {
        sms: phone ? { available: true, masked: maskPhone(phone) } : { available: false },
        email: contact?.email ? { available: true, masked: maskEmail(contact.email) } : { available: false },
      },
      categories: this.registry.allCategories().filter((c) => !c.kinds || (contact && c.kinds.includes(contact.kind))).map((c) => ({
        category: c.name, label: t(locale, c.label), description: t(locale, c.description), locked: c.locked,
        sms: c.locked || (choices.get(`${c.name}:sms`) ?? !optedOut),
        email: c.locked || (choices.get(`${c.name}:email`) ?? true),
      })),
    };
  }

  /**
   * Changes the person's choices in `tx` (the caller audits in the same transaction). Locked categories
   * cannot be turned off. Turning SMS on again also lifts a TD reply's opt-out of the person's number.
   */
  async updatePreferences(tx: Queryable, accountId: string, changes: PreferenceChange[], locale: Locale): Promise<PreferencesView> {
    const fields: FieldError[] = [];
    changes.forEach((c, i) => {
      const cat = this.registry.category(c.category);
      if (!cat) fields.push({ field: `categories.${i}.category`, key: 'notify.preferences.unknownCategory' });
      else if (cat.locked && (!c.sms || !c.email)) fields.push({ field: `categories.${i}.${!c.sms ? 'sms' : 'email'}`, key: 'notify.preferences.locked', params: { category: t(locale, cat.label) } });
    });
    if (fields.length) throw badRequest('error.validation', fields);
    const contact = await repo.contact(tx, accountId);
    if (contact?.phone_hash && changes.some((c) => c.sms) && (await repo.isOptedOut(tx, contact.phone_hash))) {
      // Categories the person did not mention stay off, as the TD reply asked.
      const current = new Set((await repo.choices(tx, accountId)).filter((c) => c.channel === 'sms').map((c) => c.category));
      for (const cat of this.registry.allCategories()) {
        if (!cat.locked && !current.has(cat.name) && !changes.some((c) => c.category === cat.name)) await repo.setChoice(tx, accountId, cat.name, 'sms', false);
      }
      await repo.optIn(tx, contact.phone_hash);
    }
    for (const c of changes) {
      if (this.registry.category(c.category)!.locked) continue;
      await repo.setChoice(tx, accountId, c.category, 'sms', c.sms);
      await repo.setChoice(tx, accountId, c.category, 'email', c.email);
    }
    return this.preferences(accountId, locale, tx);
  }

  /** A TD / 退订 reply: non-urgent SMS off for every account with this number, and for the number itself. */
  async unsubscribeSms(tx: Queryable, phone: string): Promise<{ id: string; username: string; org_id: string | null }[]> {
    const hash = this.cipher.lookupHash(phone);
    const accounts = await repo.accountsWithPhone(tx, hash);
    for (const a of accounts) {
      for (const cat of this.registry.allCategories()) if (!cat.locked) await repo.setChoice(tx, a.id, cat.name, 'sms', false);
    }
    await repo.optOut(tx, hash, 'sms-reply');
    return accounts;
  }
}
