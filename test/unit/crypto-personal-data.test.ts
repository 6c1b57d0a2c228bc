import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { PersonalDataCipher } from '../../src/kernel/crypto/personal-data.js';

const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const cipher = new PersonalDataCipher(key);

test('SM4 round trip of personal data, with a fresh IV each time', () => {
  for (const plain of ['13812345678', '11010519491231002X', '张三丰', '', 'x'.repeat(1000)]) {
    const sealed = cipher.encrypt(plain);
    assert.ok(!sealed.includes(plain) || plain === '', 'the plain text is not visible');
    assert.equal(cipher.decrypt(sealed), plain);
  }
  assert.notEqual(cipher.encrypt('13812345678'), cipher.encrypt('13812345678'));
});

test('it really is SM4-CBC under a derived key', () => {
  const sealed = cipher.encrypt('13812345678');
  const [, iv, body] = sealed.split('.');
  const encKey = crypto.createHmac('sm3', key).update('zhengwu/sm4').digest().subarray(0, 16);
  const d = crypto.createDecipheriv('sm4-cbc', encKey, Buffer.from(iv, 'base64url'));
  assert.equal(Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8'), '13812345678');
});

test('tampered or foreign ciphertext is rejected', () => {
  const sealed = cipher.encrypt('11010519491231002X');
  const [v, iv, body, mac] = sealed.split('.');
  const flip = (s: string) => {
    const b = Buffer.from(s, 'base64url');
    b[0] ^= 1;
    return b.toString('base64url');
  };
  assert.throws(() => cipher.decrypt([v, iv, flip(body), mac].join('.')), /altered/);
  assert.throws(() => cipher.decrypt([v, flip(iv), body, mac].join('.')), /altered/);
  assert.throws(() => cipher.decrypt([v, iv, body, mac.replace(/.$/, (c) => (c === '0' ? '1' : '0'))].join('.')), /altered/);
  assert.throws(() => cipher.decrypt([v, iv, body, mac.slice(2)].join('.')), /altered/);
  assert.throws(() => cipher.decrypt([v, iv, body, mac, 'extra'].join('.')), /not a sealed value/);
  assert.throws(() => cipher.decrypt('13812345678'), /not a sealed value/);
  assert.throws(() => cipher.decrypt(['v2', iv, body, mac].join('.')), /not a sealed value/);
  const other = new PersonalDataCipher(Buffer.from('ffeeddccbbaa99887766554433221100', 'hex'));
  assert.throws(() => other.decrypt(sealed), /altered/);
});

test('the key must be 16 bytes', () => {
  assert.throws(() => new PersonalDataCipher(Buffer.alloc(15)));
  assert.throws(() => new PersonalDataCipher(Buffer.alloc(32)));
});

test('lookupHash is stable, keyed and normalised', () => {
  const h = cipher.lookupHash('11010519491231002X');
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(new PersonalDataCipher(key).lookupHash('11010519491231002X'), h, 'the same key gives the same digest');
  assert.equal(cipher.lookupHash('11010519491231002x'), h, 'the check letter in either case');
  assert.equal(cipher.lookupHash('  11010519491231002X\n'), h, 'surrounding whitespace');
  assert.equal(cipher.lookupHash('110105 19491231 002X'), h, 'spaces inside');
  assert.equal(cipher.lookupHash('１１０１０５１９４９１２３１００２Ｘ'), h, 'full-width characters');
  assert.notEqual(cipher.lookupHash('11010519491231003X'), h);
  assert.notEqual(new PersonalDataCipher(Buffer.alloc(16, 7)).lookupHash('11010519491231002X'), h, 'a different key, a different digest');
  assert.equal(cipher.lookupHash('138 1234 5678'), cipher.lookupHash('13812345678'));
});
