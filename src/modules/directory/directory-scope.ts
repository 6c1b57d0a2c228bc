import type { Actor } from '../../kernel/auth/actor.js';
import { isRootPath, scopeOf } from '../../kernel/auth/actor.js';
import { forbidden } from '../../kernel/http/errors.js';

/**
 * An actor's organisation scope for a set of permissions: the org paths whose subtrees they cover,
 * with roots already covered by a wider root removed.
 */
export function scopeFor(actor: Actor | null, permissions: string[]): string[] {
  const all = [...new Set(permissions.flatMap((p) => scopeOf(actor, p)))].sort((a, b) => a.length - b.length);
  return all.filter((p, i) => !all.slice(0, i).some((root) => p.startsWith(root)));
}

export function covers(scopes: string[], path: string): boolean {
  return scopes.some((root) => path.startsWith(root));
}

/** The scope, or 403 when the actor has none at all. */
export function requireScope(actor: Actor | null, permissions: string[]): string[] {
  const scopes = scopeFor(actor, permissions);
  if (scopes.length === 0) throw forbidden();
  return scopes;
}

/** LIKE patterns for `path LIKE ANY($n::text[])`. Paths hold only uuids and slashes, so no escaping is needed. */
export function likePatterns(scopes: string[]): string[] {
  return scopes.map((s) => `${s}%`);
}

/** A top-level scope (the whole tree under a root org), needed to create another root. */
export function hasRootScope(scopes: string[]): boolean {
  return scopes.some(isRootPath);
}
