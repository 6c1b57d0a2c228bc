// Portal home page against bare node:http serving the same bytes, measured in the same run on the same machine.
// Prints requests/s, median and p99 latency of each and the ratio; never fails on a time.
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { testPlatform } from '../test/support/harness.js';
import { loadConfig } from '../src/kernel/config.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;

// autocannon ships no type declarations; this is the part of its API the bench uses.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function seedDepartments(platform: Awaited<ReturnType<typeof testPlatform>>) {
  const city = crypto.randomUUID();
  await platform.kernel.db.query(`INSERT INTO orgs (id, path, code, name, kind) VALUES ($1, $2, 'BENCH-CITY', '示例市人民政府', 'government')`, [city, `/${city}/`]);
  for (let i = 1; i <= 40; i++) {
    const id = crypto.randomUUID();
    await platform.kernel.db.query(
      `INSERT INTO orgs (id, parent_id, path, code, name, kind, sort) VALUES ($1, $2, $3, $4, $5, 'department', $6)`,
      [id, city, `/${city}/${id}/`, `BENCH-D${i}`, `示例市第${i}工作部门`, i],
    );
  }
}

async function load(name: string, url: string): Promise<AutocannonResult> {
  await autocannon({ url, connections: CONNECTIONS, duration: 1 }); // warm-up: JIT, connection pools
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { 'accept-language': 'zh-CN' } });
  if (r.non2xx > 0 || r.errors > 0) console.log(`  warning: ${name} had ${r.non2xx} non-2xx answers and ${r.errors} errors`);
  return r;
}

export default async function portalBench() {
  const platform = await testPlatform({ publicCacheTtlMs: loadConfig().publicCacheTtlMs }); // production setting, not the tests' (cache off)
  await seedDepartments(platform);
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const portalUrl = `http://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}/`;

  const home = await fetch(portalUrl);
  const bytes = Buffer.from(await home.arrayBuffer());
  const type = home.headers.get('content-type') ?? 'text/html; charset=utf-8';
  if (home.status !== 200) throw new Error(`home page answered ${home.status}`);

  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
    res.end(bytes);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

  try {
    console.log(`home page: ${bytes.length} bytes; ${CONNECTIONS} connections, ${SECONDS} s each, after a 1 s warm-up; database: ${platform.kernel.db.kind}`);
    const b = await load('bare node:http', bareUrl);
    const p = await load('portal', portalUrl);
    const row = (name: string, r: AutocannonResult) =>
      `  ${name.padEnd(16)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   (${r.requests.total} requests)`;
    console.log(row('bare node:http', b));
    console.log(row('portal home', p));
    console.log(`  ratio portal/bare: ${(p.requests.average / b.requests.average).toFixed(3)} of the throughput (requests/s)`);
  } finally {
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    await platform.close();
  }
}
