import { isMessageKey, messageKeys, t } from '../i18n';

const PREFIX = 'auditAction.';

/** The audit actions the app has a name for (`auditAction.*` in the catalogues), outcome variants left out. */
export const KNOWN_ACTIONS: string[] = messageKeys(PREFIX)
  .filter((k) => !k.endsWith('.failure'))
  .map((k) => k.slice(PREFIX.length));

/** An action's name in the user's language (a failed sign-in has its own), or the raw code when the app has none. */
export function actionLabel(code: string, outcome?: string): string {
  const variant = `${PREFIX}${code}.${outcome}`;
  if (outcome && isMessageKey(variant)) return t(variant);
  const key = `${PREFIX}${code}`;
  return isMessageKey(key) ? t(key) : code;
}
