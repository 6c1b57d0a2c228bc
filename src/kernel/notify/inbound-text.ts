/**
 * The keyword of an inbound SMS: its first word, case-insensitive, with the full-width letters and
 * digits Chinese input methods produce (ＴＤ, ｔｄ) and full-width spaces read as their ASCII forms.
 */
export function normalizeSmsText(text: string): string {
  return text.normalize('NFKC').trim().toUpperCase();
}

const SEPARATORS = /[\s,.;:!?，。；：！？、]+/u;

export function firstWord(text: string): string {
  return normalizeSmsText(text).split(SEPARATORS).find((w) => w.length > 0) ?? '';
}

const HAN = /\p{Script=Han}/u;

/**
 * Whether the text starts with the keyword. Latin keywords must be the whole first word (T is not TD);
 * Chinese ones need no space after them, as nobody types one (退订谢谢).
 */
export function matchesKeyword(text: string, keyword: string): boolean {
  const word = firstWord(text);
  const k = normalizeSmsText(keyword);
  if (!k) return false;
  return word === k || (HAN.test(k) && word.startsWith(k));
}
