// The audit chain must not serialise every write of the platform behind one lock. This measures audit
// records per second with many concurrent writers: a plain INSERT into an unchained table of the same shape
// (baseline), the chained audit service on one chain (one global lock), on 16 chains (the default) and on 64. Prints ratios; never fails on a time.
import crypto from 'node:crypto';
import { AuditService } from '../src/kernel/audit/audit.service.js';
import type { Db } from '../src/kernel/db/db.js';
import { preparePlatform } from '../src/platform.js';
import { freshDatabase, TEST_DATA_KEY, testConfig } from '../test/support/harness.js';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

/** A fresh database on the PostgreSQL server named by BENCH_DATABASE_URL or TEST_DATABASE_URL, else an in-memory PGlite. */
async function benchDatabase(): Promise<{ db: Db; note: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const fresh = await freshDatabase();
    return { db: fresh.db, note: 'PGlite (embedded, one connection: writers take turns, so chains cannot run in parallel here; set TEST_DATABASE_URL to measure on PostgreSQL)', drop: fresh.drop };
  }
  // One connection per writer, so that the pool is not the lock being measured.
  const fresh = await freshDatabase({ serverUrl, poolSize: WRITERS + 2 });
  return { db: fresh.db, note: `PostgreSQL (${new URL(serverUrl).host}), ${WRITERS + 2} connections`, drop: fresh.drop };
}

/** Records per second with WRITERS concurrent loops, each writing one record per transaction. */
async function measure(write: (n: number) => Promise<void>, seconds: number): Promise<number> {
  let count = 0;
  const end = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
    while (Date.now() < end) {
      await write(w);
      count++;
    }
  }));
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

const entry = (w: number) => ({
  action: 'bench.write', actorName: `writer${w}`, orgId: null, targetType: 'case', targetId: crypto.randomUUID(),
  ip: '10.0.0.1', details: { step: 'accept', writer: w },
});

export default async function auditBench() {
  const store = await benchDatabase();
  try {
    await preparePlatform(testConfig({ auditShards: 16 }), { db: store.db, dataKey: TEST_DATA_KEY });
    const db = store.db;
    console.log(`store: ${store.note}; ${WRITERS} concurrent writers, ${SECONDS} s each`);

    // The baseline: the same row shape and indexes, no chain, no head lock, no hash.
    await db.exec(`
      CREATE TABLE audit_plain (LIKE audit_log INCLUDING DEFAULTS);
      ALTER TABLE audit_plain ADD PRIMARY KEY (id);
      CREATE INDEX audit_plain_at ON audit_plain (at DESC);
      CREATE INDEX audit_plain_actor ON audit_plain (actor_id, at DESC);
      CREATE INDEX audit_plain_action ON audit_plain (action, at DESC);
      CREATE INDEX audit_plain_target ON audit_plain (target_type, target_id);`);
    const plain = async (w: number) => {
      const e = entry(w);
      await db.tx(async (tx) => {
        await tx.query(
          `INSERT INTO audit_plain (shard, seq, at, actor_name, action, target_type, target_id, outcome, ip, details, prev_hash, hash)
           VALUES (0, 0, $1, $2, $3, $4, $5, 'success', $6, $7, '', '')`,
          [new Date().toISOString(), e.actorName, e.action, e.targetType, e.targetId, e.ip, JSON.stringify(e.details)],
        );
      });
    };
    const key = crypto.randomBytes(16);
    const oneChain = new AuditService(db, 1, key);
    const sixteenChains = new AuditService(db, 16, key);
    // More chains than writers: how far the chain count (AUDIT_SHARDS) moves the result.
    const sixtyFourChains = new AuditService(db, 64, key);
    await oneChain.init();
    await sixteenChains.init();
    await sixtyFourChains.init();

    await measure(plain, 0.5); // warm-up: JIT, connections, plans
    const baseline = await measure(plain, SECONDS);
    await measure((w) => oneChain.recordNow(entry(w)), 0.5);
    const one = await measure((w) => oneChain.recordNow(entry(w)), SECONDS);
    const sixteen = await measure((w) => sixteenChains.recordNow(entry(w)), SECONDS);
    const sixtyFour = await measure((w) => sixtyFourChains.recordNow(entry(w)), SECONDS);

    const line = (name: string, rate: number) => console.log(`  ${name.padEnd(44)} ${rate.toFixed(0).padStart(8)} records/s   ${(rate / baseline).toFixed(2)} × baseline`);
    line('plain INSERT, unchained (baseline)', baseline);
    line('audit service, 1 chain (one global lock)', one);
    line('audit service, 16 chains', sixteen);
    line('audit service, 64 chains', sixtyFour);
    console.log(`  16 chains vs 1 chain: ${(sixteen / one).toFixed(2)}×; 64 chains vs 1 chain: ${(sixtyFour / one).toFixed(2)}×`);

    const started = Date.now();
    const check = await sixtyFourChains.verify();
    console.log(`  verify: ${check.records} records, ${check.problems.length === 0 ? 'intact' : `${check.problems.length} PROBLEMS`}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await store.drop();
  }
}
