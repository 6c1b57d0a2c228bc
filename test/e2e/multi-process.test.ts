// Two real server processes on one PostgreSQL database, started at the same moment: both migrate safely,
// and a sign-in, a sign-out and a lock-out on one process hold on the other — no state lives in a process.
// Needs a PostgreSQL server (TEST_DATABASE_URL); CI always has one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from '../support/harness.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const root = fileURLToPath(new URL('../../', import.meta.url));
const PASSWORD = 'Multi-Proc3ss!';

let drop: (() => Promise<void>) | undefined;
const procs: ChildProcess[] = [];
const bases: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(databaseUrl: string, demo: boolean): Promise<string> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-mp-'));
  const child = spawn(process.execPath, ['bin/zhengwu.js', 'serve', ...(demo ? ['--demo'] : [])], {
    cwd: root,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn',
      ZHENGWU_DATA_KEY: '00112233445566778899aabbccddeeff', ZHENGWU_DEMO_PASSWORD: PASSWORD, ARGON2_MEMORY_KIB: '1024', ARGON2_ITERATIONS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  procs.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return base;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${output}`);
}

before(async () => {
  if (!serverUrl) return;
  const fresh = await freshDatabase({ serverUrl, poolSize: 1 });
  await fresh.db.close().catch(() => {});
  drop = fresh.drop;
  // Both at once on an empty database: migrations take an advisory lock, so neither trips over the other.
  bases.push(...(await Promise.all([startServer(fresh.url!, true), startServer(fresh.url!, false)])));
  // The demo data comes from the first process; wait until it is there.
  for (let i = 0; i < 120; i++) {
    const r = await fetch(`${bases[1]}/api/directory/regions?parent=99`);
    if (r.ok && (await r.json()).items.length > 0) break;
    await new Promise((r2) => setTimeout(r2, 250));
  }
});

after(async () => {
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
  await drop?.().catch(() => {});
});

function cookiesOf(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function login(base: string, username: string, password: string) {
  return fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

test('a session opened on one process is honoured, and ended, on the other', { skip: !serverUrl && 'needs TEST_DATABASE_URL' }, async () => {
  const [a, b] = bases;
  const res = await login(a, '13900000001', PASSWORD);
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = cookiesOf(res);
  const csrf = /zw_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
  const onB = await fetch(`${b}/api/identity/account`, { headers: { cookie } });
  assert.equal(onB.status, 200);
  const account = await onB.json();
  assert.equal(account.displayName, '张明');
  assert.equal(account.phone, '13900000001', 'process B decrypts with the same data key');
  const logout = await fetch(`${b}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
  assert.ok(logout.status < 300, await logout.text());
  assert.equal((await fetch(`${a}/api/identity/account`, { headers: { cookie } })).status, 401, 'signed out everywhere');
});

test('failed sign-ins spread over both processes lock the account on both', { skip: !serverUrl && 'needs TEST_DATABASE_URL' }, async () => {
  const [a, b] = bases;
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await login(i % 2 ? b : a, 'yunfan', 'Wrong-Passw0rd!')).status);
  assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
  assert.equal(statuses[4], 423, 'the fifth failure, wherever it lands, locks the account');
  assert.equal((await login(a, 'yunfan', PASSWORD)).status, 423);
  assert.equal((await login(b, 'yunfan', PASSWORD)).status, 423);
});
