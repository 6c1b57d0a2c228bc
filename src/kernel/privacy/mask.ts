/** Masking of personal data wherever it is shown to someone other than its owner or published. */

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length < 7) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}

/** 11010519491231002X → 110105********002X */
export function maskIdNumber(id: string): string {
  const v = id.trim();
  if (v.length < 10) return '*'.repeat(v.length);
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

/** 张三丰 → 张** ; a two-character name keeps its first character. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** zhang.san@example.cn → z***@example.cn */
export function maskEmail(email: string): string {
  const v = email.trim();
  // The domain follows the last @: a quoted local part may contain one.
  const at = v.lastIndexOf('@');
  if (at < 0 || at === v.length - 1) return maskName(v);
  return `${[...v.slice(0, at)].slice(0, 1).join('')}***@${v.slice(at + 1)}`;
}
