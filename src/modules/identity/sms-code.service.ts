import crypto from 'node:crypto';
import type { Kernel } from '../../kernel/kernel.js';
import type { Locale } from '../../kernel/i18n/i18n.js';
import { fieldError, tooMany } from '../../kernel/http/errors.js';
import { accountRepository } from '../../kernel/auth/account.repository.js';
import { isMobilePhone, normalizePhone } from '../../kernel/identifiers/phone.js';
import { smsCodeRepository } from './sms-code.repository.js';

export type SmsPurpose = 'register' | 'login' | 'resetPassword' | 'changePhone';

export const SMS_CODE_MINUTES = 10;
export const SMS_MAX_TRIES = 5;
export const SMS_RESEND_SECONDS = 60;
export const SMS_PER_DAY = 10;

/**
 * One-time SMS codes: 6 digits, valid 10 minutes, 5 wrong tries, one per phone per minute and ten a
 * day. The code goes out as the urgent, confidential event `identity.smsCode`, told in the same
 * transaction as the code itself (no quiet hours, no opt-out; administrators never see its text).
 */
export class SmsCodeService {
  constructor(private readonly kernel: Kernel) {}

  private codeHash(id: string, code: string) {
    return this.kernel.cipher.lookupHash(`sms:${id}:${code}`);
  }

  async send(input: { phone: string; purpose: SmsPurpose }, meta: { ip: string | null; locale: Locale }): Promise<void> {
    const phone = normalizePhone(input.phone);
    if (!isMobilePhone(phone)) throw fieldError('phone', 'identity.phone.format');
    const phoneHash = this.kernel.cipher.lookupHash(phone);
    const { db, notify } = this.kernel;
    await db.tx(async (tx) => {
      await smsCodeRepository.lockPhone(tx, phoneHash);
      const recent = await smsCodeRepository.recentCounts(tx, phoneHash);
      if (recent.lastSentAt) {
        const wait = Math.ceil((recent.lastSentAt.getTime() + SMS_RESEND_SECONDS * 1000 - Date.now()) / 1000);
        if (wait > 0) throw tooMany('identity.smsCode.wait', { seconds: wait });
      }
      if (recent.today >= SMS_PER_DAY) throw tooMany('identity.smsCode.daily', { limit: SMS_PER_DAY });
      // For sign-in and password reset only a known number gets a message; the answer stays the same
      // either way, so the endpoint does not reveal who has an account.
      if (input.purpose === 'login' || input.purpose === 'resetPassword') {
        const known = (await accountRepository.byPhoneHash(tx, 'citizen', phoneHash)) ?? (await accountRepository.byPhoneHash(tx, 'enterprise', phoneHash));
        if (!known) return;
      }
      const id = crypto.randomUUID();
      const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
      await smsCodeRepository.insert(tx, { id, phoneHash, purpose: input.purpose, codeHash: this.codeHash(id, code), validMinutes: SMS_CODE_MINUTES, ip: meta.ip });
      // Rendered now (readable in the outbox as soon as this returns), delivered by the job queue after the commit.
      await notify.tell(tx, { event: 'identity.smsCode', to: { phone }, params: { code, minutes: SMS_CODE_MINUTES }, locale: meta.locale });
    });
  }

  /**
   * Checks and uses up a code in a transaction of its own, so that a wrong try is counted even though
   * the caller's request then fails. Throws a field error on `field`.
   */
  async consume(phone: string, purpose: SmsPurpose, code: string, field = 'smsCode'): Promise<void> {
    const phoneHash = this.kernel.cipher.lookupHash(normalizePhone(phone));
    const problem = await this.kernel.db.tx(async (tx) => {
      const row = await smsCodeRepository.latestForUpdate(tx, phoneHash, purpose);
      if (!row || row.consumed_at || row.expired) return 'identity.smsCode.expired';
      if (row.attempts >= SMS_MAX_TRIES) return 'identity.smsCode.tooManyTries';
      const expected = Buffer.from(row.code_hash);
      const given = Buffer.from(this.codeHash(row.id, code.trim()));
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
        await smsCodeRepository.countAttempt(tx, row.id);
        return row.attempts + 1 >= SMS_MAX_TRIES ? 'identity.smsCode.tooManyTries' : 'identity.smsCode.wrong';
      }
      await smsCodeRepository.consume(tx, row.id);
      return null;
    });
    if (problem) throw fieldError(field, problem);
  }
}
