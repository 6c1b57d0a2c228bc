import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { findDocNumbers } from './doc-number.js';

/**
 * Chinese segmentation for the search index, in the application (PGlite has no zhparser): jieba's own
 * dictionary plus the government vocabulary in gov-dictionary.txt (营业执照, 不动产登记, 公积金 …).
 * HMM guessing of unknown words is off, so that a text and a query are cut the same way whatever
 * surrounds them: a word jieba does not know falls apart into characters, which are indexed anyway.
 */
let jieba: Jieba | undefined;

export const GOV_DICTIONARY = new URL('./gov-dictionary.txt', import.meta.url);

export function segmenter(): Jieba {
  if (!jieba) {
    const j = Jieba.withDict(fs.readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt')));
    j.loadDict(fs.readFileSync(GOV_DICTIONARY));
    jieba = j;
  }
  return jieba;
}

const HAN = /\p{Script=Han}/u;
const WORDLIKE = /[\p{L}\p{N}]/u;
const RUNS = /[\p{L}\p{M}]+|\p{N}+/gu;
const NON_HAN_RUN = /(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+/gu;
/** PostgreSQL refuses lexemes over 2 KB; nothing a person searches for is that long. */
const MAX_LEXEME_CHARS = 60;

export const isHan = (s: string) => HAN.test(s);

/** Whether the UTF-16 code unit at `i` starts a Han character (BMP blocks, or a surrogate pair in the CJK extensions). */
function hanAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007) return 1;
  if (c >= 0xd840 && c <= 0xd88f && i + 1 < s.length) return HAN.test(s.slice(i, i + 2)) ? 2 : 0;
  return 0;
}

/** Full-width letters and digits to ASCII (NFKC), lower case: ＡＢＣ１２３ and abc123 are the same word. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export interface Lexeme {
  text: string;
  /** Offset in the normalized text (UTF-16 units): adjacent characters have adjacent positions. */
  pos: number;
}

/**
 * The lexemes of a text for the index: every word jieba cuts, every dictionary word inside a longer word
 * (社会保障 inside 社会保障卡), every Han character on its own (so that one character finds the words it is
 * part of), letters and digits of mixed tokens apart and together (iphone15, iphone, 15), and every
 * document number whole.
 */
export function indexLexemes(text: string): { lexemes: Lexeme[]; length: number } {
  const norm = normalizeText(text);
  const j = segmenter();
  const out: Lexeme[] = [];
  const emit = (t: string, pos: number) => { if (t.length <= MAX_LEXEME_CHARS) out.push({ text: t, pos }); };
  // Words inside longer words: one cutAll over the long tokens joined by line breaks (no word spans one).
  const long: { text: string; at: number; from: number }[] = [];
  let joined = '';
  let pos = 0;
  for (const tok of j.cut(norm, false)) {
    const at = pos;
    pos += tok.length;
    if (hanAt(tok, 0) && tok.length === 1) { emit(tok, at); continue; }
    if (!WORDLIKE.test(tok)) continue;
    emit(tok, at);
    let han = false;
    let other = false;
    for (let k = 0; k < tok.length; k++) {
      const n = hanAt(tok, k);
      if (n > 0) { han = true; emit(tok.slice(k, k + n), at + k); k += n - 1; } else other = true;
    }
    if (!han) {
      const parts = tok.match(RUNS) ?? [];
      if (parts.length > 1) for (const p of parts) emit(p, at);
      continue;
    }
    if (tok.length > 2) { long.push({ text: tok, at, from: joined.length }); joined += tok + '\n'; }
    // Letters and digits inside a word that also has characters (1号店, b超) are indexed on their own as well.
    if (other) for (const m of tok.matchAll(NON_HAN_RUN)) emit(m[0], at + m.index!);
  }
  if (long.length > 0) {
    let from = 0;
    let t = 0;
    for (const w of j.cutAll(joined)) {
      if (w.length < 2 || w.includes('\n')) continue;
      const at = joined.indexOf(w, from);
      if (at < 0) continue;
      from = at;
      while (t + 1 < long.length && long[t + 1].from <= at) t++;
      const tok = long[t];
      if (at + w.length <= tok.from + tok.text.length && !(at === tok.from && w.length === tok.text.length)) emit(w, tok.at + at - tok.from);
    }
  }
  for (const n of findDocNumbers(norm)) for (const v of n.variants) emit(v, n.index);
  return { lexemes: out, length: pos };
}

/** A query word cut like the index cuts texts: words, runs of characters jieba does not know, other words. */
export type QueryToken = { kind: 'word'; text: string } | { kind: 'chars'; chars: string[] };

export function queryTokens(text: string): QueryToken[] {
  const norm = normalizeText(text);
  const out: QueryToken[] = [];
  let run: string[] = [];
  const flush = () => { if (run.length > 0) out.push({ kind: 'chars', chars: run }); run = []; };
  for (const tok of segmenter().cut(norm, false)) {
    if (!WORDLIKE.test(tok)) { flush(); continue; }
    if (hanAt(tok, 0) === tok.length) { run.push(tok); continue; }
    flush();
    out.push({ kind: 'word', text: tok });
  }
  flush();
  return out;
}
