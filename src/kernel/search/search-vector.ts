import { indexLexemes } from './segmenter.js';
import { normalizeDocNumber } from './doc-number.js';

/**
 * A document's tsvector, written by the application as a tsvector literal so that PostgreSQL's own
 * parser (which knows nothing of Chinese) never touches the tokens. Title is weight A, fields and
 * 文号 B, body C; positions follow the text, one per character, so phrase queries (<->) work.
 */
export type Weight = 'A' | 'B' | 'C' | 'D';

/** PostgreSQL keeps positions up to 16383 and at most 256 of them per lexeme. */
const MAX_POS = 16383;
const MAX_POSITIONS = 256;
/** Positions left empty between parts, so that a phrase never runs from one field into the next. */
const GAP = 2;

export function quoteLexeme(lexeme: string): string {
  if (lexeme.indexOf("'") < 0 && lexeme.indexOf('\\') < 0) return `'${lexeme}'`;
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

type Part = { text: string; weight: Weight; lexemes?: ReturnType<typeof indexLexemes> };

export function buildVector(parts: Part[]): string {
  const positions = new Map<string, string[]>();
  let offset = 1;
  for (const part of parts) {
    if (!part.text) continue;
    const { lexemes, length } = part.lexemes ?? indexLexemes(part.text);
    const w = part.weight === 'D' ? '' : part.weight;
    for (const l of lexemes) {
      let list = positions.get(l.text);
      if (!list) positions.set(l.text, (list = []));
      if (list.length < MAX_POSITIONS) list.push(`${Math.min(offset + l.pos, MAX_POS)}${w}`);
    }
    offset += length + GAP;
  }
  let out = '';
  for (const [lexeme, list] of positions) out += `${quoteLexeme(lexeme)}:${list.join(',')} `;
  return out;
}

export interface VectorInput {
  title: string;
  body: string;
  fields?: Record<string, string>;
  docNumber?: string | null;
}

/**
 * A document's two vectors. `head`: a tsvector literal with positions and weights for the title (A), 文号
 * and fields (B), which ranking reads. `lexemes`: every distinct lexeme of title, fields and body joined
 * by spaces, stored without positions as the matching vector (array_to_tsvector: a third of the size and
 * no literal to parse; a body only needs to say that it mentions a word — the title carries the weight).
 */
export function documentVectors(doc: VectorInput): { head: string; lexemes: string } {
  const number = doc.docNumber ? normalizeDocNumber(doc.docNumber) ?? doc.docNumber : '';
  const fields = Object.values(doc.fields ?? {}).join('\n');
  const parts: Part[] = [
    { text: doc.title, weight: 'A', lexemes: indexLexemes(doc.title) },
    { text: number, weight: 'B', lexemes: indexLexemes(number) },
    { text: fields, weight: 'B', lexemes: indexLexemes(fields) },
  ];
  const all = new Set<string>();
  for (const part of [...parts.map((x) => x.lexemes!), indexLexemes(doc.body)]) for (const l of part.lexemes) if (!l.text.includes(' ')) all.add(l.text);
  return { head: buildVector(parts), lexemes: [...all].join(' ') };
}
