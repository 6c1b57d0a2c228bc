// The file service through the HTTP API and the service: upload/download round trip, content-addressed
// storage, per-use size and type checks, read rules and audit, references and garbage collection.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { signInAs } from '../support/fixtures.js';
import { accountRepository } from '../../src/kernel/auth/account.repository.js';
import { sm3Hex } from '../../src/kernel/files/storage.js';
import { DAY_MS } from '../../src/kernel/files/files.service.js';

type Headers = { cookie: string; 'x-csrf-token': string };
let p: TestPlatform;
let dataDir: string;
const as: Record<'alice' | 'bob', Headers & { id: string }> = {} as any;
/** Records of the test's own "letters" module: letter id → author account. */
const letters = new Map<string, string>();

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), crypto.randomBytes(64)]);
const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), crypto.randomBytes(200)]);

function upload(use: string, filename: string, data: Buffer, headers: Headers, field = 'file'): InjectOptions {
  const boundary = `----zw${crypto.randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { method: 'POST', url: `/api/files?use=${encodeURIComponent(use)}`, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
}

async function citizen(name: string) {
  const a = await accountRepository.insert(p.kernel.db, { kind: 'citizen', username: `c${crypto.randomBytes(4).toString('hex')}`, displayName: name, passwordHash: 'x' });
  return { id: a.id, ...(await signInAs(p, a.id)).headers };
}

const blobPath = (hash: string) => path.join(dataDir, 'files', hash.slice(0, 2), hash);
const audits = (fileId: string) => p.kernel.db.query("SELECT action, outcome, actor_id FROM audit_log WHERE target_type = 'file' AND target_id = $1 ORDER BY id", [fileId]);

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-files-db-'));
  p = await testPlatform({ dataDir });
  p.kernel.files.defineUse('test.letterAttachment', {
    maxBytes: 64 * 1024, types: ['application/pdf', 'image/png', 'image/jpeg'], personal: true,
    canRead: (actor, ownerRef) => ownerRef.startsWith('letter:') && letters.get(ownerRef.slice(7)) === actor.accountId,
  });
  p.kernel.files.defineUse('test.notice', { maxBytes: 1024, types: ['text/plain', 'text/csv'], personal: false, canRead: () => true });
  as.alice = await citizen('爱丽丝');
  as.bob = await citizen('鲍勃');
});
after(async () => {
  await p?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('upload then download: the same bytes, SM3-addressed on disk, headers for a Chinese name', async () => {
  const res = await p.inject(upload('test.letterAttachment', '营业执照 副本.pdf', PDF, as.alice));
  assert.equal(res.statusCode, 201, res.body);
  const body = json(res);
  assert.deepEqual({ size: body.size, type: body.type, name: body.name }, { size: PDF.length, type: 'application/pdf', name: '营业执照 副本.pdf' });
  const row = await p.kernel.db.one('SELECT hash, personal, uploaded_by, owner_ref FROM files WHERE id = $1', [body.id]);
  assert.equal(row.hash, sm3Hex(PDF));
  assert.equal(row.personal, true);
  assert.equal(row.uploaded_by, as.alice.id);
  assert.equal(row.owner_ref, null);
  assert.ok(fs.readFileSync(blobPath(row.hash)).equals(PDF));

  const down = await p.inject({ method: 'GET', url: `/api/files/${body.id}`, headers: as.alice });
  assert.equal(down.statusCode, 200, down.body);
  assert.ok(down.rawPayload.equals(PDF));
  assert.equal(down.headers['content-type'], 'application/pdf');
  assert.equal(down.headers['x-content-type-options'], 'nosniff');
  assert.equal(down.headers['content-disposition'], `attachment; filename="____ __.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照 副本.pdf')}`);
  const inline = await p.inject({ method: 'GET', url: `/api/files/${body.id}?inline=true`, headers: as.alice });
  assert.match(String(inline.headers['content-disposition']), /^inline;/);
});

test('the same content uploaded twice is stored once', async () => {
  const data = Buffer.concat([PNG, crypto.randomBytes(32)]);
  const a = json(await p.inject(upload('test.letterAttachment', 'a.png', data, as.alice)));
  const b = json(await p.inject(upload('test.letterAttachment', 'b.png', data, as.bob)));
  assert.notEqual(a.id, b.id);
  const hash = sm3Hex(data);
  const rows = await p.kernel.db.query('SELECT id FROM files WHERE hash = $1', [hash]);
  assert.equal(rows.length, 2);
  assert.deepEqual(fs.readdirSync(path.dirname(blobPath(hash))).filter((f) => f === hash), [hash]);
  assert.deepEqual(fs.readdirSync(path.join(dataDir, 'files', 'tmp')), []);
});

test('size and type are checked per use, by content: clear field errors in Chinese', async () => {
  const big = await p.inject(upload('test.letterAttachment', 'big.pdf', Buffer.concat([PDF, Buffer.alloc(70 * 1024, 0x20)]), as.alice));
  assert.equal(big.statusCode, 413, big.body);
  assert.equal(json(big).error.code, 'TOO_LARGE');
  assert.deepEqual(json(big).error.fields, [{ field: 'file', message: '文件不能超过 64 KB。' }]);

  const exe = await p.inject(upload('test.letterAttachment', '申请书.pdf', EXE, as.alice));
  assert.equal(exe.statusCode, 400, exe.body);
  assert.equal(json(exe).error.fields[0].field, 'file');
  assert.match(json(exe).error.fields[0].message, /只接受：PDF、PNG、JPEG/);

  const pngAsNotice = await p.inject(upload('test.notice', 'notice.txt', PNG, as.alice));
  assert.equal(pngAsNotice.statusCode, 400, 'a PNG named .txt is still a PNG');

  const unknown = await p.inject(upload('test.nothing', 'a.txt', Buffer.from('hi'), as.alice));
  assert.equal(unknown.statusCode, 400);
  assert.equal(json(unknown).error.fields[0].field, 'use');

  const wrongField = await p.inject(upload('test.notice', 'a.txt', Buffer.from('hi'), as.alice, 'attachment'));
  assert.equal(wrongField.statusCode, 400);
  assert.equal(json(wrongField).error.fields[0].field, 'file');

  const en = await p.inject({ ...upload('test.notice', 'a.txt', Buffer.alloc(2000, 0x41), as.alice), url: '/api/files?use=test.notice&lang=en' });
  assert.equal(en.statusCode, 413);
  assert.deepEqual(json(en).error.fields, [{ field: 'file', message: 'The file must not be larger than 1 KB.' }]);
  const count = await p.kernel.db.one("SELECT count(*)::int AS n FROM files WHERE original_name IN ('big.pdf', '申请书.pdf', 'notice.txt')");
  assert.equal(count.n, 0, 'nothing refused was recorded');
});

test('another person\'s personal file answers 404 and is not audited as a success; the owner\'s reads are audited', async () => {
  const up = json(await p.inject(upload('test.letterAttachment', '身份证.png', PNG, as.alice)));
  const bobBefore = await p.inject({ method: 'GET', url: `/api/files/${up.id}`, headers: as.bob });
  assert.equal(bobBefore.statusCode, 404);
  assert.equal(json(bobBefore).error.code, 'NOT_FOUND');
  const missing = await p.inject({ method: 'GET', url: `/api/files/${crypto.randomUUID()}`, headers: as.bob });
  assert.equal(missing.body, bobBefore.body, 'a refused file looks exactly like a missing one');

  // Alice's letter owns the file now: the use's canRead (the letter's author) decides.
  const letterId = crypto.randomUUID();
  letters.set(letterId, as.alice.id);
  await p.kernel.db.tx((tx) => p.kernel.files.attach(tx, up.id, `letter:${letterId}`, { by: as.alice.id, use: 'test.letterAttachment' }));
  assert.equal((await p.inject({ method: 'GET', url: `/api/files/${up.id}`, headers: as.bob })).statusCode, 404);
  const own = await p.inject({ method: 'GET', url: `/api/files/${up.id}`, headers: as.alice });
  assert.equal(own.statusCode, 200);
  assert.ok(own.rawPayload.equals(PNG));

  const trail = await audits(up.id);
  const downloads = trail.filter((r) => r.action === 'files.download');
  assert.deepEqual(downloads.filter((r) => r.outcome === 'success').map((r) => r.actor_id), [as.alice.id]);
  assert.ok(downloads.filter((r) => r.actor_id === as.bob.id).every((r) => r.outcome === 'denied'));
  assert.equal(downloads.filter((r) => r.actor_id === as.bob.id).length, 2);
  assert.deepEqual((await p.kernel.audit.verify()).problems, []);

  // Bob cannot take over Alice's upload by attaching it to his own record.
  const other = json(await p.inject(upload('test.letterAttachment', 'x.pdf', PDF, as.alice)));
  await assert.rejects(p.kernel.db.tx((tx) => p.kernel.files.attach(tx, other.id, 'letter:bobs', { by: as.bob.id })), { status: 400 });
  await assert.rejects(p.kernel.db.tx((tx) => p.kernel.files.attach(tx, up.id, 'letter:another', {})), { status: 400 }, 'owned by another record');
});

test('a file that is not personal is read without an audit record; anonymous callers are refused', async () => {
  const up = json(await p.inject(upload('test.notice', '通知.csv', Buffer.from('\uFEFF名称,数量\r\n路灯,3\r\n'), as.alice)));
  assert.equal(up.type, 'text/csv');
  await p.kernel.db.tx((tx) => p.kernel.files.attach(tx, up.id, 'notice:1'));
  const res = await p.inject({ method: 'GET', url: `/api/files/${up.id}`, headers: as.bob });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
  assert.deepEqual((await audits(up.id)).map((r) => r.action), ['files.upload']);
  assert.equal((await p.inject({ method: 'GET', url: `/api/files/${up.id}` })).statusCode, 401);
});

test('garbage collection removes old unreferenced files, keeps referenced ones and blobs still shared', async () => {
  const save = (data: Buffer, name: string) => p.kernel.db.tx((tx) => p.kernel.files.save(tx, { use: 'test.notice', data, name, uploadedBy: as.alice.id }));
  const lone = await save(Buffer.from(`只有我 ${crypto.randomUUID()}`), 'lone.txt');
  const shared = Buffer.from(`共享 ${crypto.randomUUID()}`);
  const sharedOld = await save(shared, 'shared-old.txt');
  const sharedKept = await save(shared, 'shared-kept.txt');
  const kept = await save(Buffer.from(`被引用 ${crypto.randomUUID()}`), 'kept.txt');
  const fresh = await save(Buffer.from(`刚上传 ${crypto.randomUUID()}`), 'fresh.txt');
  const detached = await save(Buffer.from(`已解除 ${crypto.randomUUID()}`), 'detached.txt');
  await p.kernel.db.tx(async (tx) => {
    await p.kernel.files.attach(tx, sharedKept.id, 'notice:2');
    await p.kernel.files.attach(tx, kept.id, 'notice:3');
    await p.kernel.files.attach(tx, detached.id, 'notice:4');
  });
  assert.equal(await p.kernel.files.detach(p.kernel.db, detached.id, 'notice:4'), true);
  // Two days pass for everything but the fresh upload.
  await p.kernel.db.query("UPDATE files SET created_at = created_at - interval '2 days', unreferenced_since = unreferenced_since - interval '2 days' WHERE id <> $1", [fresh.id]);

  const result = await p.kernel.files.collectGarbage(DAY_MS);
  const left = new Set((await p.kernel.db.query('SELECT id FROM files')).map((r) => r.id));
  assert.ok(!left.has(lone.id) && !left.has(sharedOld.id) && !left.has(detached.id));
  assert.ok(left.has(sharedKept.id) && left.has(kept.id) && left.has(fresh.id));
  assert.ok(result.files >= 3, JSON.stringify(result));
  assert.equal(fs.existsSync(blobPath(lone.hash)), false);
  assert.equal(fs.existsSync(blobPath(detached.hash)), false);
  assert.equal(fs.existsSync(blobPath(sharedOld.hash)), true, 'the blob another row shares stays');
  assert.equal(fs.existsSync(blobPath(kept.hash)), true);
  assert.equal(fs.existsSync(blobPath(fresh.hash)), true);
  assert.deepEqual(await p.kernel.files.collectGarbage(DAY_MS), { files: 0, blobs: 0 }, 'a second run finds nothing');
});
