/**
 * 文号 (document numbers) such as 示政发〔2026〕7号. Writers type the year brackets in many ways — 〔〕, [], ［］,
 * (), （）, 【】 — and sometimes 第 or leading zeros; GB/T 9704 writes 〔〕 with no 第 and no zeros. Every form is
 * normalized to that one and indexed as a single token, so that any spelling finds the document exactly.
 */
const OPEN = '〔\\[［(（【';
const CLOSE = '〕\\]］)）】';
/** An organ code is a few characters (示政发, 国办函, 粤府); in running text nothing marks where it starts. */
const MAX_PREFIX = 10;
const MIN_PREFIX = 2;
const PATTERN = `([\\p{Script=Han}A-Za-z]{1,${MAX_PREFIX}})\\s*[${OPEN}]\\s*((?:19|20)\\d{2})\\s*[${CLOSE}]\\s*第?\\s*0*(\\d{1,6})\\s*号`;

export interface DocNumberMatch {
  /** The number as GB/T 9704 writes it, with the whole prefix found. */
  normalized: string;
  /** The normalized number with every plausible organ code (the last 2…10 characters before the year). */
  variants: string[];
  index: number;
  length: number;
}

const form = (prefix: string, year: string, seq: string) => `${prefix}〔${year}〕${seq}号`;

/** Every document number in `text`. */
export function findDocNumbers(text: string): DocNumberMatch[] {
  const out: DocNumberMatch[] = [];
  if (!text.includes('号')) return out;
  for (const m of text.matchAll(new RegExp(PATTERN, 'gu'))) {
    const chars = [...m[1]];
    const variants: string[] = [];
    for (let n = Math.min(chars.length, MAX_PREFIX); n >= MIN_PREFIX; n--) variants.push(form(chars.slice(-n).join(''), m[2], m[3]));
    if (variants.length === 0) continue;
    out.push({ normalized: variants[0], variants, index: m.index!, length: m[0].length });
  }
  return out;
}

/** The normalized form of a field that holds one document number, or null when it is not one. */
export function normalizeDocNumber(text: string): string | null {
  const s = text.trim();
  const found = findDocNumbers(s);
  return found.length === 1 && found[0].index === 0 && found[0].length === s.length ? found[0].normalized : null;
}

/** A regular expression source that finds a normalized number in original text, whatever brackets it was written with. */
export function docNumberPattern(normalized: string): string {
  const m = /^(.+)〔(\d{4})〕(\d+)号$/u.exec(normalized);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!m) return escape(normalized);
  return `${escape(m[1])}\\s*[${OPEN}]\\s*${m[2]}\\s*[${CLOSE}]\\s*第?\\s*0*${m[3]}\\s*号`;
}
