import { t, type Locale } from '../../../kernel/i18n/i18n.js';
import { editionPath } from '../../../kernel/html/edition.js';
import type { ShellViewer } from '../../../kernel/html/shell.js';

/** What a portal page template needs besides its data: the edition's texts and addresses, and the viewer. */
export interface PageContext {
  locale: Locale;
  viewer: ShellViewer | null;
  l: (key: string, params?: Record<string, unknown>) => string;
  href: (path: string) => string;
  /** lang attribute for Chinese-only data (organisation names) shown in another edition. */
  dataLang: 'zh-CN' | null;
}

export function pageContext(locale: Locale, viewer: ShellViewer | null): PageContext {
  return {
    locale,
    viewer,
    l: (key, params) => t(locale, key, params),
    href: (path) => editionPath(locale, path),
    dataLang: locale === 'zh-CN' ? null : 'zh-CN',
  };
}
