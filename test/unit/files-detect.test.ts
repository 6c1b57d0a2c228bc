import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { detectType, DOCX, XLSX } from '../../src/kernel/files/detect.js';
import { LocalDiskStore, sm3Hex } from '../../src/kernel/files/storage.js';
import { cleanName } from '../../src/kernel/files/files.service.js';
import { contentDisposition } from '../../src/kernel/files/files.definition.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');
// The 8-byte PNG signature and the start of an IHDR chunk.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb', 'hex');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
// A Windows executable: "MZ", the DOS stub, "PE\0\0" later on.
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800', 'hex'), Buffer.alloc(40), Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1'), Buffer.from([0, 0, 0x50, 0x45, 0, 0])]);

test('types are detected from the magic bytes of real samples', () => {
  assert.equal(detectType(PDF), 'application/pdf');
  assert.equal(detectType(PNG), 'image/png');
  assert.equal(detectType(JPEG), 'image/jpeg');
  assert.equal(detectType(GIF), 'image/gif');
  assert.equal(detectType(WEBP), 'image/webp');
});

test('the name never makes content acceptable: an .exe renamed to .pdf is not a PDF', () => {
  assert.equal(detectType(EXE, '申请材料.pdf'), null);
  assert.equal(detectType(Buffer.from([0, 1, 2, 3, 0xff, 0xfe]), 'photo.png'), null);
  assert.equal(detectType(Buffer.alloc(0), 'empty.txt'), null);
  // A PNG named .pdf is still a PNG.
  assert.equal(detectType(PNG, 'scan.pdf'), 'image/png');
});

test('UTF-8 text is text (CSV when so named); invalid UTF-8 and control bytes are not', () => {
  assert.equal(detectType(Buffer.from('\uFEFF机构代码,机构名称\r\nA1,示例局\r\n'), '机构.csv'), 'text/csv');
  assert.equal(detectType(Buffer.from('市民来信：请修缮路灯。\n'), 'letter.txt'), 'text/plain');
  assert.equal(detectType(Buffer.from([0xc3, 0x28, 0x41])), null, 'invalid UTF-8');
  assert.equal(detectType(Buffer.from('abc\u0000def')), null, 'NUL byte');
});

test('OOXML: a real .xlsx is detected; a plain ZIP is not an Office document', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表1').addRow(['名称', '数量']);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  assert.equal(detectType(xlsx, 'x.docx'), XLSX);
  const fakeDocx = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(26), Buffer.from('[Content_Types].xml'), Buffer.alloc(10), Buffer.from('PK\x03\x04'), Buffer.alloc(26), Buffer.from('word/document.xml')]);
  assert.equal(detectType(fakeDocx), DOCX);
  const zip = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(26), Buffer.from('payload.exe')]);
  assert.equal(detectType(zip, 'report.docx'), null);
});

test('content hashing: SM3 of the bytes (GB/T 32905 test vector), stored once under <2 hex>/<hash>', async () => {
  assert.equal(sm3Hex(Buffer.from('abc')), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-files-'));
  try {
    const store = new LocalDiskStore(root);
    const data = crypto.randomBytes(100_000);
    const a = await store.put(data);
    const b = await store.put(Readable.from([data.subarray(0, 5), data.subarray(5)]));
    assert.deepEqual(a, b);
    assert.equal(a.hash, sm3Hex(data));
    assert.equal(a.size, data.length);
    assert.ok(fs.existsSync(path.join(root, a.hash.slice(0, 2), a.hash)));
    assert.deepEqual(fs.readdirSync(path.join(root, 'tmp')), [], 'no temporary file is left behind');
    const chunks: Buffer[] = [];
    for await (const c of await store.get(a.hash)) chunks.push(c as Buffer);
    assert.ok(Buffer.concat(chunks).equals(data));
    assert.equal(await store.exists(a.hash), true);
    await store.delete(a.hash);
    assert.equal(await store.exists(a.hash), false);
    await store.delete(a.hash); // deleting twice is fine
    await assert.rejects(store.get(a.hash), { code: 'ENOENT' });
    await assert.rejects(store.get('../../etc/passwd'), { code: 'EINVAL' });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('names are kept without paths or control characters, and sent back per RFC 5987', () => {
  assert.equal(cleanName('C:\\Users\\张三\\身份证 正面.png'), '身份证 正面.png');
  assert.equal(cleanName('../../etc/passwd'), 'passwd');
  assert.equal(cleanName('a\u0000"b\r\n.txt'), 'ab.txt');
  assert.equal(cleanName(''), 'file');
  assert.equal(contentDisposition('营业执照(副本).pdf'), `attachment; filename="____(__).pdf"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%28%E5%89%AF%E6%9C%AC%29.pdf`);
  assert.match(contentDisposition('a.png', true), /^inline; filename="a.png"; filename\*=UTF-8''a.png$/);
});
