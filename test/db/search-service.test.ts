import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, staffSession } from '../support/fixtures.js';
import type { SearchDocument } from '../../src/kernel/search/search.service.js';

let p: TestPlatform;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let insiderA: { headers: Record<string, string> };
let outsiderB: { headers: Record<string, string> };
let admin: { headers: Record<string, string> };

const day = (iso: string) => new Date(`${iso}T09:00:00+08:00`);
const doc = (ref: string, over: Partial<SearchDocument>): SearchDocument => ({
  source: 'test.policy', ref, title: `文件${ref}`, body: '', url: `/documents/${ref}`, visibility: 'public', publishedAt: day('2025-01-01'), ...over,
});
const search = async (query: string, headers: Record<string, string> = {}) => {
  const res = await p.inject({ method: 'GET', url: `/api/search?${query}`, headers });
  assert.equal(res.statusCode, 200, res.body);
  return json(res);
};
const refs = (r: { items: { ref: string }[] }) => r.items.map((i) => i.ref);

before(async () => {
  p = await testPlatform();
  tree = await createOrgTree(p);
  insiderA = await staffSession(p, { org: tree.deptA, roles: ['caseHandler'] });
  outsiderB = await staffSession(p, { org: tree.deptB, roles: ['caseHandler'] });
  admin = await staffSession(p, { org: tree.city, roles: ['systemAdmin'] });
  await p.kernel.db.tx((tx) => p.kernel.search.indexMany(tx, [
    doc('notice', { title: '关于做好2026年度营业执照办理工作的通知', body: '根据示政发〔2026〕7号文件，全面推行营业执照全程网办。ISO9001认证企业可优先办理。', docNumber: '示政发〔2026〕7号', orgId: tree.deptA.id, publishedAt: day('2026-02-01') }),
    doc('card', { title: '社会保障卡申领指南', body: '持居民身份证到窗口申领社会保障卡，<script>alert(1)</script>当场制卡。', orgId: tree.deptB.id, publishedAt: day('2025-06-01') }),
    doc('internal', { title: '内部通报：营业执照核发进度', body: '各科室注意营业执照核发时限。', visibility: 'staff', publishedAt: null }),
    doc('orgA', { title: '登记注册科营业执照工作台账', body: '仅限本局。', visibility: 'org', orgId: tree.divisionA.id, publishedAt: null }),
    doc('draft', { title: '营业执照新规（草稿）', body: '尚未发布。', orgId: tree.deptA.id, publishedAt: null }),
    doc('scheduled', { title: '营业执照新规（定时发布）', body: '下月发布。', orgId: tree.deptA.id, publishedAt: new Date(Date.now() + 10 * 86_400_000) }),
  ]));
});
after(() => p.close());

test('one and two characters find the words they are part of', async () => {
  assert.deepEqual(refs(await search('q=照')), ['notice']);
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('执照')}`)), ['notice']);
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('制卡')}`)), ['card']);
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('保障')}`)), ['card']);
});

test('文号 are found exactly whatever brackets the searcher types', async () => {
  for (const q of ['示政发〔2026〕7号', '示政发[2026]7号', '示政发（2026）7号', '示政发［2026］07号']) {
    const r = await search(`q=${encodeURIComponent(q)}`);
    assert.deepEqual(refs(r), ['notice'], q);
    assert.equal(r.items[0].docNumber, '示政发〔2026〕7号');
  }
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('示政发〔2026〕8号')}`)), []);
});

test('mixed Chinese, English and numbers; several words must all occur', async () => {
  assert.deepEqual(refs(await search('q=iso9001')), ['notice']);
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('ＩＳＯ 营业执照')}`)), ['notice']);
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('营业执照 社会保障卡')}`)), []);
});

test('visibility: the public sees published public documents; staff also staff ones; an org\'s documents and drafts only inside it', async () => {
  const q = `q=${encodeURIComponent('营业执照')}`;
  assert.deepEqual(refs(await search(q)).sort(), ['notice']);
  assert.deepEqual(refs(await search(q, insiderA.headers)).sort(), ['draft', 'internal', 'notice', 'orgA', 'scheduled']);
  assert.deepEqual(refs(await search(q, outsiderB.headers)).sort(), ['internal', 'notice']);
  const citizen = await p.kernel.search.query(null, { q: '营业执照', page: 1, pageSize: 10, locale: 'zh-CN' });
  assert.equal(citizen.total, 1, 'the total counts only what the caller may see');
});

test('a rolled-back change leaves nothing in the index; a removed document is gone', async () => {
  await assert.rejects(p.kernel.db.tx(async (tx) => {
    await p.kernel.search.index(tx, doc('rolledBack', { title: '回滚测试专用标题甲乙', body: '回滚' }));
    throw new Error('the change fails');
  }));
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('甲乙')}`)), []);
  await p.kernel.db.tx((tx) => p.kernel.search.index(tx, doc('gone', { title: '即将删除的丙丁文件' })));
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('丙丁')}`)), ['gone']);
  await p.kernel.db.tx((tx) => p.kernel.search.remove(tx, 'test.policy', 'gone'));
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('丙丁')}`)), []);
});

test('ranking: the title counts more than the body; equal relevance goes to the newer document', async () => {
  await p.kernel.db.tx((tx) => p.kernel.search.indexMany(tx, [
    doc('rankTitle', { title: '住房公积金提取办法', body: '办法全文。', publishedAt: day('2019-03-01') }),
    doc('rankNew', { title: '年度工作总结', body: '本年度住房公积金工作稳步推进。', publishedAt: day('2024-03-01') }),
    doc('rankOld', { title: '年度工作总结', body: '本年度住房公积金工作稳步推进。', publishedAt: day('2021-03-01') }),
  ]));
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('住房公积金')}`)), ['rankTitle', 'rankNew', 'rankOld']);
});

test('highlighted titles and snippets are escaped HTML with <mark>', async () => {
  const r = await search(`q=${encodeURIComponent('制卡 script')}`);
  assert.equal(r.items[0].ref, 'card');
  assert.match(r.items[0].snippet, /&lt;<mark>script<\/mark>&gt;alert\(1\)&lt;\/<mark>script<\/mark>&gt;当场<mark>制卡<\/mark>/);
  assert.equal((await search(`q=${encodeURIComponent('申领')}`)).items[0].titleHtml, '社会保障卡<mark>申领</mark>指南');
});

test('facets count sources, organisations and years; pages split the ranked results', async () => {
  const many = Array.from({ length: 25 }, (_, i) => doc(`archive${i}`, {
    source: i % 5 === 0 ? 'test.guide' : 'test.policy', title: `档案管理规定第${i}号`, body: '档案。',
    orgId: i % 2 === 0 ? tree.deptA.id : tree.deptB.id, publishedAt: day(i < 10 ? '2024-05-01' : '2025-05-01'),
  }));
  await p.kernel.db.tx((tx) => p.kernel.search.indexMany(tx, many));
  const page3 = await search(`q=${encodeURIComponent('档案')}&pageSize=10&page=3`);
  assert.equal(page3.total, 25);
  assert.equal(page3.totalIsEstimate, false);
  assert.equal(page3.items.length, 5);
  const all = new Set<string>();
  for (const page of [1, 2, 3]) for (const r of refs(await search(`q=${encodeURIComponent('档案')}&pageSize=10&page=${page}`))) all.add(r);
  assert.equal(all.size, 25, 'every result on exactly one page');
  const count = (list: { value: string; count: number }[], value: string) => list.find((f) => f.value === value)?.count;
  assert.equal(count(page3.facets.source, 'test.guide'), 5);
  assert.equal(count(page3.facets.source, 'test.policy'), 20);
  assert.equal(count(page3.facets.org, tree.deptA.id), 13);
  assert.equal(page3.facets.org.find((f: { value: string }) => f.value === tree.deptA.id).label, tree.deptA.name);
  assert.equal(count(page3.facets.year, '2024'), 10);
  const filtered = await search(`q=${encodeURIComponent('档案')}&source=test.guide&org=${tree.deptA.id}&from=2025-01-01&to=2025-12-31`);
  assert.deepEqual(refs(filtered).sort(), ['archive10', 'archive20']);
});

test('synonyms added by the administrator widen queries at once; changes need the current version; all audited', async () => {
  await p.kernel.db.tx((tx) => p.kernel.search.index(tx, doc('security', { title: '城乡居民社会保障政策问答', body: '社会保障待遇。' })));
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('社保')}`)), []);
  const created = await p.inject({ method: 'POST', url: '/api/search/synonyms', headers: admin.headers, payload: { term: '社保', synonyms: ['社会保障', '社保'] } });
  assert.equal(created.statusCode, 201, created.body);
  const synonym = json(created);
  assert.deepEqual(synonym.synonyms, ['社会保障']);
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('社保')}`)).sort(), ['card', 'security']);
  const dup = await p.inject({ method: 'POST', url: '/api/search/synonyms', headers: admin.headers, payload: { term: '社保', synonyms: ['社会保险'] } });
  assert.equal(dup.statusCode, 400);
  assert.equal(json(dup).error.fields[0].field, 'term');
  const stale = await p.inject({ method: 'PUT', url: `/api/search/synonyms/${synonym.id}`, headers: admin.headers, payload: { term: '社保', synonyms: ['社会保险'], version: synonym.version + 1 } });
  assert.equal(stale.statusCode, 409);
  const changed = await p.inject({ method: 'PUT', url: `/api/search/synonyms/${synonym.id}`, headers: admin.headers, payload: { term: '社保', synonyms: ['社会保险'], version: synonym.version } });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('社保')}`)), []);
  const list = json(await p.inject({ method: 'GET', url: '/api/search/synonyms', headers: admin.headers }));
  assert.deepEqual(list.items.map((s: { term: string }) => s.term), ['社保']);
  assert.equal((await p.inject({ method: 'DELETE', url: `/api/search/synonyms/${synonym.id}`, headers: admin.headers })).statusCode, 204);
  const audited = await p.kernel.db.query("SELECT action FROM audit_log WHERE target_type = 'searchSynonym' ORDER BY seq");
  assert.deepEqual(audited.map((r) => r.action).sort(), ['search.synonym.create', 'search.synonym.delete', 'search.synonym.update']);
  // Another process changed the synonyms: the next query here sees the new version.
  await p.kernel.db.query("INSERT INTO search_synonyms (term, synonyms) VALUES ('社保', ARRAY['社会保障'])");
  await p.kernel.db.query('UPDATE search_state SET synonyms_version = synonyms_version + 1');
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('社保')}`)).sort(), ['card', 'security']);
  const departmental = await staffSession(p, { org: tree.deptA, roles: ['systemAdmin'] });
  assert.equal((await p.inject({ method: 'GET', url: '/api/search/synonyms', headers: departmental.headers })).statusCode, 403, 'only a whole-tree administrator');
});

test('the full reindex rewrites a source, drops what is gone and keeps what was indexed meanwhile', async () => {
  await p.kernel.db.tx((tx) => p.kernel.search.indexMany(tx, [
    doc('r1', { source: 'test.reindex', title: '旧标题戊己' }), doc('stale', { source: 'test.reindex', title: '已删除的戊己' }),
  ]));
  const k = p.kernel;
  k.search.defineSource('test.reindex', {
    label: { 'zh-CN': '测试', en: 'Test' },
    async *reindex() {
      yield doc('r1', { source: 'test.reindex', title: '新标题戊己' });
      // A document a module indexes while the reindex runs must survive it.
      await k.db.tx((tx) => k.search.index(tx, doc('meanwhile', { source: 'test.reindex', title: '同时写入的戊己' })));
      yield doc('r2', { source: 'test.reindex', title: '新增的戊己' });
    },
  });
  const [result] = await k.search.reindex({ source: 'test.reindex', analyze: true });
  assert.deepEqual(result, { source: 'test.reindex', indexed: 2, removed: 1 });
  const r = await search(`q=${encodeURIComponent('戊己')}&source=test.reindex`);
  assert.deepEqual(refs(r).sort(), ['meanwhile', 'r1', 'r2']);
  assert.ok(r.items.find((i: { ref: string }) => i.ref === 'r1').title.startsWith('新标题'));
  await assert.rejects(k.search.reindex({ source: 'test.unknown' }), /unknown source/);
});

test('the department directory is searchable: public bodies only, linked to their place in the directory', async () => {
  await p.kernel.search.reindex({ source: 'portal.department' });
  const r = await search(`q=${encodeURIComponent('教育局')}`);
  const hit = r.items.find((i: { ref: string }) => i.ref === tree.deptB.id);
  assert.ok(hit, r.body);
  assert.equal(hit.url, `/departments#org-${tree.deptB.id}`);
  assert.equal(hit.type, '部门名录');
  assert.deepEqual(refs(await search(`q=${encodeURIComponent('登记注册科')}&source=portal.department`)), [], 'internal divisions are not published');
});

test('bad queries are refused with a field error in the caller\'s language', async () => {
  for (const [q, status] of [['', 400], ['%20%20', 400], [encodeURIComponent('政'.repeat(101)), 400], ['x&from=2026-02-30', 400], ['x&from=2026-03-01&to=2026-02-01', 400]] as const) {
    const res = await p.inject({ method: 'GET', url: `/api/search?q=${q}` });
    assert.equal(res.statusCode, status, `${q}: ${res.body}`);
    const err = json(res).error;
    assert.ok(err.fields.length > 0 && /[\u4e00-\u9fff]/.test(err.fields[0].message), res.body);
  }
  const en = await p.inject({ method: 'GET', url: '/api/search?q=%20', headers: { 'accept-language': 'en' } });
  assert.equal(json(en).error.fields[0].message, 'Please enter the words to search for.');
});

test('the portal search page shows results with highlights, facets and an empty state, in both editions', async () => {
  const page = await p.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('营业执照')}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /找到 1 条结果/);
  assert.match(page.body, /<a href="\/documents\/notice">关于做好2026年度<mark>营业执照<\/mark>办理工作的通知<\/a>/);
  assert.match(page.body, /文号：示政发〔2026〕7号/);
  assert.match(page.body, /<h2 id="facets-title">筛选结果<\/h2>/);
  const en = await p.inject({ method: 'GET', url: `/en/search?q=${encodeURIComponent('营业执照')}` });
  assert.match(en.body, /1 results/);
  assert.match(en.body, /href="\/en\/documents\/notice"/);
  const none = await p.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('不存在的词语壬癸')}` });
  assert.match(none.body, /没有找到与“不存在的词语壬癸”相关的信息/);
  const bad = await p.inject({ method: 'GET', url: '/search?q=' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请输入要搜索的字词/);
  const first = await p.inject({ method: 'GET', url: '/search' });
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /role="search"/);
});

test('very common words: only the latest months are read, ranked, and the total is an estimate', async () => {
  const { SearchService } = await import('../../src/kernel/search/search.service.js');
  // The same store with tiny limits, so that 60 documents count as "most of the table".
  const small = new SearchService(p.kernel.db, p.kernel.audit, { exactLimit: 5, candidates: 50, recentCandidates: 3 });
  const months = Array.from({ length: 60 }, (_, i) => doc(`common${i}`, {
    source: 'test.common', title: i === 3 ? '庚辛制度汇编（标题命中）' : `通用文件${i}`, body: '庚辛制度。',
    publishedAt: new Date(Date.UTC(2021, i, 10)), visibility: i === 59 ? 'staff' : 'public',
  }));
  await p.kernel.db.tx((tx) => p.kernel.search.indexMany(tx, months));
  await p.kernel.search.analyze();
  const r = await small.query(null, { q: '庚辛', source: 'test.common', page: 1, pageSize: 10, locale: 'zh-CN' });
  assert.equal(r.totalIsEstimate, true, JSON.stringify({ total: r.total, available: r.available }));
  assert.equal(r.facetsCounted, 'recent');
  assert.ok(r.available >= 3 && r.available < 59, `only the latest months were ranked (${r.available})`);
  assert.ok(!r.items.some((i) => i.ref === 'common59'), 'the staff-only document stays hidden');
  assert.equal(r.items[0].ref, 'common58', 'the newest visible first');
  const dates = r.items.map((i) => i.date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first when relevance is equal');
  const exact = await p.kernel.search.query(null, { q: '庚辛', source: 'test.common', page: 1, pageSize: 10, locale: 'zh-CN' });
  assert.equal(exact.total, 59);
  assert.equal(exact.items[0].ref, 'common3', 'with every match read, the title match ranks first');
});
