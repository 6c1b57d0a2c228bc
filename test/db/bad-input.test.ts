// "A 500 is a bug": every operation of the OpenAPI document receives malformed input — broken JSON,
// wrong types, missing fields, unknown fields, hostile path parameters and query strings — from a caller
// who holds every permission at the root of the tree, and must answer 4xx with the one error format.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrgTree, roleId, staffSession } from '../support/fixtures.js';
import { allPermissions } from '../../src/kernel/auth/policy.js';

let p: TestPlatform;
let headers: Record<string, string>;
let operations: { method: string; path: string; op: Record<string, any> }[];

before(async () => {
  // The provider callback routes check their secret path token before the body: with the token equal to the
  // id the path parameters are filled with below, their bodies are validated too.
  p = await testPlatform({ smsCallbackToken: '00000000-0000-4000-8000-000000000000' });
  const tree = await createOrgTree(p);
  await roleId(p, 'everything', { permissions: allPermissions().map((x) => x.code) });
  headers = (await staffSession(p, { org: tree.city, roles: ['everything'] })).headers;
  const doc = json(await p.inject({ method: 'GET', url: '/api/openapi.json' }));
  operations = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
});
after(() => p.close());

const HOSTILE_PARAMS = ['not-a-uuid', '..%2F..%2Fetc%2Fpasswd', "1'%3B DROP TABLE orgs%3B--", '%00', '9'.repeat(40), '-1'];
const WRONG = [null, 12345, true, [], { nested: { deep: ['x'] } }, 'x'.repeat(5000), '<script>alert(1)</script>'];

/** A body where every declared property has the wrong type or an absurd value, one variant per index. */
function wrongBody(schema: any, variant: number): Record<string, unknown> {
  const props = Object.keys(schema?.properties ?? {});
  return Object.fromEntries(props.map((k, i) => [k, WRONG[(i + variant) % WRONG.length]]));
}

function fill(path: string, value: string) {
  return path.replace(/\{[^}]+\}/g, value);
}

async function expectClientError(req: InjectOptions, label: string) {
  const res = await p.inject({ ...req, headers: { ...headers, ...(req.headers ?? {}) } } as InjectOptions);
  assert.ok(res.statusCode < 500, `${label} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  if (res.statusCode >= 400 && (res.headers['content-type'] ?? '').toString().includes('json')) {
    const body = json(res);
    assert.ok(body.error?.code && body.error?.message, `${label}: error without code or message: ${res.body.slice(0, 200)}`);
  }
  return res;
}

test('malformed bodies are answered 4xx, never 5xx, on every operation that takes one', async () => {
  const withBody = operations.filter(({ op }) => op.requestBody?.content?.['application/json']?.schema);
  assert.ok(operations.length >= 40 && withBody.length >= 15, `too few operations to be the whole API: ${operations.length}/${withBody.length}`);
  for (const { method, path, op } of operations) {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (!schema || op['x-policy'] === 'identity.logout') continue;
    const url = fill(path, '00000000-0000-4000-8000-000000000000');
    const label = `${method} ${path}`;
    const broken = await expectClientError({ method: method as any, url, headers: { 'content-type': 'application/json' }, payload: '{"oops": ' }, `${label} (broken JSON)`);
    assert.equal(broken.statusCode, 400, `${label}: broken JSON should be 400`);
    await expectClientError({ method: method as any, url, payload: {} }, `${label} (empty object)`);
    await expectClientError({ method: method as any, url, headers: { 'content-type': 'application/json' }, payload: '[1,2,3]' }, `${label} (array)`);
    await expectClientError({ method: method as any, url, payload: { unknownField: 'x', ...wrongBody(schema, 0) } }, `${label} (unknown field)`);
    for (let v = 0; v < WRONG.length; v++) await expectClientError({ method: method as any, url, payload: wrongBody(schema, v) }, `${label} (wrong types #${v})`);
  }
});

test('hostile path parameters and query strings are answered 4xx, never 5xx', async () => {
  for (const { method, path, op } of operations) {
    if (op['x-policy'] === 'identity.logout') continue;
    const label = `${method} ${path}`;
    if (path.includes('{')) {
      for (const v of HOSTILE_PARAMS) await expectClientError({ method: method as any, url: fill(path, v), payload: method === 'GET' || method === 'DELETE' ? undefined : {} }, `${label} [${v}]`);
    }
    const query = (op.parameters ?? []).filter((x: any) => x.in === 'query').map((x: any) => x.name) as string[];
    for (const v of ['', '%', '%ZZ', "'", 'x'.repeat(3000), '-99999999999999999999', '2026-02-30']) {
      const qs = [...query, 'page', 'pageSize'].map((name) => `${name}=${v}`).join('&');
      await expectClientError({ method: method as any, url: `${fill(path, '00000000-0000-4000-8000-000000000000')}?${qs}`, payload: method === 'GET' || method === 'DELETE' ? undefined : {} }, `${label} ?${v.slice(0, 20)}`);
    }
  }
});

test('search: an empty, blank or over-long query and impossible dates are field errors, never 5xx', async () => {
  const long = encodeURIComponent('政'.repeat(101));
  for (const qs of ['q=', 'q=%20%20', `q=${long}`, 'q=x&from=2026-02-30', 'q=x&from=2026-03-01&to=2026-01-01', 'q=x&org=not-a-uuid', 'q=x&source=..%2F', 'q=x&page=0', 'q=%00%27%3B']) {
    const res = await expectClientError({ method: 'GET', url: `/api/search?${qs}` }, `/api/search?${qs}`);
    if (qs === 'q=%00%27%3B') continue; // punctuation only: nothing to look for, answered with no results
    assert.equal(res.statusCode, 400, `${qs}: ${res.body.slice(0, 200)}`);
    assert.ok(json(res).error.fields.length > 0, `${qs}: a field error`);
  }
});
