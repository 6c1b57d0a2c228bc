/**
 * Resident identity card numbers (公民身份号码, GB 11643-1999): 6-digit address code, birth date
 * YYYYMMDD, 3-digit sequence (odd for men), check character. The address code is only checked for
 * shape: people keep numbers issued by counties that have since been abolished or renamed.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'length' | 'format' | 'region' | 'birthDate' | 'checkDigit';

export type IdNumberResult =
  | { ok: true; value: string; regionCode: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; problem: IdNumberProblem };

/** Upper-cases the check character and removes surrounding and inner spaces people type in. */
export function normalizeIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Validates a number; `today` bounds the birth date (a person cannot be born in the future). */
export function validateIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  const v = normalizeIdNumber(input);
  if (v.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, problem: 'format' };
  // Province codes start at 11; only the shape is checked (see above: abolished counties stay valid).
  if (v[0] === '0') return { ok: false, problem: 'region' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const real = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!real || y < 1850 || birth.getTime() > today.getTime()) return { ok: false, problem: 'birthDate' };
  if (idNumberCheckChar(v) !== v[17]) return { ok: false, problem: 'checkDigit' };
  return {
    ok: true,
    value: v,
    regionCode: v.slice(0, 6),
    birthDate: `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`,
    sex: Number(v[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Builds a valid number from its parts (demo data and tests). */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: string): string {
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${sequence}`;
  if (!/^\d{17}$/.test(first17)) throw new Error('region (6), birth date (8) and sequence (3) must be digits');
  return first17 + idNumberCheckChar(first17);
}
