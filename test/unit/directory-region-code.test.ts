import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parentRegionCode, regionAncestors, regionCodeProblem, regionLevel } from '../../src/modules/directory/region-code.js';

test('the length of a region code gives its level', () => {
  assert.equal(regionLevel('99'), 1);
  assert.equal(regionLevel('9901'), 2);
  assert.equal(regionLevel('990121'), 3);
  assert.equal(regionLevel('990121100'), 4);
  assert.equal(regionLevel('990121100201'), 5);
  assert.equal(regionLevel('110105'), 3);
});

test('malformed codes have no level: wrong length, letters, or a level of all zeros', () => {
  for (const code of ['', '9', '990', '99012', '9901211', '9901210001', 'a9', '99 1', '00', '9900', '990100', '990121000', '990121100000', '１１']) {
    assert.equal(regionLevel(code), null, code);
  }
});

test('the parent is the code\'s own prefix', () => {
  assert.equal(parentRegionCode('99'), null);
  assert.equal(parentRegionCode('9901'), '99');
  assert.equal(parentRegionCode('990121'), '9901');
  assert.equal(parentRegionCode('990121100'), '990121');
  assert.equal(parentRegionCode('990121100201'), '990121100');
  assert.deepEqual(regionAncestors('990121100201'), ['990121100', '990121', '9901', '99']);
});

test('a named parent must match the code: a county starts with its prefecture\'s 4 digits', () => {
  assert.equal(regionCodeProblem('990121', '9901'), null);
  assert.equal(regionCodeProblem('990121', undefined), null);
  assert.deepEqual(regionCodeProblem('990121', '9902'), { field: 'parentCode', key: 'directory.region.parentMismatch' });
  assert.deepEqual(regionCodeProblem('990121100', '9901'), { field: 'parentCode', key: 'directory.region.parentMismatch' });
  assert.deepEqual(regionCodeProblem('99', '98'), { field: 'parentCode', key: 'directory.region.provinceHasNoParent' });
  assert.equal(regionCodeProblem('99', null), null);
  assert.deepEqual(regionCodeProblem('9901', null), { field: 'parentCode', key: 'directory.region.parentMismatch' });
  assert.deepEqual(regionCodeProblem('990100', '9901'), { field: 'code', key: 'directory.region.codeFormat' });
});
