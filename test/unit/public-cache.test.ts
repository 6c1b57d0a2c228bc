import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PublicCache } from '../../src/kernel/cache/public-cache.js';

test('published data is served from memory within the TTL and reloaded after it', async () => {
  const cache = new PublicCache(40);
  let loads = 0;
  const load = async () => ++loads;
  assert.equal(await cache.get('k', load), 1);
  assert.equal(await cache.get('k', load), 1);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(await cache.get('k', load), 2);
  cache.invalidate('k');
  assert.equal(await cache.get('k', load), 3);
});

test('a TTL of 0 turns the cache off instead of caching forever', async () => {
  const cache = new PublicCache(0);
  let loads = 0;
  await cache.get('k', async () => ++loads);
  await cache.get('k', async () => ++loads);
  assert.equal(loads, 2);
});
