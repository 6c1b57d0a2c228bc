import { LRUCache } from 'lru-cache';

/**
 * A few seconds' memory of *published* data (the public department list, a published page) so that a
 * busy portal does not ask the database the same question hundreds of times a second. Each process keeps
 * its own copy and all converge within `ttlMs`; nothing about a person, a permission or a case may go
 * here — those are always read from the database (see docs/decisions/0006-public-read-cache.md).
 */
export class PublicCache {
  private readonly cache: LRUCache<string, { value: unknown }> | null;

  /** A TTL of 0 turns caching off (lru-cache would read 0 as "forever"). */
  constructor(readonly ttlMs = 5_000, max = 500) {
    this.cache = ttlMs > 0 ? new LRUCache({ max, ttl: ttlMs }) : null;
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache) return load();
    const hit = this.cache.get(key);
    if (hit) return hit.value as T;
    const value = await load();
    this.cache.set(key, { value });
    return value;
  }

  /** Forget entries whose key starts with `prefix` (after this process changes the data itself). */
  invalidate(prefix = '') {
    if (!this.cache) return;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }
}
