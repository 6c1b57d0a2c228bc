/**
 * Message catalogues. Every module ships its own (zh-CN first, then en); the kernel merges them.
 * Keys are dotted ("identity.idNumber.checkDigit"); `{name}` placeholders are filled from params.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type Catalog = Record<string, string>;
export type Catalogs = Partial<Record<Locale, Catalog>> & { 'zh-CN': Catalog };

const merged: Record<Locale, Catalog> = { 'zh-CN': {}, en: {} };

export function addMessages(catalogs: Catalogs): void {
  for (const locale of LOCALES) Object.assign(merged[locale], catalogs[locale] ?? {});
}

export function t(locale: Locale, key: string, params?: Record<string, unknown>): string {
  const text = merged[locale][key] ?? merged[DEFAULT_LOCALE][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}


/** Picks the caller's language: an explicit choice first, then Accept-Language, then Chinese. */
export function pickLocale(explicit: string | undefined, acceptLanguage: string | undefined): Locale {
  if (explicit && (LOCALES as readonly string[]).includes(explicit)) return explicit as Locale;
  if (acceptLanguage) {
    for (const part of acceptLanguage.split(',')) {
      const tag = part.split(';')[0].trim().toLowerCase();
      if (tag.startsWith('zh')) return 'zh-CN';
      if (tag.startsWith('en')) return 'en';
    }
  }
  return DEFAULT_LOCALE;
}
