import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { testPlatform } from '../support/harness.js';
import { buildServer } from '../../src/kernel/http/server.js';
import { officeMessages } from '../../src/modules/office/office.messages.js';
import { officeRoutes } from '../../src/modules/office/office.routes.js';

test('the platform serves the office app under /office/ with client routes, cached assets and no inline script', async () => {
  execFileSync(process.execPath, ['bin/build-office.js'], { stdio: 'ignore' });
  const p = await testPlatform();
  try {
    const bare = await p.inject({ url: '/office' });
    assert.equal(bare.statusCode, 301);
    assert.equal(bare.headers.location, '/office/');

    const index = await p.inject({ url: '/office/' });
    assert.equal(index.statusCode, 200);
    assert.match(String(index.headers['content-type']), /text\/html/);
    assert.match(index.body, /<html lang="zh-CN">/);
    assert.equal(index.headers['cache-control'], 'no-cache');
    // The app echoes this cookie as x-csrf-token on its writes.
    assert.match(String(index.headers['set-cookie']), /zw_csrf=/);
    // The CSP allows scripts from the site only: every script must be a file.
    assert.doesNotMatch(index.body, /<script(?![^>]*\bsrc=)[^>]*>/);
    assert.match(String(index.headers['content-security-policy']), /script-src 'self'/);

    // A client route (bookmarked or reloaded) answers with the app itself.
    const deep = await p.inject({ url: '/office/directory/staff/123?x=1' });
    assert.equal(deep.statusCode, 200);
    assert.equal(deep.body, index.body);

    const asset = index.body.match(/src="(\/office\/assets\/[^"]+\.js)"/)?.[1];
    assert.ok(asset, 'index.html loads its entry script from /office/assets/');
    const js = await p.inject({ url: asset });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.match(String(js.headers['cache-control']), /immutable/);

    // A missing chunk is a 404, never the app page (which the browser would try to run as a script).
    assert.equal((await p.inject({ url: '/office/assets/missing-chunk.js' })).statusCode, 404);
    assert.equal((await p.inject({ url: '/office/assets/..%2F..%2F..%2Fpackage.json' })).statusCode, 404);
  } finally {
    await p.close();
  }
});

test('without a build, /office/ explains how to build the app instead of failing obscurely', async () => {
  const p = await testPlatform();
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-office-'));
  const app = await buildServer(p.kernel, [{ name: 'office', messages: officeMessages, routes: officeRoutes(empty) }], { logger: false });
  try {
    const res = await app.inject({ url: '/office/', headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /npm run build:office/);
  } finally {
    await app.close();
    await p.close();
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
