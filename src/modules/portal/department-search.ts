import type { Kernel } from '../../kernel/kernel.js';
import type { Queryable } from '../../kernel/db/db.js';
import type { SearchDocument } from '../../kernel/search/search.service.js';
import { t } from '../../kernel/i18n/i18n.js';
import { buildOrgTree, type OrgNode } from './org-tree.js';
import { portalRepository } from './portal.repository.js';

/** The public department directory (/departments) as search documents. */
export const DEPARTMENT_SOURCE = 'portal.department';
const REFRESH_JOB = 'portal.departments.reindex';

/** Exactly the bodies the directory page shows (a body under a non-public parent is left out there too). */
export async function* departmentDocuments(db: Queryable): AsyncIterable<SearchDocument> {
  const rows = await portalRepository.publicOrgsDated(db);
  const dates = new Map(rows.map((r) => [r.id, r]));
  const walk = function* (node: OrgNode, parent: OrgNode | null): Generator<SearchDocument> {
    const row = dates.get(node.id)!;
    const params = {
      name: node.name, kind: t('zh-CN', `portal.orgKind.${node.kind}`), parent: parent?.name ?? '',
      short: node.short_name ? t('zh-CN', 'portal.search.departmentShort', { short: node.short_name }) : '',
    };
    yield {
      source: DEPARTMENT_SOURCE, ref: node.id, title: node.name,
      body: t('zh-CN', parent ? 'portal.search.departmentBody' : 'portal.search.departmentRoot', params),
      fields: node.short_name ? { shortName: node.short_name } : {},
      orgId: node.id, url: `/departments#org-${node.id}`, visibility: 'public',
      publishedAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), locale: 'zh-CN',
    };
    for (const child of node.children) yield* walk(child, node);
  };
  for (const root of buildOrgTree(rows)) yield* walk(root, null);
}

/**
 * Registers the source and keeps it current. The directory module changes orgs and modules do not reach
 * into each other, so instead of a same-transaction hook this small source (hundreds of rows) is rebuilt
 * when a process starts and every quarter of an hour by a scheduled job; `zhengwu search reindex` does it at once.
 */
export async function feedDepartments(kernel: Kernel): Promise<void> {
  kernel.search.defineSource(DEPARTMENT_SOURCE, {
    label: { 'zh-CN': t('zh-CN', 'portal.search.source.department'), en: t('en', 'portal.search.source.department') },
    reindex: departmentDocuments,
  });
  kernel.jobs.define(REFRESH_JOB, async () => { await kernel.search.reindex({ source: DEPARTMENT_SOURCE }); }, { maxAttempts: 3 });
  await kernel.jobs.schedule(REFRESH_JOB, '*/15 * * * *', REFRESH_JOB, {});
  await kernel.search.reindex({ source: DEPARTMENT_SOURCE });
}
