import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditService } from '../../src/kernel/audit/audit.service.js';
import { auditChainKey } from '../../src/kernel/audit/audit-chain.js';

const DATA_KEY_HEX = '00112233445566778899aabbccddeeff';
import type { Db } from '../../src/kernel/db/db.js';
import { openPglite } from '../../src/kernel/db/pglite.js';
import { openPostgres } from '../../src/kernel/db/postgres.js';
import { freshDatabase, TEST_DB } from '../support/harness.js';

/**
 * `zhengwu audit verify` end to end: the real command in a child process, on the embedded store in a
 * temporary DATA_DIR (or, in the PostgreSQL run, a fresh database named by DATABASE_URL).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir = '';
let server: Awaited<ReturnType<typeof freshDatabase>> | null = null;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengwu-audit-cli-'));
  if (TEST_DB === 'postgres') {
    server = await freshDatabase();
    await server.db.close();
  }
});
after(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (server) await server.drop().catch(() => {});
});

function zhengwu(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env, DATA_DIR: dataDir, DATABASE_URL: server?.url ?? '', ZHENGWU_DATA_KEY: DATA_KEY_HEX,
    AUDIT_SHARDS: '4', LOG_LEVEL: 'silent',
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin/zhengwu.js'), ...args], { cwd: root, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The command's store, opened from the test; the embedded one only while no command runs (PGlite is single-process). */
async function withStore<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = server ? await openPostgres(server.url!, 4) : await openPglite(path.join(dataDir, 'pglite'));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

test('migrate, then verify an untouched log: exit 0 and "intact"', async () => {
  const migrated = await zhengwu('migrate');
  assert.equal(migrated.code, 0, migrated.stderr);
  const written = await withStore(async (db) => {
    const audit = new AuditService(db, 4, auditChainKey(Buffer.from(DATA_KEY_HEX, 'hex')));
    for (let i = 0; i < 12; i++) await audit.recordNow({ action: 'identity.login', actorName: `user${i}`, ip: '10.1.1.1', outcome: i % 3 ? 'success' : 'failure', details: { attempt: i } });
    return (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).n;
  });
  assert.ok(written >= 12);
  const res = await zhengwu('audit', 'verify');
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /intact/);
  assert.match(res.stdout, /审计日志完整/);
  assert.ok(res.stdout.includes(`${written} records`), res.stdout);
});

test('after a superuser edits a record, verify exits 3 and names it', async () => {
  const victim = await withStore(async (db) => {
    const [row] = await db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'identity.login' AND details->>'attempt' = '5'`);
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await db.query(`UPDATE audit_log SET outcome = 'success', actor_name = 'nobody' WHERE id = $1`, [row.id]);
    await db.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
    return Number(row.id);
  });
  const res = await zhengwu('audit', 'verify');
  assert.equal(res.code, 3, res.stdout + res.stderr);
  assert.match(res.stderr, new RegExp(`first problem is record id=${victim} \\(chain \\d+, seq \\d+\\): edited`));
  assert.match(res.stderr, /审计日志被篡改/);
  assert.doesNotMatch(res.stdout, /intact/);
});

test('a deleted record is named by the record after it', async () => {
  const next = await withStore(async (db) => {
    // The edited record goes: its deletion is now the only problem.
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
    const rows = await db.query<{ id: number; shard: number; seq: number }>(`SELECT id, shard, seq FROM audit_log WHERE actor_name = 'nobody'`);
    await db.query(`DELETE FROM audit_log WHERE id = $1`, [rows[0].id]);
    const [after] = await db.query<{ id: number }>('SELECT id FROM audit_log WHERE shard = $1 AND seq > $2 ORDER BY seq LIMIT 1', [rows[0].shard, rows[0].seq]);
    await db.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
    return after ? { id: Number(after.id), tail: false } : { id: null, tail: true };
  });
  const res = await zhengwu('audit', 'verify');
  assert.equal(res.code, 3);
  if (next.tail) assert.match(res.stderr, /first problem is record id=- .*deleted/);
  else assert.match(res.stderr, new RegExp(`first problem is record id=${next.id} .*deleted`));
});
