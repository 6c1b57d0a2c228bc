import { sm3 } from '../crypto/sm.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  shard: number;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  ip: string | null;
  details: unknown;
}

/** JSON with object keys sorted, so that jsonb's own key order never changes a digest. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The SM3 link of one record: the previous record's hash and every field of this one. */
export function chainHash(prevHash: string, f: ChainedFields): string {
  return sm3(`${prevHash}\n${canonicalJson([f.shard, f.seq, f.at, f.actorId, f.actorName, f.orgId, f.action, f.targetType, f.targetId, f.outcome, f.ip, f.details ?? {}])}`);
}
