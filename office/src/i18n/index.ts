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

/** Whether `key` is one of the app's messages (for keys built from server codes, such as audit actions). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/** Every message key starting with `prefix`, in catalogue order. */
export function messageKeys(prefix: string): MessageKey[] {
  return (Object.keys(zhCN) as MessageKey[]).filter((k) => k.startsWith(prefix));
}

/** Switches language for the office app and the server's messages, then reloads so every text follows. */
export function switchLocale(next: Locale): void {
  document.cookie = `${LANG_COOKIE}=${encodeURIComponent(next)}; path=/; max-age=31536000; samesite=strict`;
  window.location.reload();
}
