import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';

const LANG_COOKIE = 'zw_lang';

/** Chinese first; English when the user chose it (the same cookie makes the server answer in English). */
function initialLocale(): Locale {
  const m = document.cookie.match(/(?:^|;\s*)zw_lang=([^;]+)/);
  return m && decodeURIComponent(m[1]) === 'en' ? 'en' : 'zh-CN';
}

export const locale: Locale = initialLocale();
const catalog: Record<MessageKey, string> = locale === 'en' ? en : zhCN;

/** The message `key` in the user's language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalog[key] ?? zhCN[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** Switches language for the office app and the server's messages, then reloads so every text follows. */
export function switchLocale(next: Locale): void {
  document.cookie = `${LANG_COOKIE}=${encodeURIComponent(next)}; path=/; max-age=31536000; samesite=strict`;
  window.location.reload();
}
