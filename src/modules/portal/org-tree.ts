import type { PublicOrgRow } from './portal.repository.js';

export interface OrgNode extends PublicOrgRow {
  children: OrgNode[];
}

/**
 * Builds the public tree from rows in display order. A body whose parent is not public (an inactive
 * or internal unit) is left out with its subtree: showing it at the top level would misstate who it
 * belongs to.
 */
export function buildOrgTree(rows: PublicOrgRow[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const r of rows) nodes.set(r.id, { ...r, children: [] });
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    if (node.parent_id === null) roots.push(node);
    else nodes.get(node.parent_id)?.children.push(node);
  }
  return roots;
}
