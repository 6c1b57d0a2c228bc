import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { addMessages } from '../../src/kernel/i18n/i18n.js';
import { accountRepository } from '../../src/kernel/auth/account.repository.js';
import type { DeliveryResult, Gateway, OutgoingMessage } from '../../src/kernel/notify/gateway.js';
import { testPlatform, type TestPlatform } from '../support/harness.js';
import type { Config } from '../../src/kernel/config.js';
import type { TestOrg } from '../support/fixtures.js';

/** A gateway that records what it was asked to send and answers as the test scripts it (default: accepted, a receipt to follow). */
export class RecordingGateway implements Gateway {
  readonly sent: (OutgoingMessage & { at: number })[] = [];
  answer: (msg: OutgoingMessage, n: number) => DeliveryResult | Promise<DeliveryResult> = () => ({ status: 'sent', providerId: crypto.randomUUID() });
  constructor(readonly name = 'fake') {}
  async send(msg: OutgoingMessage): Promise<DeliveryResult> {
    this.sent.push({ ...msg, at: Date.now() });
    return this.answer(msg, this.sent.filter((m) => m.id === msg.id).length);
  }
  to(recipient: string) {
    return this.sent.filter((m) => m.recipient === recipient);
  }
}

/** Texts and events the tests send (a module would declare these in its catalogue and onStart). */
export function defineTestEvents(p: TestPlatform) {
  addMessages({
    'zh-CN': {
      'test.progress.title': '您的申请有新进展', 'test.progress.body': '申请 {no} 已受理。', 'test.progress.sms': '【示例市】申请 {no} 已受理。',
      'test.alert.title': '安全提醒', 'test.alert.body': '账户有异常。', 'test.alert.sms': '【示例市】账户有异常。',
      'test.task.title': '新的待办', 'test.task.body': '有一件待办。', 'test.task.sms': '【示例市】有一件待办。',
    },
    en: { 'test.progress.title': 'Your application moved on', 'test.progress.body': 'Application {no} was accepted.', 'test.progress.sms': '[Shili] Application {no} was accepted.' },
  });
  p.kernel.notify.defineEvent('test.progress', { category: 'service', channels: ['inapp', 'sms', 'email'] });
  p.kernel.notify.defineEvent('test.alert', { category: 'security', channels: ['inapp', 'sms', 'email'] });
  p.kernel.notify.defineEvent('test.task', { category: 'work', channels: ['inapp', 'sms'] });
}

/**
 * A platform for notification tests: the test events defined, SMS and email going to recording gateways, and the
 * server's own worker stopped, so that each test runs the queue by hand (drain) and sees every step.
 */
export async function notifyTestPlatform(overrides: Partial<Config> = {}) {
  const p = await testPlatform(overrides);
  await p.kernel.jobs.stop();
  defineTestEvents(p);
  const sms = new RecordingGateway('fake-sms');
  const mail = new RecordingGateway('fake-mail');
  p.kernel.notify.useGateway('sms', sms);
  p.kernel.notify.useGateway('email', mail);
  return { p, sms, mail };
}

let n = 0;
/** A distinct mobile number per call. */
export const phone = () => `1390000${String(++n + (process.pid % 500) * 10).padStart(4, '0')}`;

/** A citizen with contact data (and a region or language in the profile, when given). */
export async function citizen(p: TestPlatform, opts: { phone?: string | null; email?: string | null; regionCode?: string; locale?: string } = {}) {
  const tel = opts.phone === undefined ? phone() : opts.phone;
  const a = await accountRepository.insert(p.kernel.db, {
    kind: 'citizen', username: `c${crypto.randomBytes(5).toString('hex')}`, displayName: '测试市民', passwordHash: 'x',
    phoneEnc: tel ? p.kernel.cipher.encrypt(tel) : null, phoneHash: tel ? p.kernel.cipher.lookupHash(tel) : null,
    email: opts.email === undefined ? `${crypto.randomBytes(4).toString('hex')}@example.cn` : opts.email,
    profile: { ...(opts.regionCode ? { regionCode: opts.regionCode } : {}), ...(opts.locale ? { locale: opts.locale } : {}) },
  });
  return { id: a.id, phone: tel, email: a.email };
}

/** Runs the job queue until `check` holds (deliveries deferred to a later window need time to come due). */
export async function drainUntil(p: TestPlatform, check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    await p.kernel.jobs.drain();
    if (await check()) return;
    if (Date.now() > end) throw new Error('timed out waiting for the job queue');
    await sleep(25);
  }
}

export const outboxRows = (p: TestPlatform, requestId: string) =>
  p.kernel.db.query('SELECT * FROM notify_outbox WHERE request_id = $1 ORDER BY channel, created_at', [requestId]);

export const inboxOf = (p: TestPlatform, accountId: string) =>
  p.kernel.db.query("SELECT * FROM notify_outbox WHERE account_id = $1 AND channel = 'inapp' ORDER BY created_at", [accountId]);

export type { TestOrg };
