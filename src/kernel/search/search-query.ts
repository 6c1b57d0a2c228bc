import { findDocNumbers } from './doc-number.js';
import { normalizeText, queryTokens } from './segmenter.js';
import { quoteLexeme } from './search-vector.js';

/** Administrators' synonyms: a query word (normalized) and the words it also finds (社保 → 社会保障). */
export type Synonyms = ReadonlyMap<string, readonly string[]>;

type Node =
  | { kind: 'lexeme'; text: string }
  | { kind: 'and' | 'or'; items: Node[] };

export interface ParsedQuery {
  /** A tsquery literal: words of the query ANDed, each with its synonyms ORed. */
  tsquery: string;
  /** The tsquery of each ANDed word alone: the matches of the whole are at most those of the rarest word. */
  parts: string[];
  /** What to mark in titles and snippets: words, character runs, synonyms (normalized text). */
  marks: string[];
  /** Document numbers of the query, normalized (marked whatever brackets the text used). */
  docNumbers: string[];
}

const combine = (kind: 'and' | 'or', items: (Node | null)[]): Node | null => {
  const list = items.filter((n): n is Node => n !== null);
  if (list.length === 0) return null;
  return list.length === 1 ? list[0] : { kind, items: list };
};

function render(n: Node): string {
  switch (n.kind) {
    case 'lexeme': return quoteLexeme(n.text);
    default: return `(${n.items.map(render).join(n.kind === 'and' ? ' & ' : ' | ')})`;
  }
}

export const synonymKey = (term: string) => normalizeText(term).trim();

/**
 * One query word (or one synonym of it): cut like the index cuts texts; its pieces are ANDed. A run of
 * characters jieba does not join into a word needs each of its characters (bodies are indexed without
 * positions, so adjacency cannot be asked for; ranking still prefers titles that have the run).
 */
function compileWord(text: string, synonyms: Synonyms, marks: Set<string>): Node | null {
  const items: (Node | null)[] = [];
  for (const tok of queryTokens(text)) {
    if (tok.kind === 'chars') {
      marks.add(tok.chars.join(''));
      items.push(combine('and', tok.chars.map((c) => ({ kind: 'lexeme', text: c }))));
      continue;
    }
    marks.add(tok.text);
    const expanded = synonyms.get(tok.text) ?? [];
    items.push(combine('or', [{ kind: 'lexeme', text: tok.text }, ...expanded.map((s) => compileWord(s, new Map(), marks))]));
  }
  return combine('and', items);
}

/** The tsquery for what a person typed; null when it holds nothing to search for (only punctuation). */
export function parseQuery(q: string, synonyms: Synonyms = new Map()): ParsedQuery | null {
  let rest = normalizeText(q);
  const marks = new Set<string>();
  const parts: (Node | null)[] = [];
  const docNumbers: string[] = [];
  for (const n of findDocNumbers(rest).reverse()) {
    docNumbers.push(n.normalized);
    parts.push({ kind: 'lexeme', text: n.normalized });
    rest = rest.slice(0, n.index) + ' ' + rest.slice(n.index + n.length);
  }
  for (const chunk of rest.split(/\s+/).filter(Boolean)) {
    const alternatives = [chunk, ...(synonyms.get(chunk) ?? [])];
    // A whole-chunk synonym already expands the chunk; its pieces are not expanded again.
    const inner = synonyms.has(chunk) ? new Map() : synonyms;
    parts.push(combine('or', alternatives.map((a) => compileWord(a, inner, marks))));
  }
  const root = combine('and', parts);
  if (!root) return null;
  const each = root.kind === 'and' ? root.items.map(render) : [render(root)];
  return { tsquery: render(root), parts: each, marks: [...marks], docNumbers: docNumbers.reverse() };
}
