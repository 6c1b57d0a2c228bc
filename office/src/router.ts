import { useSyncExternalStore } from 'react';

/** Client-side routes below the app's base path; the server answers every /office/* with the app. */
export const BASE = '/office';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The current route, relative to the base, e.g. `/directory/orgs`. */
function currentRoute(): string {
  const p = window.location.pathname;
  const rel = p.startsWith(BASE) ? p.slice(BASE.length) : p;
  return (rel.replace(/\/+$/, '') || '/') + window.location.search;
}

export function useRoute(): { path: string; query: URLSearchParams } {
  const full = useSyncExternalStore(subscribe, currentRoute);
  const [path, search = ''] = full.split('?');
  return { path, query: new URLSearchParams(search) };
}

export function href(route: string): string {
  return route === '/' ? `${BASE}/` : `${BASE}${route}`;
}

export function navigate(route: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', href(route));
  else window.history.pushState(null, '', href(route));
  listeners.forEach((l) => l());
}

/**
 * Props for a real link to a route of the app: it opens in a new tab or window with the usual modifier keys and is
 * announced as a link; a plain click stays in the app.
 */
export function appLink(route: string): { href: string; onClick: (e: { ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; preventDefault(): void }) => void } {
  return {
    href: href(route),
    onClick: (e) => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); navigate(route); } },
  };
}

/** Matches `/directory/staff/:id` against a path; the named parts, or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(':')) params[a[i].slice(1)] = decodeURIComponent(b[i]);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}
