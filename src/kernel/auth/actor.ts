/** Who is acting: the signed-in account with the roles it holds, each within an organisation subtree. */
export type AccountKind = 'staff' | 'citizen' | 'enterprise';

export interface Grant {
  roleCode: string;
  adminKind: 'system' | 'security' | 'audit' | null;
  permissions: string[];
  orgId: string;
  /** Materialised path of the scope root; the scope is every org whose path starts with it. */
  orgPath: string;
}

export interface Actor {
  accountId: string;
  kind: AccountKind;
  username: string;
  displayName: string;
  orgId: string | null;
  orgPath: string | null;
  grants: Grant[];
  sessionId: string;
}

/** Org paths within which the actor holds `permission` (empty: nowhere). */
export function scopeOf(actor: Actor | null, permission: string): string[] {
  if (!actor) return [];
  return actor.grants.filter((g) => g.permissions.includes(permission)).map((g) => g.orgPath);
}

/** Whether the actor holds `permission` anywhere, or, given an org path, over that org. */
export function can(actor: Actor | null, permission: string, targetOrgPath?: string): boolean {
  const scopes = scopeOf(actor, permission);
  if (targetOrgPath === undefined) return scopes.length > 0;
  return scopes.some((root) => targetOrgPath.startsWith(root));
}

/** A root of the organisation tree ('/<id>/'): a grant there covers the whole platform. */
export function isRootPath(path: string): boolean {
  return path.split('/').filter(Boolean).length === 1;
}

/** Whether the actor holds `permission` at a root of the organisation tree. */
export function holdsAtRoot(actor: Actor | null, permission: string): boolean {
  return scopeOf(actor, permission).some(isRootPath);
}
