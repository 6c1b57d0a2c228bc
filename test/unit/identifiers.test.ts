import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idNumberCheckChar, makeIdNumber, validateIdNumber } from '../../src/kernel/identifiers/id-number.js';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, makeCreditCode, validateCreditCode } from '../../src/kernel/identifiers/credit-code.js';
import { isMobilePhone, normalizePhone } from '../../src/kernel/identifiers/phone.js';

test('the GB 11643 sample number is valid and decoded', () => {
  const r = validateIdNumber('11010519491231002X');
  assert.deepEqual(r, { ok: true, value: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' });
});

test('a lower-case x is accepted and normalised, spaces are removed', () => {
  const r = validateIdNumber(' 110105 19491231 002x ');
  assert.equal(r.ok && r.value, '11010519491231002X');
});

test('every wrong check character is refused as a check-digit error', () => {
  for (const c of '0123456789X'.replace('X', '')) {
    assert.deepEqual(validateIdNumber(`11010519491231002${c}`), { ok: false, problem: 'checkDigit' });
  }
  assert.deepEqual(validateIdNumber('110105194912310021'), { ok: false, problem: 'checkDigit' });
});

test('impossible birth dates are refused before the check digit', () => {
  const feb30 = '1101051949023000' + '2';
  assert.deepEqual(validateIdNumber(feb30 + idNumberCheckChar(feb30 + '0')), { ok: false, problem: 'birthDate' });
  assert.deepEqual(validateIdNumber(makeIdNumber('110105', '2000-02-29', '001')).ok, true, '2000 is a leap year');
  const notLeap = '11010519000229001';
  assert.deepEqual(validateIdNumber(notLeap + idNumberCheckChar(notLeap)), { ok: false, problem: 'birthDate' });
  const future = makeIdNumber('110105', '2999-01-01', '001');
  assert.deepEqual(validateIdNumber(future), { ok: false, problem: 'birthDate' });
  assert.deepEqual(validateIdNumber(makeIdNumber('110105', '2020-05-05', '001'), new Date('2020-05-04T00:00:00Z')), { ok: false, problem: 'birthDate' });
});

test('wrong length and characters are refused', () => {
  assert.deepEqual(validateIdNumber('11010519491231002'), { ok: false, problem: 'length' });
  assert.deepEqual(validateIdNumber('11010519491231002XX'), { ok: false, problem: 'length' });
  assert.deepEqual(validateIdNumber('110105194912310A2X'), { ok: false, problem: 'format' });
  assert.deepEqual(validateIdNumber('X1010519491231002X'), { ok: false, problem: 'format' });
});

test('an abolished county code is still accepted (only the shape is checked)', () => {
  // 110102 was Xicheng; 110103 (Chongwen) was merged into Dongcheng in 2010.
  assert.equal(validateIdNumber(makeIdNumber('110103', '1960-06-01', '015')).ok, true);
  assert.deepEqual(validateIdNumber(makeIdNumber('010103', '1960-06-01', '015')), { ok: false, problem: 'region' });
});

test('the sex digit: odd is male', () => {
  const r = validateIdNumber(makeIdNumber('990102', '1985-03-12', '123'));
  assert.equal(r.ok && r.sex, 'male');
});

test('known valid credit codes pass, and the check character is computed from the GB 32100 weights', () => {
  assert.deepEqual(validateCreditCode('91350100M000100Y43'), { ok: true, value: '91350100M000100Y43', regionCode: '350100' });
  assert.equal(creditCodeCheckChar('91350100M000100Y4'), '3');
  assert.equal(validateCreditCode('91350100m000100y43').ok, true, 'lower case is normalised');
  // Hand-computed: sum for "11100000000000000" = 1*1 + 1*3 + 1*9 = 13; (31 - 13) % 31 = 18 → 'J'.
  assert.equal(creditCodeCheckChar('11100000000000000'), 'J');
  assert.equal(validateCreditCode('11100000000000000J').ok, true);
  const made = makeCreditCode('91990102MA01YF000');
  assert.equal(validateCreditCode(made).ok, true);
});

test('a wrong credit-code check character is refused', () => {
  for (const c of CREDIT_CODE_CHARSET.replace('3', '')) {
    assert.deepEqual(validateCreditCode(`91350100M000100Y4${c}`), { ok: false, problem: 'checkChar' });
  }
});

test('credit codes with I, O, S, V or Z, or the wrong length, are refused', () => {
  for (const bad of 'IOSVZ') {
    assert.deepEqual(validateCreditCode(`91350100M00010${bad}Y43`), { ok: false, problem: 'charset' });
  }
  assert.deepEqual(validateCreditCode('91350100M000100Y4'), { ok: false, problem: 'length' });
  assert.deepEqual(validateCreditCode('91350100M000100Y433'), { ok: false, problem: 'length' });
  assert.deepEqual(validateCreditCode('91-50100M000100Y43'), { ok: false, problem: 'charset' });
  assert.deepEqual(validateCreditCode(makeCreditCode('91A50100M000100Y4')), { ok: false, problem: 'region' });
});

test('mainland mobile numbers', () => {
  assert.equal(isMobilePhone('13900000001'), true);
  assert.equal(isMobilePhone('+86 139-0000-0001'), true);
  assert.equal(normalizePhone('+86 139-0000-0001'), '13900000001');
  assert.equal(normalizePhone('008613900000001'), '13900000001');
  assert.equal(isMobilePhone('12900000001'), false);
  assert.equal(isMobilePhone('1390000000'), false);
  assert.equal(isMobilePhone('139000000012'), false);
  assert.equal(isMobilePhone('0571-88888888'), false);
});
