import type { Locale } from '../i18n/i18n.js';

/**
 * Portal addresses by edition: Chinese pages at /..., English pages at /en/... (the same page in both).
 * Paths here may carry a query string.
 */
export function editionPath(locale: Locale, path: string): string {
  if (locale !== 'en') return path;
  return path === '/' || path.startsWith('/?') ? `/en/${path.slice(1)}` : `/en${path}`;
}

/** The Chinese-edition form of a portal address: '/en/calendar?x=1' → '/calendar?x=1', '/en' → '/'. */
export function basePath(url: string): string {
  if (url === '/en' || url.startsWith('/en?') || url.startsWith('/en#')) return '/' + url.slice(3);
  if (url.startsWith('/en/')) return url.slice(3);
  return url;
}

/** The same page in the other edition. */
export function counterpartPath(url: string, locale: Locale): string {
  return editionPath(locale === 'en' ? 'zh-CN' : 'en', basePath(url));
}

/**
 * A safe "go back to" address: only a path on this site. Rejects other hosts ('//evil', '/\\evil',
 * 'https://…'), control characters and over-long values, so a link cannot bounce a visitor elsewhere.
 */
export function localPathOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return null;
  try {
    const base = 'http://portal.invalid';
    const u = new URL(value, base);
    if (u.origin !== base) return null;
    return u.pathname + u.search + u.hash;
  } catch {
    return null;
  }
}
