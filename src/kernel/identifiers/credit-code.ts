/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): registering authority, entity type,
 * 6-digit region, 9-character organisation code, check character, all from a 31-character set
 * without I, O, S, V and Z (too easily confused with 1, 0, 5, U and 2).
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'charset' | 'region' | 'checkChar';

export type CreditCodeResult = { ok: true; value: string; regionCode: string } | { ok: false; problem: CreditCodeProblem };

export function normalizeCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters (which must already be in the charset). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

export function validateCreditCode(input: string): CreditCodeResult {
  const v = normalizeCreditCode(input);
  if (v.length !== 18) return { ok: false, problem: 'length' };
  for (const c of v) if (!CREDIT_CODE_CHARSET.includes(c)) return { ok: false, problem: 'charset' };
  // The registering authority is a digit 1-9 or a letter; the region is always six digits.
  if (!/^\d{6}$/.test(v.slice(2, 8))) return { ok: false, problem: 'region' };
  if (creditCodeCheckChar(v) !== v[17]) return { ok: false, problem: 'checkChar' };
  return { ok: true, value: v, regionCode: v.slice(2, 8) };
}

/** Appends the check character to 17 characters (demo data and tests). */
export function makeCreditCode(first17: string): string {
  const v = normalizeCreditCode(first17);
  if (v.length !== 17 || [...v].some((c) => !CREDIT_CODE_CHARSET.includes(c))) throw new Error('17 characters of the credit-code charset are needed');
  return v + creditCodeCheckChar(v);
}
