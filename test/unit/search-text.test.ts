import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexLexemes, queryTokens, segmenter } from '../../src/kernel/search/segmenter.js';
import { findDocNumbers, normalizeDocNumber } from '../../src/kernel/search/doc-number.js';
import { parseQuery } from '../../src/kernel/search/search-query.js';
import { documentVectors } from '../../src/kernel/search/search-vector.js';
import { highlightAll, snippet } from '../../src/kernel/search/highlight.js';

const lexemes = (text: string) => new Set(indexLexemes(text).lexemes.map((l) => l.text));

test('the government dictionary keeps its terms whole where jieba alone would split them', () => {
  const cut = (s: string) => segmenter().cut(s, false);
  assert.deepEqual(cut('申领社会保障卡'), ['申领', '社会保障卡']);
  assert.ok(cut('办理不动产登记').includes('不动产登记'));
  assert.ok(cut('住房公积金提取').includes('住房公积金'));
  assert.ok(cut('实行证照分离改革').includes('证照分离'));
  assert.ok(cut('推行一件事一次办').includes('一件事一次办'));
});

test('a text is indexed as its words, the dictionary words inside longer words, and every character', () => {
  const l = lexemes('关于做好营业执照办理工作的通知');
  for (const w of ['营业执照', '营业', '执照', '办理', '通知', '照', '营', '的']) assert.ok(l.has(w), `${w} indexed`);
  const card = lexemes('社会保障卡');
  assert.ok(card.has('社会保障卡') && card.has('社会保障') && card.has('保障'), 'a word inside a longer word is indexed');
});

test('mixed Chinese, English and numbers: full-width folded, letters and digits apart and together', () => {
  const l = lexemes('ＩＳＯ9001认证与iPhone15、5G基站');
  for (const w of ['iso9001', 'iso', '9001', 'iphone15', 'iphone', '15', '认证', '基站']) assert.ok(l.has(w), `${w} indexed`);
});

test('文号 in every bracket style normalize to GB/T 9704 form and are one token', () => {
  for (const s of ['示政发〔2026〕7号', '示政发[2026]7号', '示政发［2026］07号', '示政发（2026）第7号', '示政发(2026)7号', '示政发【2026】7号']) {
    assert.equal(normalizeDocNumber(s), '示政发〔2026〕7号', s);
  }
  assert.equal(normalizeDocNumber('营业执照'), null);
  const inText = findDocNumbers('根据示政发〔2026〕7号文件要求');
  assert.equal(inText.length, 1);
  assert.ok(inText[0].variants.includes('示政发〔2026〕7号'), 'the organ code is found inside running text');
  assert.ok(lexemes('根据示政发[2026]7号文件').has('示政发〔2026〕7号'));
});

test('queries: words ANDed, synonyms ORed, unknown character runs need every character, punctuation alone is nothing', () => {
  const syn = new Map([['社保', ['社会保障']]]);
  assert.equal(parseQuery('营业执照 办理')!.tsquery, "('营业执照' & '办理')");
  assert.equal(parseQuery('社保', syn)!.tsquery, "('社保' | '社会保障')");
  assert.equal(parseQuery('照')!.tsquery, "'照'");
  assert.equal(parseQuery('示政发［2026］7号')!.tsquery, "'示政发〔2026〕7号'");
  assert.deepEqual(queryTokens('业执'), [{ kind: 'chars', chars: ['业', '执'] }]);
  assert.equal(parseQuery('业执')!.tsquery, "('业' & '执')");
  assert.equal(parseQuery("it's")!.tsquery.includes("'it'"), true, 'quotes cannot break out of a lexeme');
  assert.equal(parseQuery('！！ …'), null);
});

test('a document has a ranking vector (title A, 文号 and fields B) and a matching vector of every lexeme', () => {
  const v = documentVectors({ title: '营业执照办理', body: '社会保障卡', docNumber: '示政发[2026]7号', fields: { kind: '通知' } });
  assert.match(v.head, /'营业执照':\d+A/);
  assert.match(v.head, /'示政发〔2026〕7号':\d+B/);
  assert.match(v.head, /'通知':\d+B/);
  assert.match(v.head, /'执照':\d+A/);
  const all = v.lexemes.split(' ');
  for (const w of ['社会保障', '营业执照', '示政发〔2026〕7号', '通知']) assert.ok(all.includes(w), w);
  assert.equal(new Set(all).size, all.length, 'each lexeme once');
});

test('highlighting escapes the text and marks only the query words', () => {
  const marks = { words: ['script', '营业执照'], docNumbers: ['示政发〔2026〕7号'] };
  assert.equal(highlightAll('<b>营业执照</b>', marks), '&lt;b&gt;<mark>营业执照</mark>&lt;/b&gt;');
  const s = snippet(`${'前言'.repeat(100)}<script>alert("x")</script>见示政发[2026]7号。${'后文'.repeat(100)}`, marks, 60);
  assert.ok(s.startsWith('…') && s.endsWith('…'), 'cut around the match');
  assert.ok(s.includes('&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)'), s);
  assert.ok(s.includes('<mark>示政发[2026]7号</mark>'), 'the number is marked as written');
  assert.ok(!/<(?!\/?mark>)/.test(s), 'no markup but <mark>');
  assert.equal(highlightAll('ＩＳＯ认证', { words: ['iso'], docNumbers: [] }), '<mark>ＩＳＯ</mark>认证');
});
