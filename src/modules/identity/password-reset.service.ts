import type { Kernel } from '../../kernel/kernel.js';
import { accountRepository } from '../../kernel/auth/account.repository.js';
import { checkPasswordPolicy } from '../../kernel/auth/password.js';
import { normalizePhone } from '../../kernel/identifiers/phone.js';
import { fieldError } from '../../kernel/http/errors.js';
import { identityRepository } from './identity.repository.js';
import { chinaTime } from './sign-in.service.js';
import { FieldChecks } from './field-checks.js';
import type { SmsCodeService } from './sms-code.service.js';
import type { RequestMeta } from './sign-in.service.js';

export interface PasswordResetInput {
  phone: string;
  smsCode: string;
  password: string;
  /** Whose password: the person's own account, or the enterprise registered with the same phone. */
  kind?: 'citizen' | 'enterprise';
}

/**
 * 忘记密码: a citizen or enterprise proves they hold the registered phone with an SMS code and sets a
 * new password. Every session of the account ends and any lock-out is lifted. A phone with no account
 * was never sent a code, so the answer ("the code is not valid") does not reveal who is registered.
 */
export class PasswordResetService {
  constructor(private readonly kernel: Kernel, private readonly smsCodes: SmsCodeService) {}

  async reset(input: PasswordResetInput, meta: RequestMeta): Promise<void> {
    const { db, cipher, passwords, sessions, audit } = this.kernel;
    const c = new FieldChecks();
    const phone = c.phone('phone', input.phone);
    const smsCode = c.smsCode('smsCode', input.smsCode);
    if (!input.password) c.add('password', 'validation.required');
    c.throwIfAny();
    // The policy first, so that a weak password does not use up the code; without the username, so that
    // the answer cannot tell a registered phone from an unregistered one.
    checkPasswordPolicy(input.password, '', 'password');
    await this.smsCodes.consume(phone, 'resetPassword', smsCode);
    const phoneHash = cipher.lookupHash(normalizePhone(phone));
    // The person's own account first; the enterprise of the same phone when asked for, or when there is no person.
    const citizen = input.kind === 'enterprise' ? undefined : await accountRepository.byPhoneHash(db, 'citizen', phoneHash);
    const account = citizen ?? (input.kind === 'citizen' ? undefined : await accountRepository.byPhoneHash(db, 'enterprise', phoneHash));
    // A code only goes to a registered phone: this one is registered, but for the other kind of account.
    if (!account) throw fieldError('kind', 'identity.reset.noAccountOfKind');
    checkPasswordPolicy(input.password, account.username, 'password');
    const hash = await passwords.hash(input.password);
    await db.tx(async (tx) => {
      await identityRepository.setPassword(tx, account.id, hash);
      await identityRepository.clearFailures(tx, account.id);
      await sessions.endAllFor(tx, account.id);
      await audit.record(tx, { action: 'identity.password.reset', actorId: account.id, actorName: account.username, targetType: 'account', targetId: account.id, ip: meta.ip, details: { by: 'sms' } });
      await this.kernel.notify.tell(tx, { event: 'identity.passwordChanged', to: { accountId: account.id }, params: { time: chinaTime(new Date()) } });
    });
  }
}
