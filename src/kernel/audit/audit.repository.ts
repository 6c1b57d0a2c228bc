import type { Db, Queryable, Row } from '../db/db.js';

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  outcome?: string;
  orgId?: string;
  limit: number;
  offset: number;
}

export const auditRepository = {
  async ensureShards(db: Db, shards: number, genesis: string) {
    await db.query(
      `INSERT INTO audit_chain_heads (shard, seq, hash) SELECT s, 0, $2 FROM generate_series(0, $1 - 1) s ON CONFLICT DO NOTHING`,
      [shards, genesis],
    );
  },

  /**
   * Locks the first chain head no other transaction holds, looking from `start` round the chains, for the
   * rest of the caller's transaction; undefined when every head is taken.
   */
  async lockFreeHead(q: Queryable, start: number, shards: number) {
    return q.maybeOne<{ shard: number; seq: number; hash: string }>(
      `SELECT shard, seq, hash FROM audit_chain_heads WHERE shard BETWEEN 0 AND $2::int - 1
        ORDER BY (shard - $1::int + $2::int) % $2::int LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [start, shards],
    );
  },

  /** Locks one chain head for the rest of the caller's transaction. */
  async lockHead(q: Queryable, shard: number) {
    return q.one<{ shard: number; seq: number; hash: string }>('SELECT shard, seq, hash FROM audit_chain_heads WHERE shard = $1 FOR UPDATE', [shard]);
  },

  async append(q: Queryable, r: Row) {
    await q.query(
      `WITH ins AS (
         INSERT INTO audit_log (shard, seq, at, actor_id, actor_name, org_id, action, target_type, target_id, outcome, ip, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING shard)
       UPDATE audit_chain_heads SET seq = $2, hash = $14 WHERE shard = (SELECT shard FROM ins)`,
      [r.shard, r.seq, r.at, r.actorId, r.actorName, r.orgId, r.action, r.targetType, r.targetId, r.outcome, r.ip, JSON.stringify(r.details ?? {}), r.prevHash, r.hash],
    );
  },

  async heads(db: Queryable) {
    return db.query<{ shard: number; seq: number; hash: string }>('SELECT shard, seq, hash FROM audit_chain_heads ORDER BY shard');
  },

  /** One shard's records in chain order, a page at a time. */
  async page(db: Queryable, shard: number, afterSeq: number, limit: number) {
    return db.query(
      `SELECT id, shard, seq, at, actor_id, actor_name, org_id, action, target_type, target_id, outcome, ip, details, prev_hash, hash
         FROM audit_log WHERE shard = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [shard, afterSeq, limit],
    );
  },

  /** Records no chain walk reaches: a shard without a chain head, or a sequence number before the first. */
  async outsideChains(db: Queryable, shards: number[], limit: number) {
    return db.query<{ id: number; shard: number; seq: number; at: Date }>(
      `SELECT id, shard, seq, at FROM audit_log WHERE NOT (shard = ANY($1::int[])) OR seq < 1 ORDER BY id LIMIT $2`,
      [shards, limit],
    );
  },

  async search(db: Db, f: AuditQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    // Each clause uses its one value wherever it says `?`.
    const add = (clause: string, value: unknown) => { params.push(value); where.push(clause.replaceAll('?', `$${params.length}`)); };
    // Dates are days in China, whatever time zone the database server runs in.
    if (f.from) add(`a.at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, f.from);
    if (f.to) add(`a.at < (?::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, f.to);
    if (f.actor) add('(a.actor_name = ? OR a.actor_id::text = ?)', f.actor);
    if (f.action) add('a.action LIKE ?', `${f.action}%`);
    if (f.targetType) add('a.target_type = ?', f.targetType);
    if (f.targetId) add('a.target_id = ?', f.targetId);
    if (f.outcome) add('a.outcome = ?', f.outcome);
    if (f.orgId) add('a.org_id = ?', f.orgId);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log a ${whereSql}`, params);
    const items = await db.query(
      `SELECT a.id, a.at, a.actor_id, a.actor_name, a.org_id, o.name AS org_name, a.action, a.target_type, a.target_id, a.outcome, a.ip, a.details
         FROM audit_log a LEFT JOIN orgs o ON o.id = a.org_id ${whereSql}
        ORDER BY a.at DESC, a.id DESC LIMIT ${Number(f.limit)} OFFSET ${Number(f.offset)}`,
      params,
    );
    return { total: total.n, items };
  },
};
