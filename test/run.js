#!/usr/bin/env node
// Runs the test tiers and prints one summary line: "tests: N passed, N failed".
//   node test/run.js            every tier (db twice when TEST_DATABASE_URL is set: PGlite and PostgreSQL)
//   node test/run.js unit|db|e2e [file filter]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const [only, filter] = process.argv.slice(2);

function files(tier) {
  const dir = path.join(root, 'test', tier);
  if (!fs.existsSync(dir)) return [];
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts') && (!filter || p.includes(filter))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const runs = [];
if (!only || only === 'unit') runs.push({ name: 'unit', tier: 'unit', env: {} });
if (!only || only === 'db') {
  runs.push({ name: 'db (PGlite)', tier: 'db', env: { TEST_DB: 'pglite' } });
  if (process.env.TEST_DATABASE_URL) runs.push({ name: 'db (PostgreSQL)', tier: 'db', env: { TEST_DB: 'postgres' } });
}
if (!only || only === 'e2e') runs.push({ name: 'e2e', tier: 'e2e', env: { TEST_DB: 'pglite' } });

// The e2e tier drives Debian's Chromium; on a fresh Debian machine (as root) install it rather than fail.
function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  if (candidates.some((c) => fs.existsSync(c))) return;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian\'s chromium for the e2e tier…');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.log('The e2e tier needs Chromium: install Debian\'s `chromium` package or set CHROMIUM_PATH.');
  }
}
if (runs.some((r) => r.tier === 'e2e')) ensureChromium();

let passed = 0;
let failed = 0;
const lines = [];
for (const run of runs) {
  const list = files(run.tier);
  if (list.length === 0) continue;
  const tap = path.join(os.tmpdir(), `zhengwu-${process.pid}-${run.tier}-${run.env.TEST_DB ?? 'x'}.tap`);
  console.log(`\n=== ${run.name}: ${list.length} files ===`);
  const res = spawnSync(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...list,
  ], { cwd: root, stdio: 'inherit', env: { ...process.env, ...run.env } });
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  fs.rmSync(tap, { force: true });
  const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  let p = count('pass');
  let f = count('fail') + count('cancelled');
  if (res.status !== 0 && f === 0) f = 1; // the runner itself failed (a file that does not load)
  passed += p;
  failed += f;
  lines.push(`${run.name}: ${p} passed, ${f} failed`);
}
console.log('\n' + lines.join('\n'));
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
