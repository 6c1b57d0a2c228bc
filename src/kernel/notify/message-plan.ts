import type { PersonalDataCipher } from '../crypto/personal-data.js';
import type { Queryable } from '../db/db.js';
import { LOCALES, type Locale } from '../i18n/i18n.js';
import { maskEmail, maskName, maskPhone } from '../privacy/mask.js';
import type { Channel } from './gateway.js';
import type { EventInfo, NotifyRegistry } from './notify.events.js';
import type { NewMessage } from './notify.repository.js';
import { recipientsRepository, type RecipientAccount } from './recipients.repository.js';
import { quietUntil } from './quiet-hours.js';

/** What one request sends, whoever it goes to. */
export interface SendContext {
  requestId: string;
  event: EventInfo;
  params: Record<string, unknown>;
  link: string | null;
  urgent: boolean;
  /** Locked categories and urgent messages ignore opt-outs. */
  bypass: boolean;
  locale: Locale;
}

const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

/**
 * Which messages a request means for each recipient: the event's channels ∩ the person's choices ∩ the contact
 * data there is, rendered in the person's language (texts are fixed when written, so an SMS code is readable at once).
 */
export class MessagePlanner {
  constructor(private readonly cipher: PersonalDataCipher, private readonly registry: NotifyRegistry, private readonly settings: { quietHours: string }) {}

  context(requestId: string, event: EventInfo, params: Record<string, unknown>, link: string | null, urgent: boolean, locale?: string | null): SendContext {
    const locked = this.registry.category(event.category)?.locked ?? false;
    return { requestId, event, params, link, urgent, bypass: urgent || locked, locale: isLocale(locale) ? locale : 'zh-CN' };
  }

  /** Messages for accounts: event channels ∩ the person's choices ∩ the contact data the account has. */
  async forAccounts(q: Queryable, ctx: SendContext, accounts: RecipientAccount[]): Promise<NewMessage[]> {
    if (accounts.length === 0) return [];
    const channels = ctx.event.channels;
    const choices = ctx.bypass ? new Map<string, boolean>() : await recipientsRepository.choices(q, accounts.map((a) => a.id), ctx.event.category);
    const optedOut = ctx.bypass || !channels.includes('sms') ? new Set<string>() : await recipientsRepository.optedOut(q, accounts.flatMap((a) => (a.phone_hash ? [a.phone_hash] : [])));
    const out: NewMessage[] = [];
    for (const a of accounts) {
      const locale = isLocale(a.locale) ? a.locale : ctx.locale;
      const wants = (ch: 'sms' | 'email') => choices.get(`${a.id}:${ch}`) !== false;
      if (channels.includes('inapp')) out.push(this.message(ctx, 'inapp', locale, { accountId: a.id, enc: null, masked: maskName(a.display_name), hash: a.id }));
      if (channels.includes('sms') && a.phone_enc && wants('sms') && !(a.phone_hash && optedOut.has(a.phone_hash))) {
        const phone = this.cipher.decrypt(a.phone_enc);
        out.push(this.message(ctx, 'sms', locale, { accountId: a.id, enc: a.phone_enc, masked: maskPhone(phone), hash: a.phone_hash ?? this.cipher.lookupHash(phone) }));
      }
      if (channels.includes('email') && a.email && wants('email')) {
        out.push(this.message(ctx, 'email', locale, { accountId: a.id, enc: this.cipher.encrypt(a.email), masked: maskEmail(a.email), hash: this.cipher.lookupHash(a.email.toLowerCase()) }));
      }
    }
    return out;
  }

  /** Messages for raw contacts (no account, so no preferences; a number that said TD gets nothing non-urgent). */
  async forContacts(q: Queryable, ctx: SendContext, phones: string[], emails: string[]): Promise<NewMessage[]> {
    const out: NewMessage[] = [];
    if (ctx.event.channels.includes('sms') && phones.length) {
      const hashes = phones.map((p) => this.cipher.lookupHash(p));
      const optedOut = ctx.bypass ? new Set<string>() : await recipientsRepository.optedOut(q, hashes);
      phones.forEach((phone, i) => {
        if (!optedOut.has(hashes[i])) out.push(this.message(ctx, 'sms', ctx.locale, { accountId: null, enc: this.cipher.encrypt(phone), masked: maskPhone(phone), hash: hashes[i] }));
      });
    }
    if (ctx.event.channels.includes('email')) {
      for (const email of emails) out.push(this.message(ctx, 'email', ctx.locale, { accountId: null, enc: this.cipher.encrypt(email), masked: maskEmail(email), hash: this.cipher.lookupHash(email.toLowerCase()) }));
    }
    return out;
  }

  private message(ctx: SendContext, channel: Channel, locale: Locale, who: { accountId: string | null; enc: string | null; masked: string; hash: string }): NewMessage {
    const text = this.registry.render(ctx.event, channel, locale, ctx.params);
    const deferredUntil = channel === 'sms' && !ctx.urgent ? quietUntil(new Date(), this.settings.quietHours) : null;
    return {
      requestId: ctx.requestId, channel, accountId: who.accountId, recipientEnc: who.enc, recipientMasked: who.masked, recipientHash: who.hash,
      event: ctx.event.name, category: ctx.event.category, locale, subject: text.subject, body: text.body, link: ctx.link,
      params: ctx.params, urgent: ctx.urgent, confidential: ctx.event.confidential, status: channel === 'inapp' ? 'delivered' : 'queued', deferredUntil,
    };
  }

}
