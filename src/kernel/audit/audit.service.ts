import crypto from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit-chain.js';
import { type AuditQuery, auditRepository } from './audit.repository.js';

export interface AuditEntry {
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  actorId?: string | null;
  actorName?: string | null;
  orgId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditProblem {
  kind: 'edited' | 'deleted' | 'inserted';
  shard: number;
  seq: number;
  id: number | null;
  at: string | null;
  detail: string;
}

/**
 * The audit trail. `record` runs inside the caller's transaction, so an audited change and its record
 * commit or vanish together. Each transaction writes to one of N chains, the first from a random start that
 * no other transaction holds (SKIP LOCKED): writers queue only when all N are busy, never behind one platform-wide lock.
 */
export class AuditService {
  /**
   * The chain each open transaction writes to. A transaction that records twice stays on one chain:
   * locking a second head could deadlock against another transaction holding them the other way round.
   */
  private readonly shardOfTx = new WeakMap<Queryable, number>();

  constructor(private readonly db: Db, readonly shards: number, private readonly key: Buffer) {}

  /** The chain link of a record after `prevHash` (tests use it to forge records as a key holder could). */
  link(prevHash: string, fields: ChainedFields): string {
    return chainHash(this.key, prevHash, fields);
  }

  async init() {
    await auditRepository.ensureShards(this.db, this.shards, GENESIS_HASH);
  }

  async record(q: Queryable, e: AuditEntry): Promise<void> {
    // Outside a transaction the head lock would end with the SELECT and two writers could take the same seq.
    if (q === this.db) return this.recordNow(e);
    let shard = this.shardOfTx.get(q);
    let head: { shard: number; seq: number; hash: string };
    if (shard === undefined) {
      // A chain no one else is writing to, so that a writer waits only when every chain is busy.
      const start = crypto.randomInt(this.shards);
      head = (await auditRepository.lockFreeHead(q, start, this.shards)) ?? (await auditRepository.lockHead(q, start));
      shard = Number(head.shard);
      this.shardOfTx.set(q, shard);
    } else {
      head = await auditRepository.lockHead(q, shard);
    }
    const fields = {
      shard, seq: Number(head.seq) + 1, at: new Date().toISOString(),
      actorId: canonicalUuid(e.actorId), actorName: e.actorName ?? null, orgId: canonicalUuid(e.orgId), action: e.action,
      targetType: e.targetType ?? null, targetId: e.targetId ?? null, outcome: e.outcome ?? 'success', ip: e.ip ?? null,
      details: e.details ?? {},
    };
    const hash = this.link(head.hash, fields);
    await auditRepository.append(q, { ...fields, prevHash: head.hash, hash });
  }

  /** Records in a transaction of its own (a failed sign-in, whose own transaction is rolled back). */
  async recordNow(e: AuditEntry): Promise<void> {
    await this.db.tx((tx) => this.record(tx, e));
  }

  search(f: AuditQuery) {
    return auditRepository.search(this.db, f);
  }

  /**
   * Walks every chain; returns the problems found, earliest record first (empty: the log is intact).
   * It reads one snapshot, so records written while it runs are neither missed against their head nor
   * mistaken for records added behind the audit service's back.
   */
  async verify(): Promise<{ records: number; problems: AuditProblem[] }> {
    return this.db.tx(async (tx) => {
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const problems: AuditProblem[] = [];
      let records = 0;
      const heads = await auditRepository.heads(tx);
      for (const head of heads) {
        const walked = await this.walkChain(tx, head);
        records += walked.records;
        problems.push(...walked.problems);
      }
      // A record in a shard that has no head, or numbered before the first, is never reached by a walk.
      for (const r of await auditRepository.outsideChains(tx, heads.map((h) => h.shard), 1000)) {
        records++;
        problems.push({ kind: 'inserted', shard: r.shard, seq: Number(r.seq), id: Number(r.id), at: new Date(r.at).toISOString(), detail: `the record belongs to no chain (chain ${r.shard}, seq ${r.seq})` });
      }
      problems.sort((a, b) => (a.at ?? '9').localeCompare(b.at ?? '9') || (a.id ?? Infinity) - (b.id ?? Infinity));
      return { records, problems };
    });
  }

  private async walkChain(tx: Queryable, head: { shard: number; seq: number; hash: string }) {
    const problems: AuditProblem[] = [];
    const headSeq = Number(head.seq);
    let records = 0;
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    for (;;) {
      const rows = await auditRepository.page(tx, head.shard, lastSeq, 5000);
      if (rows.length === 0) break;
      for (const r of rows) {
        records++;
        const seq = Number(r.seq);
        const at = new Date(r.at).toISOString();
        const base = { shard: head.shard, seq, id: Number(r.id), at };
        const recomputed = this.link(r.prev_hash, {
          shard: r.shard, seq, at, actorId: r.actor_id, actorName: r.actor_name, orgId: r.org_id, action: r.action,
          targetType: r.target_type, targetId: r.target_id, outcome: r.outcome, ip: r.ip, details: r.details,
        });
        const gap = seq > expectedSeq;
        if (gap) problems.push({ ...base, kind: 'deleted', detail: `records ${expectedSeq}..${seq - 1} of chain ${head.shard} are missing before this one` });
        if (recomputed !== r.hash) {
          problems.push({ ...base, kind: 'edited', detail: 'the record no longer matches its own hash' });
        } else if (seq > headSeq) {
          problems.push({ ...base, kind: 'inserted', detail: `the record lies beyond its chain head (seq ${headSeq}): it was not written by the audit service` });
        } else if (!gap && r.prev_hash !== prevHash) {
          problems.push({ ...base, kind: 'inserted', detail: 'the record does not link to the one before it: it was inserted, or the one before it was replaced' });
        } else if (seq === headSeq && r.hash !== head.hash) {
          problems.push({ ...base, kind: 'edited', detail: 'the last record of the chain is not the one its head recorded: it was replaced' });
        }
        expectedSeq = seq + 1;
        prevHash = r.hash;
        lastSeq = seq;
      }
    }
    if (lastSeq < headSeq) {
      problems.push({ shard: head.shard, seq: lastSeq + 1, id: null, at: null, kind: 'deleted',
        detail: `chain ${head.shard} ends at ${lastSeq} but its head says ${headSeq}: the last records were removed` });
    }
    return { records, problems };
  }
}

/** The form PostgreSQL gives a uuid back in (lower case, hyphenated), so the hash covers what is stored. */
function canonicalUuid(v: string | null | undefined): string | null {
  if (v == null) return null;
  const hex = v.replace(/[{}-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return v;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
