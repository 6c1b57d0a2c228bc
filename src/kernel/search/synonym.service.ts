import type { Db, Queryable } from '../db/db.js';
import { isUniqueViolation } from '../db/db.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { conflict, fieldError, notFound } from '../http/errors.js';
import { synonymKey, type Synonyms } from './search-query.js';
import { synonymRepository, type SynonymRow } from './synonym.repository.js';

export type AuditWho = Pick<AuditEntry, 'actorId' | 'actorName' | 'orgId' | 'ip'>;

export interface SynonymView {
  id: string;
  term: string;
  synonyms: string[];
  version: number;
  updatedAt: string;
}

export interface SynonymInput {
  term: string;
  synonyms: string[];
}

const present = (r: SynonymRow): SynonymView => ({ id: r.id, term: r.term, synonyms: r.synonyms, version: r.version, updatedAt: new Date(r.updated_at).toISOString() });

/** Normalized like query words (full-width to ASCII, lower case), checked, duplicates and the term itself dropped. */
export function cleanSynonyms(input: SynonymInput): SynonymInput {
  const term = synonymKey(input.term);
  if (!term || [...term].length > 20 || /\s/.test(term) || !/[\p{L}\p{N}]/u.test(term)) throw fieldError('term', 'search.synonym.term.invalid');
  const synonyms = [...new Set(input.synonyms.map(synonymKey))].filter((s) => s && s !== term);
  if (synonyms.some((s) => [...s].length > 30 || !/[\p{L}\p{N}]/u.test(s))) throw fieldError('synonyms', 'search.synonym.synonyms.invalid');
  if (synonyms.length === 0) throw fieldError('synonyms', 'search.synonym.synonyms.required');
  return { term, synonyms };
}

/**
 * Synonyms administrators edit (社保 → 社会保障). Queries use them at once on every process: each process
 * keeps them in memory with the version they were read at, and compares it with search_state's version
 * (one tiny query) before each search.
 */
export class SynonymService {
  private cache: { version: number; map: Synonyms } = { version: -1, map: new Map() };

  constructor(private readonly db: Db, private readonly audit: AuditService) {}

  async current(q: Queryable = this.db): Promise<Synonyms> {
    const version = await synonymRepository.version(q);
    if (version !== this.cache.version) {
      const rows = await synonymRepository.all(q);
      this.cache = { version, map: new Map(rows.map((r) => [r.term, r.synonyms])) };
    }
    return this.cache.map;
  }

  async list(f: { q?: string; page: number; pageSize: number }) {
    const r = await synonymRepository.list(this.db, { text: f.q ? synonymKey(f.q) : undefined, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
    return { items: r.items.map(present), total: r.total, page: f.page, pageSize: f.pageSize };
  }

  async create(who: AuditWho, input: SynonymInput): Promise<SynonymView> {
    const clean = cleanSynonyms(input);
    return this.write(async (tx) => {
      if (await synonymRepository.byTerm(tx, clean.term)) throw fieldError('term', 'search.synonym.term.taken');
      const row = await synonymRepository.insert(tx, clean.term, clean.synonyms, who.actorId ?? null);
      await this.audit.record(tx, { ...who, action: 'search.synonym.create', targetType: 'searchSynonym', targetId: row.id, details: { ...clean } });
      return row;
    });
  }

  async update(who: AuditWho, id: string, input: SynonymInput & { version: number }): Promise<SynonymView> {
    const clean = cleanSynonyms(input);
    return this.write(async (tx) => {
      const before = await synonymRepository.byId(tx, id);
      if (!before) throw notFound();
      const other = await synonymRepository.byTerm(tx, clean.term);
      if (other && other.id !== id) throw fieldError('term', 'search.synonym.term.taken');
      const row = await synonymRepository.update(tx, id, input.version, clean.term, clean.synonyms, who.actorId ?? null);
      if (!row) throw conflict();
      await this.audit.record(tx, { ...who, action: 'search.synonym.update', targetType: 'searchSynonym', targetId: id, details: { before: { term: before.term, synonyms: before.synonyms }, after: { ...clean } } });
      return row;
    });
  }

  async remove(who: AuditWho, id: string): Promise<void> {
    await this.write(async (tx) => {
      const row = await synonymRepository.remove(tx, id);
      if (!row) throw notFound();
      await this.audit.record(tx, { ...who, action: 'search.synonym.delete', targetType: 'searchSynonym', targetId: id, details: { term: row.term, synonyms: row.synonyms } });
      return row;
    });
  }

  /** A change and the version bump in one transaction; a duplicate term that slipped past the check is a field error. */
  private async write(fn: (tx: Queryable) => Promise<SynonymRow>): Promise<SynonymView> {
    try {
      return present(await this.db.tx(async (tx) => {
        const row = await fn(tx);
        await synonymRepository.bumpVersion(tx);
        return row;
      }));
    } catch (err) {
      if (isUniqueViolation(err, 'search_synonyms_term')) throw fieldError('term', 'search.synonym.term.taken');
      throw err;
    }
  }
}
