import { t, type Locale } from '../i18n/i18n.js';
import type { AccountKind } from '../auth/actor.js';
import { CHANNELS, type Channel } from './gateway.js';

export interface CategoryOptions {
  /** Catalogue keys of the name and the one-line explanation people see on their preferences page. */
  label?: string;
  description?: string;
  /** People cannot turn it off (security notices). */
  locked?: boolean;
  /** Account kinds whose preferences page lists it (default: all; staff work reminders mean nothing to the public). */
  kinds?: AccountKind[];
}
export interface CategoryInfo { name: string; label: string; description: string; locked: boolean; kinds: AccountKind[] | null }

export interface EventOptions {
  category: string;
  /** Channels the event uses by default; each person's preferences and contact data narrow them. */
  channels: Channel[];
  /** Ignores opt-outs, quiet hours and the per-number limit (a verification code, a security alert). */
  urgent?: boolean;
  /** The text holds a secret (a verification code): administrators see that a message went, not what it said. */
  confidential?: boolean;
  /** Catalogue keys; by default `<event>.title`, `<event>.body`, `<event>.sms`, `<event>.emailSubject` (else the title). */
  templates?: { title?: string; body?: string; sms?: string; emailSubject?: string };
}
export interface EventInfo {
  name: string;
  category: string;
  channels: Channel[];
  urgent: boolean;
  confidential: boolean;
  templates: { title: string; body: string; sms: string; emailSubject: string };
}

export interface Rendered { subject: string | null; body: string }

const missing = (key: string) => t('zh-CN', key) === key;

/**
 * Categories and events: what a module may send, on which channels, with which texts. Declared in code at
 * start-up (every process the same), so nothing here is state a second process could miss.
 */
export class NotifyRegistry {
  private readonly categories = new Map<string, CategoryInfo>();
  private readonly events = new Map<string, EventInfo>();

  defineCategory(name: string, opts: CategoryOptions = {}): void {
    if (this.categories.has(name)) throw new Error(`notification category ${name} is already defined`);
    this.categories.set(name, {
      name, label: opts.label ?? `notify.category.${name}`, description: opts.description ?? `notify.category.${name}.description`, locked: !!opts.locked,
      kinds: opts.kinds ?? null,
    });
  }

  defineEvent(name: string, opts: EventOptions): void {
    if (this.events.has(name)) throw new Error(`notification event ${name} is already defined`);
    if (!this.categories.has(opts.category)) throw new Error(`event ${name}: unknown category ${opts.category}`);
    if (opts.channels.length === 0 || opts.channels.some((c) => !CHANNELS.includes(c))) throw new Error(`event ${name}: channels must be some of ${CHANNELS.join(', ')}`);
    const templates = {
      title: opts.templates?.title ?? `${name}.title`,
      body: opts.templates?.body ?? `${name}.body`,
      sms: opts.templates?.sms ?? `${name}.sms`,
      emailSubject: opts.templates?.emailSubject ?? `${name}.emailSubject`,
    };
    const needed = [
      ...(opts.channels.includes('inapp') || opts.channels.includes('email') ? [templates.title, templates.body] : []),
      ...(opts.channels.includes('sms') ? [templates.sms] : []),
    ];
    const absent = needed.filter(missing);
    if (absent.length) throw new Error(`event ${name}: no zh-CN text for ${absent.join(', ')} (add them to the module's messages)`);
    this.events.set(name, { name, category: opts.category, channels: [...new Set(opts.channels)], urgent: !!opts.urgent, confidential: !!opts.confidential, templates });
  }

  event(name: string): EventInfo {
    const e = this.events.get(name);
    if (!e) throw new Error(`notification event ${name} is not defined (kernel.notify.defineEvent in the module's onStart)`);
    return e;
  }

  category(name: string): CategoryInfo | undefined {
    return this.categories.get(name);
  }

  allCategories(): CategoryInfo[] {
    return [...this.categories.values()];
  }

  /** The text of one channel's message in the recipient's language. */
  render(e: EventInfo, channel: Channel, locale: Locale, params: Record<string, unknown>): Rendered {
    const tr = (key: string) => t(locale, key, params);
    if (channel === 'sms') return { subject: null, body: tr(e.templates.sms) };
    const title = tr(e.templates.title);
    if (channel === 'email') return { subject: missing(e.templates.emailSubject) ? title : tr(e.templates.emailSubject), body: tr(e.templates.body) };
    return { subject: title, body: tr(e.templates.body) };
  }
}
