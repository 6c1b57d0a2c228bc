import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/kernel/config.js';
import type { Db } from '../../src/kernel/db/db.js';
import { openPglite } from '../../src/kernel/db/pglite.js';
import { openPostgres } from '../../src/kernel/db/postgres.js';
import { startPlatform, type Platform } from '../../src/platform.js';

/**
 * The db and e2e tiers run every test file against a fresh database: an in-memory PGlite by default,
 * or a new database on the PostgreSQL server when TEST_DB=postgres (TEST_DATABASE_URL names the server).
 */
export const TEST_DB: 'pglite' | 'postgres' = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const TEST_DATA_KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ ...process.env, DATABASE_URL: '', PORT: '0' }),
    // Files and keys of a test never land in the developer's ./data.
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'zw-test-')),
    argon2MemoryKiB: 1024,
    argon2Iterations: 1,
    logLevel: 'silent',
    auditShards: 4,
    // Tests change the directory and look at pages at once; the published-data cache would hide that.
    publicCacheTtlMs: 0,
    // Night-time quiet hours would hold non-urgent SMS depending on when the suite runs; tests of them set their own.
    notifyQuietHours: '',
    ...overrides,
  };
}

/** A fresh, empty database of the tier's kind; `drop` removes it afterwards. */
export async function freshDatabase(opts: { serverUrl?: string; poolSize?: number } = {}): Promise<{ db: Db; url?: string; drop: () => Promise<void> }> {
  if (TEST_DB === 'pglite' && !opts.serverUrl) {
    const db = await openPglite();
    return { db, drop: () => db.close() };
  }
  const serverUrl = opts.serverUrl ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `zw_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), opts.poolSize ?? 5);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestPlatform extends Platform {
  inject: FastifyInstance['inject'];
}

/** The whole platform on a fresh database, migrated, without demo data. */
export async function testPlatform(overrides: Partial<Config> = {}): Promise<TestPlatform> {
  const fresh = await freshDatabase();
  const config = testConfig(overrides);
  const platform = await startPlatform(config, { db: fresh.db, dataKey: TEST_DATA_KEY, server: { logger: false } });
  return {
    ...platform,
    inject: platform.app.inject.bind(platform.app),
    async close() {
      await platform.app.close();
      await fresh.drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export function json<T = any>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}
