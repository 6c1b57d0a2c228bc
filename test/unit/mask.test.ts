import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskEmail, maskIdNumber, maskName, maskPhone } from '../../src/kernel/privacy/mask.js';

test('maskPhone keeps the first 3 and last 4 digits', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskPhone(' 13812345678 '), '138****5678');
  assert.equal(maskPhone('057187654321'), '057*****4321');
  assert.equal(maskPhone('12345'), '*****', 'too short to show anything');
});

test('maskIdNumber hides the birth date and sequence', () => {
  assert.equal(maskIdNumber('11010519491231002X'), '110105********002X');
  assert.ok(!maskIdNumber('11010519491231002X').includes('19491231'));
  assert.equal(maskIdNumber('123456789'), '*********');
});

test('maskName keeps only the first character', () => {
  assert.equal(maskName('张三丰'), '张**');
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('欧阳修'), '欧**');
  assert.equal(maskName('王'), '*');
  assert.equal(maskName('𠮷野家'), '𠮷**', 'a character outside the BMP is one character');
});

test('maskEmail keeps the first letter and the domain', () => {
  assert.equal(maskEmail('zhang.san@example.cn'), 'z***@example.cn');
  assert.equal(maskEmail('a@gov.cn'), 'a***@gov.cn');
  assert.equal(maskEmail('"a@b"@example.cn'), '"***@example.cn', 'the domain is after the last @');
  assert.equal(maskEmail('no-at-sign'), 'n*********');
});

test('request logs never show a callback token or a secret query parameter', async () => {
  const { loggableUrl } = await import('../../src/kernel/http/server.js');
  assert.equal(loggableUrl('/api/notify/callbacks/aliyun/s3cr3t-token/report'), '/api/notify/callbacks/aliyun/***/report');
  assert.equal(loggableUrl('/reset?token=abc&x=1&code=123456'), '/reset?token=***&x=1&code=***');
  assert.equal(loggableUrl('/departments?page=2'), '/departments?page=2');
});
