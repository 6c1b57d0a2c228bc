import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chainHash, type ChainedFields } from '../../src/kernel/audit/audit-chain.js';
import { testPlatform, type TestPlatform } from '../support/harness.js';

let p: TestPlatform;
before(async () => { p = await testPlatform({ auditShards: 4 }); });
/** A link as a holder of the audit key computes it: the worst case for detection. */
const link = (prev: string, fields: ChainedFields) => p.kernel.audit.link(prev, fields);
after(async () => { await p?.close(); });

const q = (sql: string, params?: unknown[]) => p.kernel.db.query(sql, params);
const verify = () => p.kernel.audit.verify();

/** The rows of one chain in order, as stored. */
const chain = (shard: number) => q('SELECT * FROM audit_log WHERE shard = $1 ORDER BY seq', [shard]);

async function reinsert(r: Record<string, any>) {
  await q(
    `INSERT INTO audit_log (id, shard, seq, at, actor_id, actor_name, org_id, action, target_type, target_id, outcome, ip, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [r.id, r.shard, r.seq, r.at, r.actor_id, r.actor_name, r.org_id, r.action, r.target_type, r.target_id, r.outcome, r.ip, JSON.stringify(r.details), r.prev_hash, r.hash],
  );
}

test('200 records written at once all land, each chain contiguous, the log intact', async () => {
  const before = (await q('SELECT count(*)::int AS n FROM audit_log'))[0].n;
  await Promise.all(Array.from({ length: 200 }, (_, i) => p.kernel.audit.recordNow({
    action: 'test.concurrent', targetType: 'n', targetId: String(i), actorName: `writer${i % 7}`, ip: '10.0.0.1', details: { i, at: new Date(), nested: { z: 1, a: [i] } },
  })));
  const rows = await q(`SELECT shard, seq, target_id FROM audit_log WHERE action = 'test.concurrent'`);
  assert.equal(rows.length, 200);
  assert.deepEqual(new Set(rows.map((r) => r.target_id)).size, 200);
  const shards = new Set<number>();
  for (const head of await q('SELECT shard, seq FROM audit_chain_heads ORDER BY shard')) {
    const seqs = (await chain(head.shard)).map((r) => Number(r.seq));
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), `chain ${head.shard} is 1..n without gaps`);
    assert.equal(Number(head.seq), seqs.length);
    if (seqs.length) shards.add(head.shard);
  }
  assert.equal(shards.size, 4, 'the writes were spread over every chain');
  const result = await verify();
  assert.deepEqual(result.problems, []);
  assert.equal(result.records, before + 200);
});

test('a transaction recording twice, and a record written outside a transaction, keep the chains whole', async () => {
  await Promise.all(Array.from({ length: 40 }, (_, i) => p.kernel.db.tx(async (tx) => {
    for (let k = 0; k < 3; k++) await p.kernel.audit.record(tx, { action: 'test.multi', targetId: `${i}`, details: { k } });
  })));
  const perTx = await q(`SELECT target_id, count(DISTINCT shard)::int AS shards, count(*)::int AS n FROM audit_log WHERE action = 'test.multi' GROUP BY target_id`);
  assert.equal(perTx.length, 40);
  assert.ok(perTx.every((r) => r.n === 3 && r.shards === 1), 'one transaction writes to one chain, so two cannot lock heads crosswise');

  await Promise.all(Array.from({ length: 30 }, (_, i) => p.kernel.audit.record(p.kernel.db, { action: 'test.direct', targetId: `${i}` })));
  assert.equal((await q(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.direct'`))[0].n, 30);

  // An audited change that rolls back takes its record with it.
  await assert.rejects(p.kernel.db.tx(async (tx) => {
    await p.kernel.audit.record(tx, { action: 'test.rolledBack' });
    throw new Error('the change failed');
  }));
  assert.equal((await q(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.rolledBack'`))[0].n, 0);

  // Ids given in another spelling are stored, and hashed, the way PostgreSQL returns them.
  await p.kernel.audit.recordNow({ action: 'test.uuid', actorId: '5F0C1E2A-1111-4222-8333-444455556666', orgId: '{5f0c1e2a111142228333444455556666}' });
  const stored = (await q(`SELECT actor_id, org_id FROM audit_log WHERE action = 'test.uuid'`))[0];
  assert.deepEqual([stored.actor_id, stored.org_id], ['5f0c1e2a-1111-4222-8333-444455556666', '5f0c1e2a-1111-4222-8333-444455556666']);
  assert.deepEqual((await verify()).problems, []);
});

test('a writer never waits for a busy chain while another is free', { skip: process.env.TEST_DB !== 'postgres' && 'PGlite runs one transaction at a time' }, async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  const held: number[] = [];
  const holders = Array.from({ length: 3 }, (_, i) => p.kernel.db.tx(async (tx) => {
    await p.kernel.audit.record(tx, { action: 'test.hold', targetId: String(i) });
    held.push((await tx.one<{ shard: number }>(`SELECT shard FROM audit_log WHERE action = 'test.hold' AND target_id = $1`, [String(i)])).shard);
    await gate;
  }));
  while (held.length < 3) await new Promise((r) => setTimeout(r, 10));
  assert.equal(new Set(held).size, 3, 'three open transactions hold three different chains');
  const timeout = new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 5000));
  const outcome = await Promise.race([p.kernel.audit.recordNow({ action: 'test.free' }).then(() => 'written' as const), timeout]);
  release();
  await Promise.all(holders);
  assert.equal(outcome, 'written', 'the fourth writer took the free chain instead of queueing');
  const [free] = await q(`SELECT shard FROM audit_log WHERE action = 'test.free'`);
  assert.ok(!held.includes(free.shard));
  assert.deepEqual((await verify()).problems, []);
});

test('the application cannot change or delete audit records', async () => {
  await assert.rejects(q(`UPDATE audit_log SET action = 'x' WHERE seq = 1`), /append-only/);
  await assert.rejects(q('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
  await assert.rejects(q('TRUNCATE audit_log'), /append-only/);
  assert.ok((await q('SELECT count(*)::int AS n FROM audit_log'))[0].n >= 271);
  assert.deepEqual((await verify()).problems, []);
});

test('a superuser edits one record: verify names exactly that record first', async () => {
  await q('ALTER TABLE audit_log DISABLE TRIGGER USER');
  const target = (await chain(0))[4];
  await q(`UPDATE audit_log SET action = 'test.harmless' WHERE id = $1`, [target.id]);
  const { problems } = await verify();
  assert.equal(problems.length, 1);
  assert.deepEqual({ kind: problems[0].kind, id: problems[0].id, shard: problems[0].shard, seq: problems[0].seq }, { kind: 'edited', id: Number(target.id), shard: 0, seq: 5 });
  await q(`UPDATE audit_log SET action = $2 WHERE id = $1`, [target.id, target.action]);
  assert.deepEqual((await verify()).problems, [], 'putting the record back makes the chain whole again');
  // Changing a detail inside the JSON, or the time, is found the same way.
  const other = (await chain(1))[2];
  await q(`UPDATE audit_log SET details = details || '{"i": -1}'::jsonb, at = at - interval '1 second' WHERE id = $1`, [other.id]);
  const again = await verify();
  assert.deepEqual(again.problems.map((x) => [x.kind, x.id]), [['edited', Number(other.id)]]);
  await q('DELETE FROM audit_log WHERE id = $1', [other.id]);
  await reinsert(other);
  assert.deepEqual((await verify()).problems, []);
});

test('a deleted middle record is named at the record after it', async () => {
  const rows = await chain(1);
  const victim = rows[5];
  await q('DELETE FROM audit_log WHERE id = $1', [victim.id]);
  const { problems } = await verify();
  assert.equal(problems.length, 1);
  assert.equal(problems[0].kind, 'deleted');
  assert.equal(problems[0].id, Number(rows[6].id));
  assert.match(problems[0].detail, /6\.\.6/);
  await reinsert(victim);
  assert.deepEqual((await verify()).problems, []);
});

test('deleting the last records of a chain is found through the chain head', async () => {
  const rows = await chain(2);
  const tail = rows.slice(-2);
  await q('DELETE FROM audit_log WHERE id = ANY($1::bigint[])', [tail.map((r) => r.id)]);
  const { problems } = await verify();
  assert.equal(problems.length, 1);
  assert.deepEqual({ kind: problems[0].kind, shard: problems[0].shard, seq: problems[0].seq }, { kind: 'deleted', shard: 2, seq: Number(tail[0].seq) });
  assert.match(problems[0].detail, /removed/);
  for (const r of tail) await reinsert(r);
  assert.deepEqual((await verify()).problems, []);
});

test('forged records are found, even with a correctly computed hash', async () => {
  const last = (await chain(3)).at(-1)!;
  const seq = Number(last.seq) + 1;
  const at = new Date().toISOString();
  const fields = { shard: 3, seq, at, actorId: null, actorName: 'admin', orgId: null, action: 'directory.org.create', targetType: 'org', targetId: 'forged', outcome: 'success', ip: null, details: {} };
  const hash = link(last.hash, fields);
  const forge = async (shard: number, s: number, prev: string, h: string) => {
    const [row] = await q(
      `INSERT INTO audit_log (shard, seq, at, actor_name, action, target_type, target_id, outcome, details, prev_hash, hash)
       VALUES ($1, $2, $3, 'admin', 'directory.org.create', 'org', 'forged', 'success', '{}', $4, $5) RETURNING id`,
      [shard, s, at, prev, h],
    );
    return Number(row.id);
  };

  // Appended behind the audit service's back: the chain links, but its head never moved.
  const appended = await forge(3, seq, last.hash, hash);
  let problems = (await verify()).problems;
  assert.deepEqual(problems.map((x) => [x.kind, x.id]), [['inserted', appended]]);
  await q('DELETE FROM audit_log WHERE id = $1', [appended]);

  // A record in a chain that does not exist.
  const stray = await forge(99, 1, '0'.repeat(64), link('0'.repeat(64), { ...fields, shard: 99, seq: 1 }));
  problems = (await verify()).problems;
  assert.deepEqual(problems.map((x) => [x.kind, x.id]), [['inserted', stray]]);
  await q('DELETE FROM audit_log WHERE id = $1', [stray]);

  // The last record replaced by a forged one that links correctly: it is not the one the head recorded.
  await q('DELETE FROM audit_log WHERE id = $1', [last.id]);
  const replaced = await forge(3, Number(last.seq), last.prev_hash, link(last.prev_hash, { ...fields, seq: Number(last.seq) }));
  problems = (await verify()).problems;
  assert.deepEqual(problems.map((x) => [x.kind, x.id]), [['edited', replaced]]);
  await q('DELETE FROM audit_log WHERE id = $1', [replaced]);
  await reinsert(last);

  // A record slipped into the middle of a chain, the later ones renumbered to make room.
  const rows = await chain(0);
  const cut = Number(rows[3].seq);
  await q('UPDATE audit_log SET seq = seq + 1000000 WHERE shard = 0 AND seq > $1', [cut]);
  await q('UPDATE audit_log SET seq = seq - 1000000 + 1 WHERE shard = 0 AND seq > 1000000');
  const middle = await forge(0, cut + 1, rows[3].hash, link(rows[3].hash, { ...fields, shard: 0, seq: cut + 1 }));
  problems = (await verify()).problems;
  assert.ok(problems.length >= 1);
  assert.ok(problems.some((x) => x.id === middle) || problems[0].id === Number(rows[4].id), 'the forged record or the first renumbered one is named');
  assert.equal(problems[0].shard, 0);
  await q('DELETE FROM audit_log WHERE id = $1', [middle]);
  await q('UPDATE audit_log SET seq = seq + 1000000 WHERE shard = 0 AND seq > $1', [cut]);
  await q('UPDATE audit_log SET seq = seq - 1000000 - 1 WHERE shard = 0 AND seq > 1000000');
  assert.deepEqual((await verify()).problems, []);
});

test('with several problems, the earliest record comes first', async () => {
  const [early] = await q('SELECT * FROM audit_log ORDER BY at, id LIMIT 1');
  const [late] = await q('SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT 1');
  await q(`UPDATE audit_log SET outcome = 'failure' WHERE id = $1`, [late.id]);
  await q(`UPDATE audit_log SET actor_name = 'someone-else' WHERE id = $1`, [early.id]);
  const { problems } = await verify();
  assert.deepEqual(problems.map((x) => [x.kind, x.id]), [['edited', Number(early.id)], ['edited', Number(late.id)]]);
  await q('ALTER TABLE audit_log ENABLE TRIGGER USER');
  await assert.rejects(q('DELETE FROM audit_log WHERE id = $1', [early.id]), /append-only/);
});

test('a record rewritten by someone without the audit key is caught even with a freshly computed hash', async () => {
  await p.kernel.audit.recordNow({ action: 'identity.login', actorName: 'keyless' });
  const row = await p.kernel.db.one("SELECT * FROM audit_log WHERE actor_name = 'keyless'");
  const fields: ChainedFields = { shard: row.shard, seq: Number(row.seq), at: new Date(row.at).toISOString(), actorId: null, actorName: 'keyless',
    orgId: null, action: 'identity.logout', targetType: null, targetId: null, outcome: 'success', ip: null, details: {} };
  // A DBA who knows the algorithm but not the key recomputes the link with a key of their own.
  const forgedHash = chainHash(Buffer.alloc(16, 1), row.prev_hash, fields);
  // Earlier tests in this file leave their own findings behind; only what this forgery adds counts here.
  const known = new Set((await p.kernel.audit.verify()).problems.map((x) => `${x.kind}:${x.id}`));
  await p.kernel.db.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
  try {
    await p.kernel.db.query("UPDATE audit_log SET action = 'identity.logout', hash = $2 WHERE id = $1", [row.id, forgedHash]);
    await p.kernel.db.query('UPDATE audit_chain_heads SET hash = $2 WHERE shard = $1 AND seq = $3', [row.shard, forgedHash, row.seq]);
    const { problems } = await p.kernel.audit.verify();
    assert.deepEqual(problems.filter((x) => !known.has(`${x.kind}:${x.id}`)).map((x) => [x.kind, x.id]), [['edited', Number(row.id)]]);
  } finally {
    await p.kernel.db.query('UPDATE audit_log SET action = $2, hash = $3 WHERE id = $1', [row.id, row.action, row.hash]);
    await p.kernel.db.query('UPDATE audit_chain_heads SET hash = $2 WHERE shard = $1 AND seq = $3', [row.shard, row.hash, row.seq]);
    await p.kernel.db.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
  }
});
