import { escapeHtml } from '../html/html.js';
import { docNumberPattern } from './doc-number.js';

/**
 * Highlighted snippets, made in the application: the text is HTML-escaped and only the <mark> elements
 * added here are markup. Matching is done on the normalized text (full-width to ASCII, lower case) and
 * mapped back to the original characters, so that ＩＳＯ and iso are both marked for "iso".
 */
export interface Marks {
  words: string[];
  docNumbers: string[];
}

type Range = [start: number, end: number];

/** The text normalized one character at a time, with where each normalized character came from. */
function normalizedWithMap(text: string): { norm: string; from: number[] } {
  let norm = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    norm += n;
    for (let k = 0; k < n.length; k++) from.push(i);
    i += ch.length;
  }
  from.push(text.length);
  return { norm, from };
}

/** Ranges of the original text that match, longest first where they overlap, merged and in order. */
export function matchRanges(text: string, marks: Marks): Range[] {
  const { norm, from } = normalizedWithMap(text);
  const found: Range[] = [];
  const add = (s: number, e: number) => found.push([from[s], from[e]]);
  for (const word of marks.words) {
    if (!word) continue;
    for (let at = norm.indexOf(word); at >= 0 && found.length < 5000; at = norm.indexOf(word, at + word.length)) add(at, at + word.length);
  }
  for (const n of marks.docNumbers) {
    for (const m of norm.matchAll(new RegExp(docNumberPattern(n), 'gu'))) add(m.index!, m.index! + m[0].length);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function render(text: string, ranges: Range[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const [s, e] of ranges) {
    if (e <= start || s >= end) continue;
    const a = Math.max(s, start);
    const b = Math.min(e, end);
    out += escapeHtml(text.slice(at, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    at = b;
  }
  return out + escapeHtml(text.slice(at, end));
}

/** The whole text, escaped, with every match marked (titles). */
export function highlightAll(text: string, marks: Marks): string {
  return render(text, matchRanges(text, marks), 0, text.length);
}

/**
 * About `size` characters of `text` around its densest cluster of matches (the start of the text if
 * nothing matches), escaped, with matches marked and … where the text was cut.
 */
export function snippet(text: string, marks: Marks, size = 120): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const ranges = matchRanges(clean, marks);
  let best = 0;
  let bestScore = -1;
  for (const [s] of ranges.slice(0, 200)) {
    const inWindow = ranges.filter(([a, b]) => a >= s && b <= s + size);
    const distinct = new Set(inWindow.map(([a, b]) => clean.slice(a, b).toLowerCase())).size;
    if (distinct > bestScore) { bestScore = distinct; best = s; }
  }
  let start = ranges.length === 0 ? 0 : Math.max(0, best - Math.floor(size / 6));
  // Never cut a surrogate pair in two.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(clean[start])) start--;
  let end = Math.min(clean.length, start + size);
  if (end < clean.length && /[\uD800-\uDBFF]/.test(clean[end - 1])) end++;
  return (start > 0 ? '…' : '') + render(clean, ranges, start, end) + (end < clean.length ? '…' : '');
}
