import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';
import { createOrg, createOrgTree, staffSession } from '../support/fixtures.js';

let p: TestPlatform;
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let admin: Awaited<ReturnType<typeof staffSession>>;
let deptAdmin: Awaited<ReturnType<typeof staffSession>>;

before(async () => {
  p = await testPlatform();
  tree = await createOrgTree(p);
  await createOrg(p, { parent: tree.city, code: 'CITY-SCJ-OLD', name: '已有机构' });
  await p.kernel.db.query("INSERT INTO regions (code, name, level, parent_code) VALUES ('99', '示例省', 1, NULL), ('9901', '示例市', 2, '99')");
  admin = await staffSession(p, { org: tree.city, roles: ['systemAdmin'] });
  deptAdmin = await staffSession(p, { org: tree.deptA, roles: ['systemAdmin'] });
});
after(() => p.close());

/** A multipart/form-data body with one file field, as a browser sends it. */
function upload(url: string, who: { headers: Record<string, string> }, content: Buffer | string, filename: string, field = 'file') {
  const boundary = '----zhengwu' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return p.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}

const orgCodes = async (codes: string[]) => (await p.kernel.db.query('SELECT code FROM orgs WHERE code = ANY($1::text[]) ORDER BY code', [codes])).map((r) => r.code);

test('an org CSV (UTF-8 with BOM) imports valid rows, parents defined later in the file included, and reports bad rows by row number', async () => {
  const csv = [
    '机构代码,机构名称,上级机构代码,类型,行政区划代码',
    `IMP-DIV,综合科,IMP-DEPT,内设机构,`,                 // row 2: its parent comes later
    `IMP-DEPT,导入测试局,${tree.city.code},部门,9901`,      // row 3
    `IMP-WIN,导入窗口,IMP-DIV,窗口,`,                    // row 4: grandchild
    `IMP-DEPT,重复的局,${tree.city.code},部门,`,           // row 5: duplicate in file
    `CITY-SCJ-OLD,已存在,${tree.city.code},部门,`,          // row 6: code already in the database
    `IMP-X1,无上级,NO-SUCH-ORG,部门,`,                   // row 7: unknown parent
    `IMP-X2,坏类型,${tree.city.code},部委,`,               // row 8: unknown kind
    `IMP-X3,坏区划,${tree.city.code},部门,8801`,          // row 9: unknown region
    `IMP-X4,多列,${tree.city.code},部门,,多余,还多`,        // row 10: malformed (too many cells)
    `IMP-X5,,${tree.city.code},部门,`,                   // row 11: name missing
  ].join('\r\n');
  const res = await upload('/api/directory/import/orgs', admin, '\uFEFF' + csv, '机构.csv');
  assert.equal(res.statusCode, 200, res.body);
  const body = json(res);
  assert.equal(body.imported, 3);
  assert.deepEqual(body.errors.map((e: any) => [e.row, e.field]), [[5, 'code'], [6, 'code'], [7, 'parentCode'], [8, 'kind'], [9, 'regionCode'], [10, 'row'], [11, 'name']]);
  assert.match(body.errors[0].message, /与文件第 3 行重复/);
  assert.match(body.errors[2].message, /NO-SUCH-ORG/);
  const win = await p.kernel.db.one("SELECT w.path, d.id AS div_id, d.path AS div_path FROM orgs w JOIN orgs d ON d.id = w.parent_id WHERE w.code = 'IMP-WIN'");
  assert.ok(win.path.startsWith(`${tree.city.path}`) && win.path.startsWith(win.div_path));
  assert.equal((await p.kernel.db.one("SELECT kind FROM orgs WHERE code = 'IMP-DIV'")).kind, 'division');
  assert.ok(await p.kernel.db.maybeOne("SELECT 1 FROM audit_log WHERE action = 'directory.import.orgs'"));
});

test('an org .xlsx with English headers imports the same way', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('orgs');
  ws.addRow(['code', 'name', 'parentCode', 'kind', 'regionCode']);
  ws.addRow(['XL-DEPT', 'Excel 导入局', tree.city.code, 'department', '9901']);
  ws.addRow(['XL-DIV', 'Excel 科室', 'XL-DEPT', 'division', null]);
  ws.addRow(['XL-BAD', 'Excel 坏行', 'XL-LOOP', 'division', null]);
  ws.addRow(['XL-LOOP', 'Excel 循环', 'XL-BAD', 'division', null]);
  const res = await upload('/api/directory/import/orgs', admin, Buffer.from(await wb.xlsx.writeBuffer()), 'orgs.xlsx');
  assert.equal(res.statusCode, 200, res.body);
  const body = json(res);
  assert.equal(body.imported, 2);
  assert.deepEqual(body.errors.map((e: any) => e.row), [4, 5]);
  assert.match(body.errors[0].message, /循环/);
  assert.deepEqual(await orgCodes(['XL-DEPT', 'XL-DIV', 'XL-BAD', 'XL-LOOP']), ['XL-DEPT', 'XL-DIV']);
});

test('a staff .xlsx imports people with random passwords; bad phones, unknown orgs and duplicates are reported row by row', async () => {
  const dept = tree.deptA.code;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(['用户名', '姓名', '所属机构代码', '职务', '手机号', '邮箱']);
  ws.addRow(['imp.zhang', '张导入', dept, '科员', 13912345678, { text: 'zhang@shili.gov.cn', hyperlink: 'mailto:zhang@shili.gov.cn' }]);
  ws.addRow(['imp.li', '李导入', dept, '', '139 1234 5679', '']);
  ws.addRow(['imp.wang', '王导入', 'NOPE', '', '', '']);
  ws.addRow(['imp.zhao', '赵导入', dept, '', '12345', '']);
  ws.addRow(['IMP.ZHANG', '张重复', dept, '', '', '']);
  ws.addRow(['imp.qian', '钱导入', dept, '', '13912345678', '']);
  ws.addRow(['imp.sun', '孙导入', dept, '', '', 'not-an-email']);
  const res = await upload('/api/directory/import/staff', admin, Buffer.from(await wb.xlsx.writeBuffer()), 'staff.xlsx');
  assert.equal(res.statusCode, 200, res.body);
  const body = json(res);
  assert.equal(body.imported, 2);
  assert.match(body.note, /随机初始密码/);
  assert.deepEqual(body.errors.map((e: any) => [e.row, e.field]), [[4, 'orgCode'], [5, 'phone'], [6, 'username'], [7, 'phone'], [8, 'email']]);
  const zhang = await p.kernel.db.one("SELECT * FROM accounts WHERE username = 'imp.zhang'");
  assert.equal(zhang.kind, 'staff');
  assert.equal(zhang.status, 'active');
  assert.equal(zhang.email, 'zhang@shili.gov.cn');
  assert.equal(p.kernel.cipher.decrypt(zhang.phone_enc), '13912345678');
  assert.equal(p.kernel.cipher.decrypt((await p.kernel.db.one("SELECT phone_enc FROM accounts WHERE username = 'imp.li'")).phone_enc), '13912345679');
  assert.ok(zhang.password_hash.startsWith('$argon2id$'));
  const other = await p.kernel.db.one("SELECT password_hash FROM accounts WHERE username = 'imp.li'");
  assert.notEqual(zhang.password_hash, other.password_hash);
});

test('an import is all or nothing: when the database refuses a row part-way, none of the file\'s rows remain', async () => {
  // Simulates an interruption: a constraint the row checks cannot know about rejects the third row.
  await p.kernel.db.exec("ALTER TABLE orgs ADD CONSTRAINT test_interrupt CHECK (name <> '中断机构')");
  try {
    const csv = ['机构代码,机构名称,上级机构代码,类型', `INT-1,第一个,${tree.city.code},部门`, 'INT-2,第二个,INT-1,内设机构', `INT-3,中断机构,${tree.city.code},部门`, `INT-4,第四个,${tree.city.code},部门`].join('\n');
    const res = await upload('/api/directory/import/orgs', admin, csv, 'int.csv');
    assert.equal(res.statusCode, 409);
    assert.match(json(res).error.message, /均未导入/);
    assert.deepEqual(await orgCodes(['INT-1', 'INT-2', 'INT-3', 'INT-4']), []);
  } finally {
    await p.kernel.db.exec('ALTER TABLE orgs DROP CONSTRAINT test_interrupt');
  }
});

test('imports stay within the importer\'s scope', async () => {
  const csv = ['机构代码,机构名称,上级机构代码,类型', `SC-1,本部门科室,${tree.deptA.code},内设机构`, `SC-2,别的部门科室,${tree.deptB.code},内设机构`, 'SC-3,新的顶级机构,,政府'].join('\n');
  const res = json(await upload('/api/directory/import/orgs', deptAdmin, csv, 'scope.csv'));
  assert.equal(res.imported, 1);
  assert.deepEqual(res.errors.map((e: any) => [e.row, e.field]), [[3, 'parentCode'], [4, 'parentCode']]);
  assert.deepEqual(await orgCodes(['SC-1', 'SC-2', 'SC-3']), ['SC-1']);
  const staffCsv = ['用户名,姓名,所属机构代码', `scope.a,甲,${tree.deptA.code}`, `scope.b,乙,${tree.deptB.code}`].join('\n');
  const staff = json(await upload('/api/directory/import/staff', deptAdmin, staffCsv, 'staff.csv'));
  assert.equal(staff.imported, 1);
  assert.equal(staff.errors[0].row, 3);
  assert.match(staff.errors[0].message, /管理范围/);
});

test('GBK-encoded CSV, broken files and missing columns answer clearly', async () => {
  const gbk = Buffer.from('d3c3bba7c3fb2cd0d5c3fb2ccbf9caf4bbfab9b9b4fac2eb0d0a', 'hex'); // 用户名,姓名,所属机构代码 in GBK
  const gbkRows = Buffer.concat([gbk, Buffer.from(`gbk.user,`), Buffer.from('d5c5c8fd', 'hex'), Buffer.from(`,${tree.deptA.code}\r\n`)]);
  const g = await upload('/api/directory/import/staff', admin, gbkRows, 'gbk.csv');
  assert.equal(g.statusCode, 200, g.body);
  assert.equal((await p.kernel.db.one("SELECT display_name FROM accounts WHERE username = 'gbk.user'")).display_name, '张三');

  const missing = await upload('/api/directory/import/orgs', admin, '机构代码,机构名称\nA,B\n', 'm.csv');
  assert.equal(missing.statusCode, 400);
  assert.match(json(missing).error.fields[0].message, /缺少“上级机构代码”列/);
  const broken = await upload('/api/directory/import/orgs', admin, '机构代码,机构名称,上级机构代码,类型\n"A,B,C,D\n', 'b.csv');
  assert.equal(broken.statusCode, 400);
  assert.equal(json(broken).error.fields[0].field, 'file');
  const badXlsx = await upload('/api/directory/import/orgs', admin, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]), 'x.xlsx');
  assert.equal(badXlsx.statusCode, 400);
  const empty = await upload('/api/directory/import/orgs', admin, '机构代码,机构名称,上级机构代码,类型\n', 'e.csv');
  assert.equal(empty.statusCode, 400);
  const allBad = await upload('/api/directory/import/orgs', admin, `机构代码,机构名称,上级机构代码,类型\nZZ-1,坏,NOPE,部门\n`, 'a.csv');
  assert.equal(allBad.statusCode, 400);
  assert.equal(json(allBad).imported, 0);
  assert.equal(json(allBad).errors[0].row, 2);
  const noFile = await p.inject({ method: 'POST', url: '/api/directory/import/orgs', ...admin, payload: { file: 'x' } });
  assert.equal(noFile.statusCode, 400);
  const wrongField = await upload('/api/directory/import/orgs', admin, 'x', 'x.csv', 'document');
  assert.equal(wrongField.statusCode, 400);
  assert.equal(json(wrongField).error.fields[0].field, 'file');
});

test('a file over 5 MB answers 413', async () => {
  const big = Buffer.alloc(5 * 1024 * 1024 + 10, 0x41);
  const res = await upload('/api/directory/import/orgs', admin, big, 'big.csv');
  assert.equal(res.statusCode, 413);
});

test('templates download as CSV with a BOM and the Chinese header row; imports need the manage permission', async () => {
  const res = await p.inject({ url: '/api/directory/import/templates/staff', ...admin });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/csv/);
  assert.equal(res.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
  assert.equal(res.body.replace(/^\uFEFF/, '').trim(), '用户名,姓名,所属机构代码,职务,手机号,邮箱');
  assert.equal((await p.inject({ url: '/api/directory/import/templates/nope', ...admin })).statusCode, 400);
  const reader = await staffSession(p, { org: tree.deptA, roles: ['caseHandler'] });
  assert.equal((await upload('/api/directory/import/orgs', reader, 'a', 'a.csv')).statusCode, 403);
  // Anonymous: refused as not signed in (the policy is checked before the CSRF token).
  assert.equal((await upload('/api/directory/import/orgs', { headers: {} }, 'a', 'a.csv')).statusCode, 401);
});
