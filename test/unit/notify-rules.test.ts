// Pure rules of the notification service: quiet hours in China time, inbound keywords, audiences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quietUntil, isQuietHoursSpec } from '../../src/kernel/notify/quiet-hours.js';
import { firstWord, matchesKeyword } from '../../src/kernel/notify/inbound-text.js';
import { regionPrefix, splitAudience } from '../../src/kernel/notify/audience.js';
import { loadConfig } from '../../src/kernel/config.js';

const cst = (s: string) => new Date(`${s}+08:00`);

test('quiet hours over midnight: a text at 23:30 or 07:59 waits until 08:00 China time; 08:00 and 21:59 go at once', () => {
  const spec = '22:00-08:00';
  assert.equal(quietUntil(cst('2026-03-10T23:30:00'), spec)?.toISOString(), cst('2026-03-11T08:00:00').toISOString());
  assert.equal(quietUntil(cst('2026-03-11T07:59:59'), spec)?.toISOString(), cst('2026-03-11T08:00:00').toISOString());
  assert.equal(quietUntil(cst('2026-03-10T22:00:00'), spec)?.toISOString(), cst('2026-03-11T08:00:00').toISOString());
  assert.equal(quietUntil(cst('2026-03-11T08:00:00'), spec), null);
  assert.equal(quietUntil(cst('2026-03-10T21:59:59'), spec), null);
  // 23:30 in Beijing is 15:30 UTC: the rule follows China time, not the server's clock.
  assert.equal(quietUntil(new Date('2026-03-10T15:30:00Z'), spec)?.toISOString(), '2026-03-11T00:00:00.000Z');
});

test('quiet hours within a day, and none', () => {
  assert.equal(quietUntil(cst('2026-03-10T12:30:00'), '12:00-14:00')?.toISOString(), cst('2026-03-10T14:00:00').toISOString());
  assert.equal(quietUntil(cst('2026-03-10T14:00:00'), '12:00-14:00'), null);
  assert.equal(quietUntil(cst('2026-03-10T23:30:00'), ''), null);
  assert.equal(quietUntil(cst('2026-03-10T23:30:00'), '08:00-08:00'), null, 'an empty period is no quiet period');
  assert.ok(isQuietHoursSpec('22:00-08:00') && isQuietHoursSpec('') && !isQuietHoursSpec('22-8'));
});

test('NOTIFY_QUIET_HOURS is checked at start-up', () => {
  assert.equal(loadConfig({ NOTIFY_QUIET_HOURS: '' }).notifyQuietHours, '');
  assert.equal(loadConfig({}).notifyQuietHours, '22:00-08:00');
  assert.throws(() => loadConfig({ NOTIFY_QUIET_HOURS: '10pm-8am' }), /NOTIFY_QUIET_HOURS/);
});

test('an inbound keyword is the first word, case-insensitive, full-width letters read as ASCII', () => {
  assert.equal(firstWord('  td  谢谢'), 'TD');
  assert.equal(firstWord('ＴＤ'), 'TD');
  assert.equal(firstWord('ｔｄ，不要再发了'), 'TD');
  assert.ok(matchesKeyword('Td', 'TD'));
  assert.ok(matchesKeyword('ＴＤ', 'TD'));
  assert.ok(matchesKeyword('退订', '退订'));
  assert.ok(matchesKeyword('退订谢谢', '退订'), 'Chinese keywords need no space after them');
  assert.ok(!matchesKeyword('TDX', 'TD'), 'a Latin keyword is a whole word');
  assert.ok(!matchesKeyword('T', 'TD'));
  assert.ok(!matchesKeyword('我想退订', '退订'), 'the keyword comes first');
  assert.ok(!matchesKeyword('', 'TD'));
});

test('region prefixes: six-digit codes drop their zero pairs, lower levels are prefixes already', () => {
  assert.equal(regionPrefix('990000'), '99');
  assert.equal(regionPrefix('990100'), '9901');
  assert.equal(regionPrefix('990102'), '990102');
  assert.equal(regionPrefix('9901'), '9901');
  assert.equal(regionPrefix('990102001'), '990102001');
  assert.equal(regionPrefix('991000'), '9910');
});

test('audiences: explicit recipients are separated from bulk parts; contacts are described masked, never in clear', () => {
  const a = '00000000-0000-4000-8000-000000000001';
  const b = '00000000-0000-4000-8000-000000000002';
  const s = splitAudience([{ accountId: a }, { accountIds: [a, b] }, { phone: '+86 138 0013 8000' }, { role: 'caseHandler', orgId: b }, { region: '990100' }]);
  assert.deepEqual(s.accountIds, [a, b]);
  assert.deepEqual(s.phones, ['13800138000']);
  assert.deepEqual(s.bulk, [{ type: 'role', role: 'caseHandler', orgId: b }, { type: 'region', region: '990100' }]);
  assert.ok(!JSON.stringify(s.described).includes('13800138000'));
  assert.ok(JSON.stringify(s.described).includes('138****8000'));
  assert.throws(() => splitAudience([]), /empty/);
  assert.throws(() => splitAudience({ accountId: 'x' } as never), /uuid/);
  assert.throws(() => splitAudience({ phone: '12345' }), /mobile/);
  assert.throws(() => splitAudience({ region: '9' }), /region/);
  assert.throws(() => splitAudience({ everyone: true } as never), /unknown audience/);
  const many = splitAudience(Array.from({ length: 50 }, (_, i) => ({ email: `p${i}@example.cn` })));
  assert.deepEqual(many.described, [{ type: 'contacts', count: 50 }]);
});
