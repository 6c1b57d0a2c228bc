import type { AccountKind } from './actor.js';

/**
 * Declared authorisation. Every API operation names one policy; the kernel checks it before the
 * handler runs, and a startup check refuses any /api route without one. What the policy cannot know
 * (which organisation a record belongs to) the service checks against the actor's scope.
 */
export type Policy =
  | { name: string; kind: 'public' }
  /** Any signed-in account, optionally only of some kinds; `stages` also admits half-finished sign-ins (TOTP). */
  | { name: string; kind: 'signedIn'; accountKinds?: AccountKind[]; stages?: ('mfa' | 'enrol')[] }
  /**
   * Staff holding `permission` within some organisation subtree. With `atRoot`, only a grant at a root of
   * the organisation tree counts: for platform-wide data no department owns (the national calendar,
   * regions, role definitions, the audit log, the outbox).
   */
  | { name: string; kind: 'permission'; permission: string; atRoot?: boolean };

// Distributes over the union, so each kind keeps its own fields.
type PolicyDef = Policy extends infer P ? (P extends Policy ? Omit<P, 'name'> : never) : never;

export const anyone = (): PolicyDef => ({ kind: 'public' });
export const signedIn = (accountKinds?: AccountKind[], stages?: ('mfa' | 'enrol')[]): PolicyDef =>
  ({ kind: 'signedIn', accountKinds, stages });
export const permitted = (permission: string): PolicyDef => ({ kind: 'permission', permission });
export const permittedAtRoot = (permission: string): PolicyDef => ({ kind: 'permission', permission, atRoot: true });

const registry = new Map<string, Policy>();

/** Declares a module's policies in one place: `definePolicies('directory', { listOrgs: permitted('directory.org.read') })`. */
export function definePolicies<K extends string>(module: string, defs: Record<K, PolicyDef>): Record<K, Policy> {
  const out = {} as Record<K, Policy>;
  for (const key of Object.keys(defs) as K[]) {
    const policy = { ...defs[key], name: `${module}.${key}` } as Policy;
    registry.set(policy.name, policy);
    out[key] = policy;
  }
  return out;
}

export function allPolicies(): Policy[] {
  return [...registry.values()];
}

/**
 * The permission catalogue. `domain` decides which of the three separated administrators may hold it:
 * a role may only combine permissions of one admin domain, or business permissions.
 */
export type PermissionDomain = 'system' | 'security' | 'audit' | 'business';
export interface PermissionInfo {
  code: string;
  domain: PermissionDomain;
  label: { 'zh-CN': string; en: string };
  /**
   * Builtin roles (by code, e.g. 'caseHandler') that hold this permission out of the box. A module adds
   * its permissions to the standard roles this way instead of editing the directory's role list.
   */
  builtinRoles?: string[];
}

const permissions = new Map<string, PermissionInfo>();

export function definePermissions(list: PermissionInfo[]): void {
  for (const p of list) permissions.set(p.code, p);
}

export function permissionInfo(code: string): PermissionInfo | undefined {
  return permissions.get(code);
}

export function allPermissions(): PermissionInfo[] {
  return [...permissions.values()];
}
