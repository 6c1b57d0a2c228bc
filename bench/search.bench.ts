// Chinese full-text search on a generated corpus of government documents: indexing rate through
// kernel.search.indexMany, then p50/p95 latency of the whole query (visibility, ranking, facets, snippets)
// for one-, two- and four-character and multi-word queries and 文号, against a plain LIKE '%…%' baseline
// (count + newest ten, as a naive search page would) on the same data in the same run. 1,000,000 documents
// on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), 20,000 on PGlite; BENCH_SEARCH_DOCS overrides.
// BENCH_SEARCH_TRGM=1 adds a pg_trgm GIN baseline where the server has the extension (slow to build).
// Prints figures and ratios; never fails on a time.
import crypto from 'node:crypto';
import { fork } from 'node:child_process';
import type { Db } from '../src/kernel/db/db.js';
import type { Actor } from '../src/kernel/auth/actor.js';
import type { Kernel } from '../src/kernel/kernel.js';
import { preparePlatform } from '../src/platform.js';
import { freshDatabase, TEST_DATA_KEY, testConfig } from '../test/support/harness.js';
import { BENCH_DEPARTMENTS, benchDocument } from './support/search-corpus.js';

const SERVER = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const DOCS = Number(process.env.BENCH_SEARCH_DOCS ?? (SERVER ? 1_000_000 : 20_000));
const INDEXERS = Number(process.env.BENCH_SEARCH_INDEXERS ?? 2);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 5);
const BATCH = 500;

const CLASSES: { name: string; queries: string[]; staff?: boolean }[] = [
  { name: '1 character', queries: ['税', '证', '医', '房', '农', '学', '险', '档', '桥', '鸭'] },
  { name: '2 characters', queries: ['社保', '户籍', '执照', '公积', '医保', '补贴', '养老', '发票', '河长', '殡葬'] },
  { name: '4 characters', queries: ['营业执照', '医疗保险', '不动产登', '居民身份', '政务服务', '养老保险', '住房公积', '食品安全', '婚姻登记', '信用修复'] },
  { name: 'multi-word', queries: ['营业执照 办理', '公积金 提取 条件', '社会保障卡 申领', '不动产登记 流程', '养老保险 待遇 发放', '异地就医 备案', '创业 贷款 补贴', '安全生产 隐患', '垃圾分类 通知', '招商引资 意见'] },
  { name: 'multi-word, staff of 2 depts', staff: true, queries: ['营业执照 办理', '公积金 提取', '社会保障卡 申领', '安全生产 隐患', '疫苗接种 通知'] },
];

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const ms = (x: number) => `${x.toFixed(1).padStart(8)} ms`;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

async function seedOrgs(db: Db): Promise<string[]> {
  const root = crypto.randomUUID();
  await db.query("INSERT INTO orgs (id, path, code, name, kind) VALUES ($1, $2, 'BENCH', '示例市人民政府', 'government')", [root, `/${root}/`]);
  const ids: string[] = [];
  for (const [code, name] of BENCH_DEPARTMENTS) {
    const id = crypto.randomUUID();
    ids.push(id);
    await db.query("INSERT INTO orgs (id, parent_id, path, code, name, kind) VALUES ($1, $2, $3, $4, $5, 'department')", [id, root, `/${root}/${id}/`, `BENCH-${code}`, name]);
  }
  return ids;
}

/** Indexer processes, each feeding a slice through indexMany (PostgreSQL); PGlite has one connection, so in-process. */
async function load(kernel: Kernel, url: string | undefined, orgIds: string[]): Promise<number> {
  const t0 = performance.now();
  if (!url) {
    for (let i = 0; i < DOCS; i += BATCH) {
      const docs = Array.from({ length: Math.min(BATCH, DOCS - i) }, (_, k) => benchDocument(i + k, orgIds));
      await kernel.db.tx((tx) => kernel.search.indexMany(tx, docs));
    }
    return performance.now() - t0;
  }
  const per = Math.ceil(DOCS / INDEXERS);
  let done = 0;
  let last = 0;
  await Promise.all(Array.from({ length: INDEXERS }, (_, w) => new Promise<void>((resolve, reject) => {
    const from = w * per;
    const child = fork(new URL('./support/search-indexer.ts', import.meta.url).pathname,
      [url, String(from), String(Math.min(DOCS, from + per)), JSON.stringify(orgIds), String(BATCH)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    let mine = 0;
    child.on('message', (m: { progress?: number; done?: number }) => {
      const n = m.done ?? m.progress ?? mine;
      done += n - mine;
      mine = n;
      if (done - last >= 100_000) { last = done; console.log(`  … ${done} documents indexed, ${(done / ((performance.now() - t0) / 1000)).toFixed(0)} docs/s`); }
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`indexer ${w} exited with ${code}`))));
  })));
  return performance.now() - t0;
}

/** The naive page: how many contain every word, and the newest ten, by LIKE over title and body. */
async function likeBaseline(db: Db, q: string, mode: 'like' | 'trgm'): Promise<number> {
  const words = q.split(/\s+/).filter(Boolean);
  const where = words.map((_, i) => mode === 'like' ? `(d.title LIKE $${i + 1} OR d.body LIKE $${i + 1})` : `(d.title || ' ' || d.body) LIKE $${i + 1}`).join(' AND ');
  const params = words.map((w) => `%${w}%`);
  const vis = `d.visibility = 'public' AND d.published_at <= now()`;
  const [t] = await time(async () => {
    await db.query(`SELECT count(*) FROM search_documents d WHERE ${where} AND ${vis}`, params);
    await db.query(`SELECT d.id, d.title FROM search_documents d WHERE ${where} AND ${vis} ORDER BY d.sort_at DESC LIMIT 10`, params);
  });
  return t;
}

function staffActor(orgPaths: string[]): Actor {
  return {
    accountId: crypto.randomUUID(), kind: 'staff', username: 'bench', displayName: '测试', orgId: null, orgPath: null, sessionId: 'bench',
    grants: orgPaths.map((p) => ({ roleCode: 'caseHandler', adminKind: null, permissions: [], orgId: p.split('/').at(-2)!, orgPath: p })),
  };
}

export default async function searchBench() {
  const fresh = SERVER ? await freshDatabase({ serverUrl: SERVER, poolSize: 4 }) : await freshDatabase();
  const db = fresh.db;
  try {
    const kernel = await preparePlatform(testConfig(), { db, dataKey: TEST_DATA_KEY });
    console.log(`store: ${db.kind === 'postgres' ? `PostgreSQL (${new URL(SERVER!).host})` : 'PGlite (embedded)'}; ${DOCS.toLocaleString('en')} documents; ${RUNS} runs per query`);
    const orgIds = await seedOrgs(db);
    const who = { actorId: null, actorName: 'bench', orgId: null, ip: null };
    await kernel.search.synonyms.create(who, { term: '社保', synonyms: ['社会保障'] });
    await kernel.search.synonyms.create(who, { term: '医保', synonyms: ['医疗保险'] });

    const loadMs = await load(kernel, fresh.url, orgIds);
    const [analyzeMs] = await time(() => kernel.search.analyze());
    const size = db.kind === 'postgres'
      ? (await db.one("SELECT pg_size_pretty(pg_total_relation_size('search_documents') + pg_total_relation_size('search_index')) AS s")).s : '—';
    console.log(`  indexing: ${(DOCS / (loadMs / 1000)).toFixed(0)} docs/s through indexMany (${INDEXERS > 1 && db.kind === 'postgres' ? `${INDEXERS} processes, ` : ''}batches of ${BATCH}, indexes in place); ${(loadMs / 1000).toFixed(0)} s; ANALYZE ${(analyzeMs / 1000).toFixed(1)} s; tables with indexes ${size}`);

    const sample = benchDocument(Math.floor(DOCS / 3), orgIds);
    CLASSES.push({ name: '文号 (document number)', queries: [sample.docNumber!, benchDocument(7, orgIds).docNumber!.replace('〔', '[').replace('〕', ']')] });
    let trgm = false;
    if (db.kind === 'postgres' && process.env.BENCH_SEARCH_TRGM === '1') {
      try {
        await db.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
        const [t] = await time(() => db.exec(`CREATE INDEX bench_trgm ON search_documents USING gin ((title || ' ' || body) gin_trgm_ops)`));
        console.log(`  pg_trgm index built in ${(t / 1000).toFixed(0)} s (baseline only; the product does not use it)`);
        trgm = true;
      } catch (err) {
        console.log(`  pg_trgm not available: ${(err as Error).message}`);
      }
    }
    const staff = staffActor([`/${(await db.one("SELECT id FROM orgs WHERE code = 'BENCH'")).id}/${orgIds[9]}/`, `/${(await db.one("SELECT id FROM orgs WHERE code = 'BENCH'")).id}/${orgIds[22]}/`]);

    console.log(`  ${'query class'.padEnd(30)} ${'search p50'.padStart(11)} ${'p95'.padStart(11)} ${'LIKE p50'.padStart(11)} ${'LIKE p95'.padStart(11)} ${trgm ? `${'trgm p95'.padStart(11)} ` : ''} p95 speed-up   typical total`);
    for (const cls of CLASSES) {
      const times: number[] = [];
      const base: number[] = [];
      const trgms: number[] = [];
      const totals: string[] = [];
      for (const q of cls.queries) {
        const actor = cls.staff ? staff : null;
        const run = () => kernel.search.query(actor, { q, page: 1, pageSize: 10, locale: 'zh-CN' });
        const first = await run();
        totals.push(`${first.totalIsEstimate ? '~' : ''}${first.total}`);
        for (let k = 0; k < RUNS; k++) times.push((await time(run))[0]);
        base.push(await likeBaseline(db, q, 'like'));
        if (trgm) trgms.push(await likeBaseline(db, q, 'trgm'));
      }
      const p95 = pct(times, 95);
      console.log(`  ${cls.name.padEnd(30)} ${ms(pct(times, 50))} ${ms(p95)} ${ms(pct(base, 50))} ${ms(pct(base, 95))} ${trgm ? `${ms(pct(trgms, 95))} ` : ''} ${(pct(base, 95) / p95).toFixed(0).padStart(6)}×      ${totals.slice(0, 4).join(', ')}`);
    }
  } finally {
    await fresh.drop();
  }
}
