import crypto from 'node:crypto';
import type { Actor } from '../../kernel/auth/actor.js';
import type { Db, Queryable } from '../../kernel/db/db.js';
import type { AuditService } from '../../kernel/audit/audit.service.js';
import { isUniqueViolation } from '../../kernel/db/db.js';
import { conflict, fieldError, forbidden, notFound } from '../../kernel/http/errors.js';
import { ORG_VIEW } from './directory.permissions.js';
import { covers, hasRootScope, likePatterns, requireScope, scopeFor } from './directory-scope.js';
import { orgRepository, type NewOrgInput, type OrgKind, type OrgRow } from './org.repository.js';
import { regionRepository } from './region.repository.js';
import type { AuditWho } from './region.service.js';

export interface OrgView {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  regionCode: string | null;
  sort: number;
  active: boolean;
  version: number;
}
export interface OrgNode extends OrgView {
  children: OrgNode[];
}

export const presentOrg = (o: OrgRow): OrgView => ({
  id: o.id, parentId: o.parent_id, code: o.code, name: o.name, shortName: o.short_name, kind: o.kind,
  regionCode: o.region_code, sort: o.sort, active: o.active, version: o.version,
});

/** Nests scoped rows (parents first) into trees; each scope root starts a tree. */
export function nestOrgs(rows: OrgRow[], roots: string[]): OrgNode[] {
  const byId = new Map<string, OrgNode>();
  const out: OrgNode[] = [];
  for (const row of rows) {
    const node: OrgNode = { ...presentOrg(row), children: [] };
    byId.set(row.id, node);
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
    if (parent && !roots.includes(row.path)) parent.children.push(node);
    else out.push(node);
  }
  return out;
}

export const childPath = (parent: Pick<OrgRow, 'path'> | null, id: string) => `${parent?.path ?? '/'}${id}/`;

export type { NewOrgInput };
export interface OrgPatch {
  version: number;
  parentId?: string | null;
  name?: string;
  shortName?: string | null;
  kind?: OrgKind;
  regionCode?: string | null;
  sort?: number;
  active?: boolean;
}

/** The organisation tree. Reads answer 404 outside the caller's scope; writes answer 403. */
export class OrgService {
  constructor(private readonly db: Db, private readonly audit: AuditService) {}

  async tree(actor: Actor): Promise<OrgNode[]> {
    const scopes = requireScope(actor, ORG_VIEW);
    return nestOrgs(await orgRepository.inScope(this.db, likePatterns(scopes)), scopes);
  }

  async list(actor: Actor, f: { parentId?: string; q?: string; kind?: string; page: number; pageSize: number }) {
    const scopes = requireScope(actor, ORG_VIEW);
    const r = await orgRepository.search(this.db, likePatterns(scopes), { parentId: f.parentId, text: f.q?.trim() || undefined, kind: f.kind, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
    return { items: r.items.map(presentOrg), total: r.total, page: f.page, pageSize: f.pageSize };
  }

  async get(actor: Actor, id: string): Promise<OrgView> {
    const scopes = requireScope(actor, ORG_VIEW);
    const org = await orgRepository.byId(this.db, id);
    if (!org || !covers(scopes, org.path)) throw notFound();
    return presentOrg(org);
  }

  async create(actor: Actor, who: AuditWho, input: NewOrgInput): Promise<OrgView> {
    const scopes = scopeFor(actor, ['directory.org.manage']);
    return this.db.tx(async (tx) => {
      const parent = await this.writableParent(tx, scopes, input.parentId ?? null);
      if (await orgRepository.byCode(tx, input.code)) throw fieldError('code', 'directory.org.codeTaken');
      await this.checkRegion(tx, input.regionCode);
      const id = crypto.randomUUID();
      let row: OrgRow;
      try {
        row = await orgRepository.insert(tx, { ...input, id, parentId: parent?.id ?? null, path: childPath(parent, id), name: input.name.trim() });
      } catch (err) {
        if (isUniqueViolation(err)) throw fieldError('code', 'directory.org.codeTaken');
        throw err;
      }
      await this.audit.record(tx, { ...who, action: 'directory.org.create', targetType: 'org', targetId: id, details: { code: row.code, name: row.name, parentId: row.parent_id } });
      return presentOrg(row);
    });
  }

  async update(actor: Actor, who: AuditWho, id: string, patch: OrgPatch): Promise<OrgView> {
    const scopes = scopeFor(actor, ['directory.org.manage']);
    return this.db.tx(async (tx) => {
      const org = await orgRepository.byId(tx, id);
      if (!org) throw notFound();
      if (!covers(scopes, org.path)) throw forbidden();
      let parentId = org.parent_id;
      let path = org.path;
      if (patch.parentId !== undefined && patch.parentId !== org.parent_id) {
        const parent = await this.writableParent(tx, scopes, patch.parentId);
        // Under itself or its own descendant the tree would become a cycle.
        if (parent && parent.path.startsWith(org.path)) throw fieldError('parentId', 'directory.org.cycle');
        parentId = parent?.id ?? null;
        path = childPath(parent, org.id);
      }
      if (patch.regionCode !== undefined) await this.checkRegion(tx, patch.regionCode);
      const row = await orgRepository.update(tx, id, patch.version, {
        parentId, path,
        name: patch.name?.trim() ?? org.name,
        shortName: patch.shortName !== undefined ? patch.shortName : org.short_name,
        kind: patch.kind ?? org.kind,
        regionCode: patch.regionCode !== undefined ? patch.regionCode : org.region_code,
        sort: patch.sort ?? org.sort,
        active: patch.active ?? org.active,
      });
      if (!row) throw conflict();
      const moved = path !== org.path ? await orgRepository.movePaths(tx, org.path, path) : 0;
      const changes = Object.fromEntries(Object.entries(patch).filter(([k]) => k !== 'version'));
      await this.audit.record(tx, { ...who, action: path !== org.path ? 'directory.org.move' : 'directory.org.update', targetType: 'org', targetId: id, details: { changes, descendantsMoved: moved, fromParentId: org.parent_id } });
      return presentOrg(row);
    });
  }

  /** The parent for a new or moved org: it must exist and lie in the caller's scope; no parent needs a whole-tree scope. */
  private async writableParent(q: Queryable, scopes: string[], parentId: string | null): Promise<OrgRow | null> {
    if (!parentId) {
      if (!hasRootScope(scopes)) throw forbidden('directory.org.rootNeedsRootScope');
      return null;
    }
    const parent = await orgRepository.byId(q, parentId);
    if (!parent) throw fieldError('parentId', 'directory.org.parentUnknown');
    if (!covers(scopes, parent.path)) throw forbidden();
    return parent;
  }

  private async checkRegion(q: Queryable, regionCode: string | null | undefined) {
    if (!regionCode) return;
    if (!(await regionRepository.byCode(q, regionCode))) throw fieldError('regionCode', 'directory.org.regionUnknown');
  }
}
