import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { json, testPlatform, type TestPlatform } from '../support/harness.js';

let p: TestPlatform;
before(async () => { p = await testPlatform(); });
after(async () => { await p?.close(); });

// Long enough to be taken as the visitor's token (a short one is replaced by a fresh random one).
const CSRF = 'calendar-test-csrf-token-0123456789';

/** A signed-in account holding `permissions` (if any) over a root organisation; returns request headers. */
async function signedIn(kind: 'staff' | 'citizen', permissions: string[] = []) {
  const db = p.kernel.db;
  const tag = crypto.randomBytes(4).toString('hex');
  const orgId = crypto.randomUUID();
  await db.query(`INSERT INTO orgs (id, path, code, name, kind) VALUES ($1, $2, $3, $4, 'government')`, [orgId, `/${orgId}/`, `cal-${tag}`, `示例市人民政府${tag}`]);
  const account = await db.one<{ id: string }>(
    `INSERT INTO accounts (kind, username, display_name, password_hash, org_id) VALUES ($1, $2, $3, 'x', $4) RETURNING id`,
    [kind, `u${tag}`, `用户${tag}`, kind === 'staff' ? orgId : null],
  );
  if (permissions.length) {
    const role = await db.one<{ id: string }>(`INSERT INTO roles (code, name, permissions, admin_kind) VALUES ($1, $2, $3, 'system') RETURNING id`, [`r${tag}`, `角色${tag}`, permissions]);
    await db.query('INSERT INTO grants (account_id, role_id, org_id) VALUES ($1, $2, $3)', [account.id, role.id, orgId]);
  }
  const token = await p.kernel.sessions.create(db, account.id, 'full', {});
  return { id: account.id, headers: { cookie: `zw_session=${token}; zw_csrf=${CSRF}`, 'x-csrf-token': CSRF } };
}

const deadline = async (query: string, headers: Record<string, string> = {}) => p.inject({ method: 'GET', url: `/api/calendar/deadline?${query}`, headers });
const fieldsOf = (res: Parameters<typeof json>[0]) => Object.fromEntries(json(res).error.fields.map((f: { field: string; message: string }) => [f.field, f.message]));

test('the RULES example and the 2026 holidays through the API', async () => {
  const res = await deadline('from=2026-09-28&days=20&unit=working');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(json(res), { from: '2026-09-28', days: 20, unit: 'working', deadline: '2026-10-30', provisional: false, unknownYears: [] });
  assert.equal(json(await deadline('from=2026-02-14&days=5&unit=working')).deadline, '2026-02-28');
  assert.equal(json(await deadline('from=2026-09-26&days=5&unit=calendar')).deadline, '2026-10-08');
  assert.equal(json(await deadline('from=2026-10-05&days=5&unit=calendar')).deadline, '2026-10-10');
  const into2027 = json(await deadline('from=2026-12-15&days=20&unit=working'));
  assert.deepEqual([into2027.deadline, into2027.provisional, into2027.unknownYears], ['2027-01-12', true, [2027]]);
});

test('a long period is counted exactly, however far it reaches', async () => {
  // 2026 has 248 working days: 261 weekdays, less 19 holiday weekdays, plus 6 make-up days.
  const res = json(await deadline('from=2025-12-31&days=248&unit=working'));
  assert.deepEqual([res.deadline, res.provisional], ['2026-12-31', false]);
  const next = json(await deadline('from=2025-12-31&days=249&unit=working'));
  assert.deepEqual([next.deadline, next.provisional], ['2027-01-01', true]);
  // Ten years ahead: the answer is a working day far in the future, and provisional.
  const far = json(await deadline('from=2026-01-05&days=2500&unit=working'));
  assert.ok(far.deadline > '2035-06-01' && far.deadline < '2036-06-01', far.deadline);
  assert.deepEqual(far.unknownYears.slice(0, 2), [2027, 2028]);
});

test('bad input answers 400 with a Chinese message per field', async () => {
  const res = await deadline('from=2026-02-30&days=-1&unit=foo');
  assert.equal(res.statusCode, 400);
  const body = json(res);
  assert.equal(body.error.code, 'VALIDATION');
  assert.equal(body.error.message, '提交的信息有误，请按提示修改。');
  assert.deepEqual(fieldsOf(res), {
    from: '请输入 YYYY-MM-DD 格式的有效日期。',
    days: '不能小于 0。',
    unit: '计算方式须为 working（工作日）或 calendar（自然日）。',
  });
  const missing = await deadline('days=3&unit=working');
  assert.equal(missing.statusCode, 400);
  assert.deepEqual(Object.keys(fieldsOf(missing)), ['from']);
  const region = await deadline('from=2026-03-02&days=1&unit=working&region=99012');
  assert.equal(region.statusCode, 400);
  assert.equal(fieldsOf(region).region, '行政区划代码应为 2、4、6、9 或 12 位数字。');
  for (const q of ['from=2026-03-02&days=1.5&unit=working', 'from=2026-03-02&days=abc&unit=working', 'from=2026-03-02&days=3651&unit=working', 'from=20260302&days=1&unit=working', 'from=2026-03-02&days=1&unit=working&x=1']) {
    const r = await deadline(q);
    assert.equal(r.statusCode, 400, q);
    assert.ok(json(r).error.fields.length > 0, q);
  }
});

test('Accept-Language: en gives English messages', async () => {
  const res = await deadline('from=2026-02-30&days=-1&unit=foo', { 'accept-language': 'en-US,en;q=0.9' });
  assert.equal(res.statusCode, 400);
  assert.equal(json(res).error.message, 'Some of the information is not valid. Please correct it as indicated.');
  assert.deepEqual(fieldsOf(res), {
    from: 'Enter a valid date as YYYY-MM-DD.',
    days: 'Must not be less than 0.',
    unit: 'The unit must be working (working days) or calendar (calendar days).',
  });
});

const schedule2027 = {
  note: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
  days: [
    { day: '2027-01-01', kind: 'rest', name: '元旦' },
    ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map((day) => ({ day, kind: 'rest', name: '春节' })),
    { day: '2027-02-20', kind: 'work', name: '春节' },
  ],
};

test('only an administrator with calendar.manage may enter a schedule', async () => {
  const put = (headers: Record<string, string>) => p.inject({ method: 'PUT', url: '/api/calendar/years/2027', headers, payload: schedule2027 });
  assert.equal((await put({})).statusCode, 401);
  const citizen = await signedIn('citizen');
  assert.equal((await put(citizen.headers)).statusCode, 403);
  const clerk = await signedIn('staff', ['audit.read']);
  assert.equal((await put(clerk.headers)).statusCode, 403);
  const admin = await signedIn('staff', ['calendar.manage']);
  const noCsrf = await p.inject({ method: 'PUT', url: '/api/calendar/years/2027', headers: { cookie: admin.headers.cookie }, payload: schedule2027 });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(json(noCsrf).error.code, 'CSRF');
  // Nothing was entered by the refused calls.
  assert.equal(json(await deadline('from=2026-12-15&days=20&unit=working')).provisional, true);
  assert.deepEqual(json(await p.inject({ method: 'GET', url: '/api/calendar/years/2027' })).days, []);
});

test('a schedule with days outside the year or twice is refused field by field', async () => {
  const admin = await signedIn('staff', ['calendar.manage']);
  const res = await p.inject({
    method: 'PUT', url: '/api/calendar/years/2027', headers: admin.headers,
    payload: { days: [{ day: '2027-01-01', kind: 'rest', name: '元旦' }, { day: '2026-12-31', kind: 'rest', name: '元旦' }, { day: '2027-01-01', kind: 'work', name: '元旦' }] },
  });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(fieldsOf(res), { 'days.1.day': '日期不在 2027 年内。', 'days.2.day': '该日期重复。' });
  const kind = await p.inject({ method: 'PUT', url: '/api/calendar/years/2027', headers: admin.headers, payload: { days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }] } });
  assert.equal(kind.statusCode, 400);
  assert.equal(fieldsOf(kind)['days.0.kind'], '类型须为 rest（放假）或 work（调休上班）。');
  const badDate = await p.inject({ method: 'PUT', url: '/api/calendar/years/2027', headers: admin.headers, payload: { days: [{ day: '2027-02-30', kind: 'rest', name: '元旦' }] } });
  assert.equal(badDate.statusCode, 400);
  assert.ok(fieldsOf(badDate)['days.0.day']);
  const empty = await p.inject({ method: 'PUT', url: '/api/calendar/years/2027', headers: admin.headers, payload: { days: [{ day: '2027-02-20', kind: 'work', name: '春节' }] } });
  assert.equal(empty.statusCode, 400, 'a national year without a single holiday is a mistake, not a schedule');
  assert.deepEqual(fieldsOf(empty), { days: '全国 2027 年安排应至少包含一个放假日。' });
  assert.equal(json(await deadline('from=2026-12-15&days=20&unit=working')).provisional, true, 'nothing was stored');
});

test('once 2027 is entered its deadlines are final and honour its holidays', async () => {
  const admin = await signedIn('staff', ['calendar.manage']);
  const now = json(await p.inject({ method: 'GET', url: '/api/calendar/status' }));
  assert.equal(now.knownYears.includes(2027), false);
  if (now.today >= '2026-11-01' && now.today <= '2026-12-31') assert.equal(now.warnNextYear, true, 'the API warns this November');
  const before2027 = await p.kernel.calendar.status('2026-11-02');
  assert.deepEqual([before2027.nextYearKnown, before2027.warnNextYear], [false, true], 'from November a missing next year is a warning');
  assert.equal((await p.kernel.calendar.status('2026-10-31')).warnNextYear, false, 'not before November');

  const res = await p.inject({ method: 'PUT', url: '/api/calendar/years/2027', headers: admin.headers, payload: schedule2027 });
  assert.equal(res.statusCode, 200);
  assert.equal(json(res).days.length, schedule2027.days.length);

  // 12 working days in December, then 2027-01-01 is a holiday: 01-04..01-08 and 01-11..01-13.
  assert.deepEqual(json(await deadline('from=2026-12-15&days=20&unit=working')), { from: '2026-12-15', days: 20, unit: 'working', deadline: '2027-01-13', provisional: false, unknownYears: [] });
  assert.equal(json(await deadline('from=2027-02-04&days=1&unit=working')).deadline, '2027-02-12', 'the Spring Festival entered is skipped');
  assert.equal(json(await deadline('from=2027-02-19&days=1&unit=working')).deadline, '2027-02-20', 'the make-up Saturday counts');
  assert.equal(json(await deadline('from=2027-01-30&days=6&unit=calendar')).deadline, '2027-02-12', 'a calendar period ending in the holiday rolls over it');
  assert.deepEqual(json(await deadline('from=2027-12-20&days=20&unit=working')).unknownYears, [2028]);

  const status = json(await p.inject({ method: 'GET', url: '/api/calendar/status' }));
  assert.ok(status.knownYears.includes(2026) && status.knownYears.includes(2027));
  if (status.today.startsWith('2026-')) assert.deepEqual([status.nextYearKnown, status.warnNextYear], [true, false]);
  assert.equal((await p.kernel.calendar.status('2026-11-02')).warnNextYear, false);

  // Re-entering replaces the year: a corrected schedule without 01-01 moves the deadline back.
  const corrected = { ...schedule2027, days: schedule2027.days.filter((d) => d.day !== '2027-01-01') };
  assert.equal((await p.inject({ method: 'PUT', url: '/api/calendar/years/2027', headers: admin.headers, payload: corrected })).statusCode, 200);
  assert.equal(json(await deadline('from=2026-12-15&days=20&unit=working')).deadline, '2027-01-12');
  assert.equal((await p.inject({ method: 'PUT', url: '/api/calendar/years/2027', headers: admin.headers, payload: schedule2027 })).statusCode, 200);

  // The auditor can see who changed the calendar.
  const rows = await p.kernel.db.query(`SELECT actor_id, target_id, outcome FROM audit_log WHERE action = 'calendar.year.set' ORDER BY id`);
  assert.equal(rows.length, 3);
  assert.deepEqual({ ...rows[0] }, { actor_id: admin.id, target_id: '2027/national', outcome: 'success' });
});

test('the official years loaded at start never overwrite what an administrator entered', async () => {
  assert.deepEqual(await p.kernel.calendar.loadOfficialSchedules(), []);
  const days = json(await p.inject({ method: 'GET', url: '/api/calendar/years/2026' })).days;
  assert.ok(days.some((d: { day: string; kind: string }) => d.day === '2026-10-10' && d.kind === 'work'));
});

test('a regional holiday counts for its region and its towns, not elsewhere', async () => {
  const admin = await signedIn('staff', ['calendar.manage']);
  const res = await p.inject({
    method: 'PUT', url: '/api/calendar/years/2026', headers: admin.headers,
    payload: { region: '990121', note: '自治县成立纪念日', days: [{ day: '2026-03-03', kind: 'rest', name: '自治县成立纪念日' }] },
  });
  assert.equal(res.statusCode, 200);
  const one = async (region?: string) => json(await deadline(`from=2026-03-02&days=1&unit=working${region ? `&region=${region}` : ''}`)).deadline;
  assert.equal(await one('990121'), '2026-03-04', 'the county itself');
  assert.equal(await one('990121001'), '2026-03-04', 'a town of the county');
  assert.equal(await one('990121001002'), '2026-03-04', 'a village of the county');
  assert.equal(await one('990122'), '2026-03-03', 'a neighbouring county');
  assert.equal(await one('990100'), '2026-03-03', 'the prefecture above it');
  assert.equal(await one(), '2026-03-03', 'the national schedule');
  // A calendar period ending on the local holiday rolls over it only there.
  assert.equal(json(await deadline('from=2026-02-24&days=7&unit=calendar&region=990121')).deadline, '2026-03-04');
  assert.equal(json(await deadline('from=2026-02-24&days=7&unit=calendar')).deadline, '2026-03-03');
  // The national 2026 schedule is untouched, and the regional one is listed on its own.
  assert.equal(json(await p.inject({ method: 'GET', url: '/api/calendar/years/2026?region=990121' })).days.length, 1);
  assert.ok(json(await p.inject({ method: 'GET', url: '/api/calendar/years/2026' })).days.length > 30);
  const status = json(await p.inject({ method: 'GET', url: '/api/calendar/status' }));
  assert.deepEqual(status.regional.map((r: { year: number; region_code: string }) => [r.year, r.region_code]), [[2026, '990121']]);
});

test('a town may make a regional rest day a working day again for itself', async () => {
  const admin = await signedIn('staff', ['calendar.manage']);
  const res = await p.inject({
    method: 'PUT', url: '/api/calendar/years/2026', headers: admin.headers,
    payload: { region: '990121001', days: [{ day: '2026-03-03', kind: 'work', name: '照常上班' }] },
  });
  assert.equal(res.statusCode, 200);
  assert.equal(json(await deadline('from=2026-03-02&days=1&unit=working&region=990121001')).deadline, '2026-03-03', 'the most specific region wins');
  assert.equal(json(await deadline('from=2026-03-02&days=1&unit=working&region=990121002')).deadline, '2026-03-04', 'another town keeps the county holiday');
  // A region's entries can be cleared again.
  assert.equal((await p.inject({ method: 'PUT', url: '/api/calendar/years/2026', headers: admin.headers, payload: { region: '990121001', days: [] } })).statusCode, 200);
  assert.equal(json(await deadline('from=2026-03-02&days=1&unit=working&region=990121001')).deadline, '2026-03-04');
});

test('a long local rest period is counted past, however far the count must look', async () => {
  const admin = await signedIn('staff', ['calendar.manage']);
  const days = [];
  for (let d = new Date('2026-07-01T00:00:00Z'); d <= new Date('2026-08-31T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 1)) {
    days.push({ day: d.toISOString().slice(0, 10), kind: 'rest', name: '牧区夏季休牧' });
  }
  const res = await p.inject({ method: 'PUT', url: '/api/calendar/years/2026', headers: admin.headers, payload: { region: '990199', days } });
  assert.equal(res.statusCode, 200);
  assert.equal(json(await deadline('from=2026-06-30&days=1&unit=working&region=990199')).deadline, '2026-09-01');
  assert.equal(json(await deadline('from=2026-06-28&days=5&unit=calendar&region=990199')).deadline, '2026-09-01');
  assert.equal(json(await deadline('from=2026-06-30&days=1&unit=working&region=990198')).deadline, '2026-07-01');
});

test('a prefecture written as the directory writes it (9901) is the same region as 990100', async () => {
  const admin = await signedIn('staff', ['calendar.manage']);
  const res = await p.inject({
    method: 'PUT', url: '/api/calendar/years/2026', headers: admin.headers,
    payload: { region: '9901', note: '市庆', days: [{ day: '2026-03-10', kind: 'rest', name: '建市纪念日' }] },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(json(res).days.length, 1);
  const one = async (region: string) => json(await deadline(`from=2026-03-09&days=1&unit=working&region=${region}`)).deadline;
  assert.equal(await one('9901'), '2026-03-11');
  assert.equal(await one('990100'), '2026-03-11');
  assert.equal(await one('990122'), '2026-03-11', 'a county of the prefecture');
  assert.equal(await one('980100'), '2026-03-10', 'another prefecture');
  assert.equal(json(await p.inject({ method: 'GET', url: '/api/calendar/years/2026?region=990100' })).days.length, 1);
});
