import { deriveKey, hmacSm3 } from '../crypto/sm.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The chain key, derived from the platform's data key (ZHENGWU_DATA_KEY): `zhengwu audit verify` needs the same key. */
export const auditChainKey = (master: Buffer) => deriveKey(master, 'zhengwu/audit-chain');

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

/** What JSON.stringify keeps as an object member (it drops undefined, functions and symbols). */
const storable = (v: unknown) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

/** JSON with object keys sorted, so that jsonb's own key order never changes a digest. */
export function canonicalJson(value: unknown): string {
  // A value with toJSON (a Date) is stored in jsonb as what toJSON gives, so it is hashed that way too.
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().filter((k) => storable(obj[k])).map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * The link of one record: HMAC-SM3, under the platform's audit key, of the previous record's hash and
 * every field of this one. Keyed, so that someone who can write the database but does not hold the key
 * (a DBA, a stolen backup) cannot recompute a consistent chain after changing it.
 */
export function chainHash(key: Buffer, prevHash: string, f: ChainedFields): string {
  return hmacSm3(key, `${prevHash}\n${canonicalJson([f.shard, f.seq, f.at, f.actorId, f.actorName, f.orgId, f.action, f.targetType, f.targetId, f.outcome, f.ip, f.details ?? {}])}`);
}
