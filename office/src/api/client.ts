import { t } from '../i18n';

export interface FieldMessage {
  field: string;
  message: string;
}

/** An error answered by the platform: `{ error: { code, message, fields } }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldMessage[] = [],
    /** The whole answer, for the few errors that carry more (an import's row-by-row report). */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

const CSRF_COOKIE = 'zw_csrf';

function readCookie(name: string): string | undefined {
  const m = document.cookie.match(new RegExp(`(?:^|;\\s*)${name}=([^;]+)`));
  return m ? decodeURIComponent(m[1]) : undefined;
}

/** The double-submit CSRF token; the server sets the cookie when it serves the app, so fetching the app page restores it. */
async function csrfToken(): Promise<string> {
  let token = readCookie(CSRF_COOKIE);
  if (!token) {
    await fetch('/office/', { credentials: 'same-origin', headers: { accept: 'text/html' } });
    token = readCookie(CSRF_COOKIE);
  }
  return token ?? '';
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();

/** Called when an API call finds the session gone (expired, ended elsewhere): the app returns to sign-in. */
export function onSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart upload (the browser sets its content type). */
  form?: FormData;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = await csrfToken();
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', t('error.network'));
  }
  const text = await res.text();
  let data: any = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const e = data?.error;
    const err = e ? new ApiError(res.status, e.code ?? 'HTTP', e.message ?? t('error.http', { status: res.status }), e.fields ?? [], data)
      : new ApiError(res.status, 'HTTP', t('error.http', { status: res.status }));
    // A session that ended while the app was open; the sign-in calls themselves report their own 401s.
    if (res.status === 401 && !path.startsWith('/api/auth/')) signedOutListeners.forEach((l) => l());
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};

/** Lists arrive either bare or as `{ items }` / `{ total, items }`; pages need the rows. */
export function rowsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    for (const key of ['items', 'roots', 'rows', 'regions', 'orgs', 'roles', 'grants', 'permissions', 'staff', 'accounts', 'days']) {
      const v = (data as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}

export function totalOf(data: unknown, fallback: number): number {
  const n = (data as { total?: unknown } | undefined)?.total;
  return typeof n === 'number' ? n : fallback;
}
