import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, chainHash, GENESIS_HASH, type ChainedFields } from '../../src/kernel/audit/audit-chain.js';
import { sm3 } from '../../src/kernel/crypto/sm.js';

const base: ChainedFields = {
  shard: 3, seq: 7, at: '2026-11-23T06:00:00.000Z', actorId: '5f0c1e2a-1111-4222-8333-444455556666', actorName: 'auditor',
  orgId: null, action: 'identity.login', targetType: 'account', targetId: 'abc', outcome: 'success', ip: '10.0.0.1',
  details: { reason: 'ok', nested: { b: 1, a: [1, 'two', null] } },
};

test('SM3 is the GB/T 32905 digest', () => {
  // The standard's first example: SM3("abc").
  assert.equal(sm3('abc'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
});

test('canonicalJson does not depend on key order', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }), canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
  assert.equal(canonicalJson({ b: 1, a: 2 }), '{"a":2,"b":1}');
  // Array order is meaningful.
  assert.notEqual(canonicalJson([1, 2]), canonicalJson([2, 1]));
});

test('canonicalJson hashes what jsonb stores', () => {
  // What JSON.stringify drops is absent, what it turns into null is null, a Date is its ISO string.
  const value = { keep: 1, gone: undefined, fn: () => 1, list: [undefined, NaN], when: new Date('2026-01-02T03:04:05.000Z') };
  assert.equal(canonicalJson(value), canonicalJson(JSON.parse(JSON.stringify(value))));
  assert.equal(canonicalJson(value), '{"keep":1,"list":[null,null],"when":"2026-01-02T03:04:05.000Z"}');
});

const KEY = Buffer.alloc(16, 7);

test('the link is keyed: without the audit key nobody computes the same hash', () => {
  assert.notEqual(chainHash(Buffer.alloc(16, 8), GENESIS_HASH, base), chainHash(KEY, GENESIS_HASH, base));
});

test('the chain hash ignores key order of details and links to the previous hash', () => {
  const h = chainHash(KEY, GENESIS_HASH, base);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(chainHash(KEY, GENESIS_HASH, { ...base, details: { nested: { a: [1, 'two', null], b: 1 }, reason: 'ok' } }), h);
  assert.notEqual(chainHash(KEY, h, base), h, 'a different previous hash gives a different link');
});

test('changing any field changes the hash', () => {
  const h = chainHash(KEY, GENESIS_HASH, base);
  const changes: Partial<ChainedFields>[] = [
    { shard: 4 }, { seq: 8 }, { at: '2026-11-23T06:00:00.001Z' }, { actorId: null }, { actorName: 'auditor2' },
    { orgId: '5f0c1e2a-1111-4222-8333-444455556666' }, { action: 'identity.logout' }, { targetType: 'org' }, { targetId: 'abd' },
    { outcome: 'failure' }, { ip: '10.0.0.2' }, { details: { reason: 'ok', nested: { b: 2, a: [1, 'two', null] } } }, { details: {} },
  ];
  const seen = new Set([h]);
  for (const c of changes) {
    const other = chainHash(KEY, GENESIS_HASH, { ...base, ...c });
    assert.ok(!seen.has(other), `changing ${Object.keys(c)[0]} must change the hash`);
    seen.add(other);
  }
});

test('null and empty values are not confused', () => {
  assert.notEqual(chainHash(KEY, GENESIS_HASH, { ...base, targetId: null }), chainHash(KEY, GENESIS_HASH, { ...base, targetId: '' }));
  assert.notEqual(chainHash(KEY, GENESIS_HASH, { ...base, targetId: 'null' }), chainHash(KEY, GENESIS_HASH, { ...base, targetId: null }));
  // A field's content cannot slide into its neighbour.
  assert.notEqual(chainHash(KEY, GENESIS_HASH, { ...base, targetType: 'a', targetId: 'bc' }), chainHash(KEY, GENESIS_HASH, { ...base, targetType: 'ab', targetId: 'c' }));
});
