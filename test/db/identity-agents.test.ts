import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import { makeCreditCode } from '../../src/kernel/identifiers/credit-code.js';
import { Client, PASSWORD, latestCode, person, registerCitizen } from './identity-fixtures.js';

let p: TestPlatform;
before(async () => { p = await testPlatform(); });
after(async () => { await p.close(); });

let n = 10;
async function registerEnterprise(name: string) {
  const c = new Client(p);
  const phone = person().phone;
  await c.call('POST', '/api/identity/sms-codes', { phone, purpose: 'register' });
  const creditCode = makeCreditCode(`91990102MA0${n++}XY12`.slice(0, 17));
  const res = await c.call('POST', '/api/identity/register/enterprise', {
    enterpriseName: name, creditCode, legalRepresentative: '法人甲', contactName: '联系人乙', phone, smsCode: await latestCode(p, phone), password: PASSWORD,
  });
  assert.equal(res.statusCode, 201, res.body);
  return { c, creditCode };
}

test('an enterprise names an agent; the citizen with that ID number sees the enterprise, registered before or after', async () => {
  const { c, creditCode } = await registerEnterprise('甲公司');
  const before = await registerCitizen(p);
  const later = person();
  const added = await c.call('POST', '/api/identity/agents', { name: before.who.name, idNumber: before.who.idNumber, phone: before.who.phone, scopeNote: '税务申报' });
  assert.equal(added.statusCode, 201);
  assert.equal(added.json().hasAccount, true);
  assert.match(added.json().idNumber, /\*{8}/, 'the agent list shows ID numbers masked');
  await c.call('POST', '/api/identity/agents', { name: later.name, idNumber: later.idNumber, phone: later.phone });
  const list = await c.call('GET', '/api/identity/agents');
  assert.equal(list.json().items.length, 2);
  assert.deepEqual(list.json().items.map((a: any) => a.hasAccount), [true, false]);
  const mine = await before.client.call('GET', '/api/identity/represented-enterprises');
  assert.deepEqual(mine.json().items.map((e: any) => [e.enterpriseName, e.creditCode, e.scopeNote]), [['甲公司', creditCode, '税务申报']]);
  const afterwards = await registerCitizen(p, later);
  assert.equal((await afterwards.client.call('GET', '/api/identity/represented-enterprises')).json().items.length, 1);
  assert.equal((await c.call('GET', '/api/identity/agents')).json().items[1].hasAccount, true);
});

test('agent input is checked: ID check digit, phone, duplicates', async () => {
  const { c } = await registerEnterprise('乙公司');
  const who = person();
  const bad = await c.call('POST', '/api/identity/agents', { name: who.name, idNumber: who.idNumber.slice(0, 17) + (who.idNumber[17] === '1' ? '2' : '1'), phone: '123' });
  assert.equal(bad.statusCode, 400);
  const fields = Object.fromEntries(bad.json().error.fields.map((f: any) => [f.field, f.message]));
  assert.equal(fields.idNumber, '身份证号码校验位不正确，请核对后重新输入。');
  assert.equal(fields.phone, '请输入 11 位中国大陆手机号码。');
  assert.equal((await c.call('POST', '/api/identity/agents', who)).statusCode, 201);
  const dup = await c.call('POST', '/api/identity/agents', who);
  assert.equal(dup.statusCode, 400);
  assert.equal(dup.json().error.fields[0].message, '此人已是本单位的经办人。');
});

test('one enterprise cannot see or remove another enterprise\'s agents; citizens cannot manage agents', async () => {
  const a = await registerEnterprise('丙公司');
  const b = await registerEnterprise('丁公司');
  const who = person();
  const agent = (await a.c.call('POST', '/api/identity/agents', who)).json();
  assert.equal((await b.c.call('GET', '/api/identity/agents')).json().items.length, 0);
  assert.equal((await b.c.call('DELETE', `/api/identity/agents/${agent.id}`)).statusCode, 404);
  assert.equal((await a.c.call('GET', '/api/identity/agents')).json().items.length, 1);
  const { client: citizen } = await registerCitizen(p);
  assert.equal((await citizen.call('GET', '/api/identity/agents')).statusCode, 403);
  assert.equal((await a.c.call('GET', '/api/identity/represented-enterprises')).statusCode, 403);
  assert.equal((await a.c.call('DELETE', `/api/identity/agents/${agent.id}`)).statusCode, 204);
  assert.equal((await a.c.call('GET', '/api/identity/agents')).json().items.length, 0);
  const audit = await p.kernel.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [agent.id]);
  assert.deepEqual(audit.map((r) => r.action), ['identity.agent.add', 'identity.agent.remove']);
});
