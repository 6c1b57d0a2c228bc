import type { Db } from '../../kernel/db/db.js';
import type { AuditService } from '../../kernel/audit/audit.service.js';
import type { AuditEntry } from '../../kernel/audit/audit.service.js';
import { isUniqueViolation } from '../../kernel/db/db.js';
import { conflict, fieldError, notFound } from '../../kernel/http/errors.js';
import { regionCodeProblem, regionLevel, parentRegionCode } from './region-code.js';
import { regionRepository, type RegionRow } from './region.repository.js';

export type AuditWho = Pick<AuditEntry, 'actorId' | 'actorName' | 'orgId' | 'ip'>;

export interface RegionView {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  sort: number;
  version: number;
  hasChildren: boolean;
}

export const presentRegion = (r: RegionRow): RegionView => ({
  code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, sort: r.sort, version: r.version, hasChildren: (r.child_count ?? 0) > 0,
});

/** Regions are public reference data; only the system administrator changes them. */
export class RegionService {
  constructor(private readonly db: Db, private readonly audit: AuditService) {}

  async children(parent: string | undefined): Promise<RegionView[]> {
    if (parent !== undefined && parent !== '' && !regionLevel(parent)) throw fieldError('parent', 'directory.region.codeFormat');
    return (await regionRepository.children(this.db, parent || null)).map(presentRegion);
  }

  async get(code: string): Promise<RegionView & { ancestors: RegionView[] }> {
    const row = regionLevel(code) ? await regionRepository.byCode(this.db, code) : undefined;
    if (!row) throw notFound();
    const ancestors: RegionView[] = [];
    for (let c = parentRegionCode(code); c; c = parentRegionCode(c)) {
      const a = await regionRepository.byCode(this.db, c);
      if (a) ancestors.unshift(presentRegion(a));
    }
    return { ...presentRegion(row), ancestors };
  }

  async create(who: AuditWho, input: { code: string; name: string; parentCode?: string | null; sort?: number }): Promise<RegionView> {
    const problem = regionCodeProblem(input.code, input.parentCode);
    if (problem) throw fieldError(problem.field, problem.key, { parent: parentRegionCode(input.code) ?? '' });
    const level = regionLevel(input.code)!;
    const parentCode = parentRegionCode(input.code);
    return this.db.tx(async (tx) => {
      if (parentCode && !(await regionRepository.byCode(tx, parentCode))) {
        throw fieldError('parentCode', 'directory.region.parentMissing', { parent: parentCode });
      }
      if (await regionRepository.byCode(tx, input.code)) throw fieldError('code', 'directory.region.codeTaken');
      try {
        await regionRepository.insert(tx, { code: input.code, name: input.name.trim(), level, parentCode, sort: input.sort ?? 0 });
      } catch (err) {
        if (isUniqueViolation(err)) throw fieldError('code', 'directory.region.codeTaken');
        throw err;
      }
      await this.audit.record(tx, { ...who, action: 'directory.region.create', targetType: 'region', targetId: input.code, details: { name: input.name } });
      return presentRegion((await regionRepository.byCode(tx, input.code))!);
    });
  }

  async update(who: AuditWho, code: string, patch: { name?: string; sort?: number; version: number }): Promise<RegionView> {
    return this.db.tx(async (tx) => {
      const before = regionLevel(code) ? await regionRepository.byCode(tx, code) : undefined;
      if (!before) throw notFound();
      const row = await regionRepository.update(tx, code, patch.version, { name: patch.name?.trim(), sort: patch.sort });
      if (!row) throw conflict();
      await this.audit.record(tx, { ...who, action: 'directory.region.update', targetType: 'region', targetId: code, details: { from: before.name, to: row.name } });
      return presentRegion((await regionRepository.byCode(tx, code))!);
    });
  }
}
