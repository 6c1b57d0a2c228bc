/** Field rules shared by the staff form and the staff import, so that both accept exactly the same values. */

export const USERNAME_PATTERN = '^[a-zA-Z][a-zA-Z0-9._-]{2,39}$';
const USERNAME_RE = new RegExp(USERNAME_PATTERN);

export function isUsername(value: string): boolean {
  return USERNAME_RE.test(value);
}

/** A mainland mobile number as typed (full-width digits, spaces, dashes, +86) → 11 digits, or null if it is not one. */
export function normalisePhone(value: string): string | null {
  const v = value.normalize('NFKC').replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9][0-9]{9}$/.test(v) ? v : null;
}

export function isEmail(value: string): boolean {
  return value.length <= 120 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** A random password that meets the policy; it is never shown (imported staff get theirs reset by the security administrator). */
export function randomPassword(random: (n: number) => Buffer): string {
  return `Zw-${random(18).toString('base64url')}-9a`;
}
