import crypto from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { chainHash, GENESIS_HASH } from './audit-chain.js';
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
 * commit or vanish together. Each record picks one of N chains at random: writers contend only when
 * they land on the same chain head, instead of queueing behind one platform-wide lock.
 */
export class AuditService {
  constructor(private readonly db: Db, readonly shards: number) {}

  async init() {
    await auditRepository.ensureShards(this.db, this.shards, GENESIS_HASH);
  }

  async record(q: Queryable, e: AuditEntry): Promise<void> {
    const shard = crypto.randomInt(this.shards);
    const head = await auditRepository.lockHead(q, shard);
    const fields = {
      shard, seq: Number(head.seq) + 1, at: new Date().toISOString(),
      actorId: e.actorId ?? null, actorName: e.actorName ?? null, orgId: e.orgId ?? null, action: e.action,
      targetType: e.targetType ?? null, targetId: e.targetId ?? null, outcome: e.outcome ?? 'success', ip: e.ip ?? null,
      details: e.details ?? {},
    };
    const hash = chainHash(head.hash, fields);
    await auditRepository.append(q, { ...fields, prevHash: head.hash, hash });
  }

  /** Records in a transaction of its own (a failed sign-in, whose own transaction is rolled back). */
  async recordNow(e: AuditEntry): Promise<void> {
    await this.db.tx((tx) => this.record(tx, e));
  }

  search(f: AuditQuery) {
    return auditRepository.search(this.db, f);
  }

  /** Walks every chain; returns the problems found, earliest record first (empty: the log is intact). */
  async verify(): Promise<{ records: number; problems: AuditProblem[] }> {
    const problems: AuditProblem[] = [];
    let records = 0;
    for (const head of await auditRepository.heads(this.db)) {
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      let lastSeq = 0;
      for (;;) {
        const rows = await auditRepository.page(this.db, head.shard, lastSeq, 5000);
        if (rows.length === 0) break;
        for (const r of rows) {
          records++;
          const at = new Date(r.at).toISOString();
          const base = { shard: head.shard, seq: Number(r.seq), id: Number(r.id), at };
          const recomputed = chainHash(r.prev_hash, {
            shard: r.shard, seq: Number(r.seq), at, actorId: r.actor_id, actorName: r.actor_name, orgId: r.org_id, action: r.action,
            targetType: r.target_type, targetId: r.target_id, outcome: r.outcome, ip: r.ip, details: r.details,
          });
          if (Number(r.seq) > expectedSeq) {
            problems.push({ ...base, kind: 'deleted', detail: `records ${expectedSeq}..${Number(r.seq) - 1} of chain ${head.shard} are missing before this one` });
          } else if (recomputed !== r.hash) {
            problems.push({ ...base, kind: 'edited', detail: 'the record no longer matches its own hash' });
          } else if (r.prev_hash !== prevHash) {
            problems.push({ ...base, kind: 'inserted', detail: 'the record does not link to the one before it' });
          }
          expectedSeq = Number(r.seq) + 1;
          prevHash = r.hash;
          lastSeq = Number(r.seq);
        }
      }
      if (Number(head.seq) !== lastSeq || (lastSeq > 0 && head.hash !== prevHash)) {
        problems.push({ shard: head.shard, seq: lastSeq + 1, id: null, at: null, kind: 'deleted',
          detail: `chain ${head.shard} ends at ${lastSeq} but its head says ${head.seq}: the last records were removed` });
      }
    }
    problems.sort((a, b) => (a.at ?? '9').localeCompare(b.at ?? '9') || (a.id ?? Infinity) - (b.id ?? Infinity));
    return { records, problems };
  }
}
