import { html, raw, type SafeHtml } from './html.js';
import { t, type Locale } from '../i18n/i18n.js';
import { assetHref } from './assets.js';
import { basePath, counterpartPath, editionPath } from './edition.js';

/** Who is looking, as far as the page shell needs to know. */
export interface ShellViewer {
  kind: 'staff' | 'citizen' | 'enterprise';
  /** Unread in-app messages of a citizen or enterprise, when the page looked them up. */
  unread?: number;
}

/** Everything the shell needs besides the page itself; built from a request, or from a locale alone for error pages. */
export interface ShellContext {
  locale: Locale;
  /** The address of this page in its edition (with query), or null when unknown (error pages). */
  url: string | null;
  large: boolean;
  viewer: ShellViewer | null;
}

export interface ShellPage {
  title: string;
  main: SafeHtml;
  description?: string;
}

const OTHER_LANG: Record<Locale, { lang: Locale; label: string }> = {
  'zh-CN': { lang: 'en', label: 'English' },
  en: { lang: 'zh-CN', label: '中文' },
};

function navItem(ctx: ShellContext, path: string, label: string): SafeHtml {
  const here = ctx.url !== null && basePath(ctx.url).split(/[?#]/)[0] === path;
  return html`<li><a href="${editionPath(ctx.locale, path)}"${here ? raw(' aria-current="page"') : ''}>${label}</a></li>`;
}

/** Links that depend on sign-in: a visitor signs in or registers; an account holder goes to the account or office. */
function accountItems(ctx: ShellContext, l: (k: string) => string): SafeHtml {
  if (!ctx.viewer) return html`${navItem(ctx, '/login', l('portal.nav.login'))}${navItem(ctx, '/register', l('portal.nav.register'))}`;
  if (ctx.viewer.kind === 'staff') return html`<li><a href="/office/">${l('portal.nav.office')}</a></li>`;
  const unread = ctx.viewer.unread ?? 0;
  const messages = unread > 0 ? t(ctx.locale, 'portal.nav.messagesUnread', { count: unread }) : l('portal.nav.messages');
  return html`${navItem(ctx, '/messages', messages)}${navItem(ctx, '/account', l('portal.nav.account'))}`;
}

function displayToggle(ctx: ShellContext, l: (k: string) => string): SafeHtml {
  const back = ctx.url ?? editionPath(ctx.locale, '/');
  const mode = ctx.large ? 'standard' : 'large';
  const href = editionPath(ctx.locale, `/display?mode=${mode}&back=${encodeURIComponent(back)}`);
  return html`<a href="${href}">${l(ctx.large ? 'portal.display.toStandard' : 'portal.display.toLarge')}</a>`;
}

/**
 * The portal's one page shell (统一平台、统一标准). Server-rendered and complete without JavaScript:
 * skip link, banner with the site name, tools (language, large text), main navigation, main, footer.
 */
export function renderShell(ctx: ShellContext, page: ShellPage): string {
  const l = (key: string) => t(ctx.locale, key);
  const other = OTHER_LANG[ctx.locale];
  const otherHref = ctx.url === null ? editionPath(other.lang, '/') : counterpartPath(ctx.url, ctx.locale);
  return '<!doctype html>\n' + html`<html lang="${ctx.locale}"${ctx.large ? raw(' class="large-text"') : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} - ${l('portal.siteName')}</title>
${page.description ? html`<meta name="description" content="${page.description}">` : ''}
<link rel="icon" href="${assetHref('emblem.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetHref('portal.css')}">
${ctx.url === null ? '' : html`<link rel="alternate" hreflang="${other.lang}" href="${otherHref}">`}
</head>
<body>
<a class="skip-link" href="#main">${l('portal.skipToContent')}</a>
<header class="site-header">
<div class="toolbar"><div class="wrap toolbar-inner">
<p class="toolbar-welcome">${l('portal.welcome')}</p>
<nav aria-label="${l('portal.tools.label')}"><ul class="toolbar-links">
<li><a href="${otherHref}" lang="${other.lang}" hreflang="${other.lang}">${other.label}</a></li>
<li>${displayToggle(ctx, l)}</li>
</ul></nav>
</div></div>
<div class="masthead"><div class="wrap">
<a class="brand" href="${editionPath(ctx.locale, '/')}">
<img class="brand-emblem" src="${assetHref('emblem.svg')}" alt="" width="56" height="56">
<span class="brand-text"><span class="brand-name">${l('portal.siteName')}</span>
<span class="brand-alt" lang="${other.lang}">${t(other.lang, 'portal.siteName')}</span></span>
</a>
<form class="site-search" role="search" aria-label="${l('portal.search.site')}" method="get" action="${editionPath(ctx.locale, '/search')}">
<label for="site-q">${l('portal.search.site')}</label>
<input id="site-q" name="q" type="search" maxlength="100">
<button class="button" type="submit">${l('portal.search.submit')}</button>
</form>
</div></div>
<nav class="main-nav" aria-label="${l('portal.nav.label')}"><div class="wrap"><ul>
${navItem(ctx, '/', l('portal.nav.home'))}
${navItem(ctx, '/calendar', l('portal.nav.calendar'))}
${navItem(ctx, '/departments', l('portal.nav.departments'))}
${accountItems(ctx, l)}
</ul></div></nav>
</header>
<main id="main" class="wrap" tabindex="-1">
${page.main}
</main>
<footer class="site-footer"><div class="wrap">
<p>${l('portal.footer.sponsor')}</p>
<p class="footer-records"><span>${l('portal.footer.siteCode')}</span><span class="sep" aria-hidden="true"> | </span><span>${l('portal.footer.icp')}</span><span class="sep" aria-hidden="true"> | </span><span>${l('portal.footer.police')}</span></p>
<p>${l('portal.footer')}</p>
<p class="footer-note">${l('portal.footer.note')}</p>
</div></footer>
</body>
</html>`.value;
}
