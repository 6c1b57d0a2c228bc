import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOrgKind, planOrgImport, planStaffImport, type OrgColumn, type StaffColumn } from '../../src/modules/directory/import-rows.js';
import { mapColumns } from '../../src/modules/directory/import-file.js';
import { ORG_COLUMNS } from '../../src/modules/directory/import-rows.js';
import { AppError } from '../../src/kernel/http/errors.js';

const org = (row: number, v: Partial<Record<OrgColumn, string>>) => ({ row, values: { code: '', name: '', parentCode: '', kind: '部门', regionCode: '', shortName: '', ...v } });
const look = (over: Partial<Parameters<typeof planOrgImport>[1]> = {}) => ({
  existing: new Map([['CITY', { id: 'c', path: '/c/', writable: true }], ['OTHER', { id: 'o', path: '/o/', writable: false }]]),
  regions: new Set(['9901']),
  mayCreateRoot: false,
  ...over,
});

test('org kinds are accepted in Chinese and English', () => {
  assert.equal(parseOrgKind('部门'), 'department');
  assert.equal(parseOrgKind('Department'), 'department');
  assert.equal(parseOrgKind('村（社区）'), 'village');
  assert.equal(parseOrgKind('街道'), 'town');
  assert.equal(parseOrgKind('部委'), null);
});

test('parents defined later in the file come first in the plan', () => {
  const { plan, errors } = planOrgImport([
    org(2, { code: 'W', name: '窗口', parentCode: 'D', kind: '窗口' }),
    org(3, { code: 'D', name: '科室', parentCode: 'B', kind: '内设机构' }),
    org(4, { code: 'B', name: '局', parentCode: 'CITY', regionCode: '9901' }),
  ], look());
  assert.deepEqual(errors, []);
  assert.deepEqual(plan.map((o) => o.code), ['B', 'D', 'W']);
  assert.deepEqual(plan[0].parent, { existingId: 'c', path: '/c/' });
  assert.deepEqual(plan[2].parent, { code: 'D' });
});

test('invalid rows are reported with their row numbers, and their children fail with them', () => {
  const { plan, errors } = planOrgImport([
    org(2, { code: 'A', name: '', parentCode: 'CITY' }),            // name missing
    org(3, { code: 'A1', name: '甲的下级', parentCode: 'A' }),        // parent invalid
    org(4, { code: 'A2', name: '甲的孙级', parentCode: 'A1' }),       // grandparent invalid
    org(5, { code: 'L1', name: '环一', parentCode: 'L2' }),
    org(6, { code: 'L2', name: '环二', parentCode: 'L1' }),
    org(7, { code: 'X', name: '外部门', parentCode: 'OTHER' }),       // out of scope
    org(8, { code: 'R', name: '顶级' }),                            // root without root scope
    org(9, { code: 'CITY', name: '重复库', parentCode: 'CITY' }),     // taken (and its own parent)
    org(10, { code: 'bad code', name: '坏', parentCode: 'CITY' }),
    org(11, { code: 'Z', name: '坏区划', parentCode: 'CITY', regionCode: '9902' }),
    org(12, { code: 'Y', name: '未知上级', parentCode: 'NOPE' }),
  ], look());
  assert.deepEqual(plan, []);
  const by = Object.fromEntries([...errors].reverse().map((e) => [e.row, e.key])); // the first problem of each row
  assert.equal(by[2], 'directory.import.required');
  assert.equal(by[3], 'directory.import.parentInvalid');
  assert.equal(by[4], 'directory.import.parentInvalid');
  assert.equal(by[5], 'directory.import.parentCycle');
  assert.equal(by[6], 'directory.import.parentCycle');
  assert.equal(by[7], 'directory.import.parentOutOfScope');
  assert.equal(by[8], 'directory.import.rootNotAllowed');
  assert.equal(by[9], 'directory.org.codeTaken');
  assert.equal(by[10], 'directory.org.codeFormat');
  assert.equal(by[11], 'directory.org.regionUnknown');
  assert.equal(by[12], 'directory.import.parentUnknown');
  assert.deepEqual(errors.map((e) => e.row), [...errors.map((e) => e.row)].sort((a, b) => a - b));
});

test('a root org is allowed for a whole-tree administrator; duplicates in the file name the first row', () => {
  const { plan, errors } = planOrgImport([org(2, { code: 'R', name: '新政府', kind: '政府' }), org(3, { code: 'R', name: '又一个' })], look({ mayCreateRoot: true }));
  assert.deepEqual(plan.map((o) => [o.code, o.parent]), [['R', null]]);
  assert.deepEqual(errors, [{ row: 3, field: 'code', key: 'directory.import.duplicateInFile', params: { other: 2 } }]);
});

const person = (row: number, v: Partial<Record<StaffColumn, string>>) => ({ row, values: { username: '', displayName: '', orgCode: 'A', position: '', phone: '', email: '', ...v } });
const staffLook = { orgs: new Map([['A', { id: 'a', writable: true }], ['B', { id: 'b', writable: false }]]), takenUsernames: new Set(['taken']), phoneTaken: (p: string) => p === '13900000000' };

test('staff rows: user names and phones unique in the file and the platform, org known and in scope, formats checked', () => {
  const { plan, errors } = planStaffImport([
    person(2, { username: 'Zhang.San', displayName: '张三', phone: '１３８００１３８０００', email: 'z@x.cn' }),
    person(3, { username: 'zhang.san', displayName: '张三二' }),
    person(4, { username: 'taken', displayName: '已占用' }),
    person(5, { username: 'li', displayName: '李' }),
    person(6, { username: 'wang.wu', displayName: '王五', orgCode: 'B' }),
    person(7, { username: 'zhao.liu', displayName: '赵六', orgCode: 'C' }),
    person(8, { username: 'sun.qi', displayName: '孙七', phone: '13800138000' }),
    person(9, { username: 'zhou.ba', displayName: '周八', phone: '13900000000' }),
    person(10, { username: 'wu.jiu', displayName: '吴九', phone: '2345' }),
    person(11, { username: 'zheng.shi', displayName: '', email: 'nope' }),
  ], staffLook);
  assert.deepEqual(plan.map((s) => [s.username, s.phone, s.orgId]), [['zhang.san', '13800138000', 'a']]);
  assert.deepEqual(errors.map((e) => [e.row, e.field]), [
    [3, 'username'], [4, 'username'], [5, 'username'], [6, 'orgCode'], [7, 'orgCode'], [8, 'phone'], [9, 'phone'], [10, 'phone'], [11, 'displayName'], [11, 'email'],
  ]);
});

test('columns are found by Chinese or English header; a missing required column fails the whole file; extra cells make a row malformed', () => {
  const mapped = mapColumns({ headers: ['类型', ' 机构名称 ', '机构代码*', 'parentCode', '备注'], rows: [{ row: 2, cells: ['部门', '局', 'B', 'CITY', '随便'] }, { row: 3, cells: ['部门', '局', 'C', 'CITY', '', '多', '余'] }] }, ORG_COLUMNS);
  assert.deepEqual(mapped.rows[0].values, { code: 'B', name: '局', parentCode: 'CITY', kind: '部门', regionCode: '', shortName: '' });
  assert.deepEqual(mapped.malformed, [{ row: 3, cells: 7 }]);
  assert.throws(() => mapColumns({ headers: ['机构代码', '机构名称'], rows: [] }, ORG_COLUMNS), (e: AppError) => e.fields[0].key === 'directory.import.columnMissing' && e.fields[0].params?.column === '上级机构代码');
});
