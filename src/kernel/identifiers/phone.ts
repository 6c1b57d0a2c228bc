/**
 * Mainland China mobile numbers: 11 digits starting 13-19. A leading +86 / 0086 / 86 and the spaces
 * and hyphens people type are removed, so that one person's number is stored (and hashed) one way.
 */
export function normalizePhone(input: string): string {
  let v = input.replace(/[\s-]/g, '');
  if (v.startsWith('+86')) v = v.slice(3);
  else if (v.startsWith('0086')) v = v.slice(4);
  else if (v.length === 13 && v.startsWith('86')) v = v.slice(2);
  return v;
}

export function isMobilePhone(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizePhone(input));
}
