import type { Kernel } from '../../kernel/kernel.js';
import { accountRepository } from '../../kernel/auth/account.repository.js';
import { checkPasswordPolicy } from '../../kernel/auth/password.js';
import { isUniqueViolation } from '../../kernel/db/db.js';
import { badRequest } from '../../kernel/http/errors.js';
import { validateCreditCode } from '../../kernel/identifiers/credit-code.js';
import { FieldChecks } from './field-checks.js';
import type { SmsCodeService } from './sms-code.service.js';
import type { RequestMeta, SignInResult } from './sign-in.service.js';

export interface CitizenRegistration { name?: string; idNumber?: string; phone?: string; smsCode?: string; password?: string; email?: string }
export interface EnterpriseRegistration {
  enterpriseName?: string; creditCode?: string; legalRepresentative?: string; contactName?: string;
  phone?: string; smsCode?: string; password?: string; username?: string;
}

const USERNAME = /^[a-z][a-z0-9_.-]{3,31}$/;

/**
 * Public registration. A citizen's real name is taken as verified here by the ID number's check digit
 * plus possession of the phone (SMS code); matching against the population registry comes with the
 * data-exchange centre. Every other problem is reported before the SMS code is used up.
 */
export class RegistrationService {
  constructor(private readonly kernel: Kernel, private readonly smsCodes: SmsCodeService) {}

  async registerCitizen(input: CitizenRegistration, meta: RequestMeta): Promise<SignInResult> {
    const { db, cipher, passwords, sessions, audit } = this.kernel;
    const c = new FieldChecks();
    const name = c.personName('name', input.name);
    const idNumber = c.idNumber('idNumber', input.idNumber);
    const phone = c.phone('phone', input.phone);
    const smsCode = c.smsCode('smsCode', input.smsCode);
    const email = c.email('email', input.email);
    const password = typeof input.password === 'string' ? input.password : '';
    if (!password) c.add('password', 'validation.required');
    else c.capture(() => checkPasswordPolicy(password, phone, 'password'));
    const idHash = c.has('idNumber') ? '' : cipher.lookupHash(idNumber);
    const phoneHash = c.has('phone') ? '' : cipher.lookupHash(phone);
    if (idHash && (await accountRepository.byIdNumberHash(db, 'citizen', idHash))) c.add('idNumber', 'identity.idNumber.taken');
    if (phoneHash && ((await accountRepository.byPhoneHash(db, 'citizen', phoneHash)) || (await accountRepository.byUsername(db, phone)))) {
      c.add('phone', 'identity.phone.taken');
    }
    c.throwIfAny();
    await this.smsCodes.consume(phone, 'register', smsCode);
    const hash = await passwords.hash(password);
    try {
      return await db.tx(async (tx) => {
        const a = await accountRepository.insert(tx, {
          kind: 'citizen', username: phone, displayName: name, passwordHash: hash,
          phoneEnc: cipher.encrypt(phone), phoneHash, email, idNumberEnc: cipher.encrypt(idNumber), idNumberHash: idHash,
          realNameVerified: true, profile: { realNameMethod: 'idCheckDigit+sms' },
        });
        const token = await sessions.create(tx, a.id, 'full', meta);
        await audit.record(tx, { action: 'identity.register', actorId: a.id, actorName: a.username, targetType: 'account', targetId: a.id, ip: meta.ip, details: { kind: 'citizen' } });
        await this.kernel.notify.tell(tx, { event: 'identity.registered', to: { accountId: a.id }, params: { name }, link: '/account' });
        return { token, stage: 'full' as const, account: { id: a.id, kind: a.kind, username: a.username, displayName: a.display_name } };
      });
    } catch (e) {
      throw this.duplicateError(e, 'phone') ?? e;
    }
  }

  async registerEnterprise(input: EnterpriseRegistration, meta: RequestMeta): Promise<SignInResult> {
    const { db, cipher, passwords, sessions, audit } = this.kernel;
    const c = new FieldChecks();
    const enterpriseName = c.text('enterpriseName', input.enterpriseName, { required: true, max: 100 });
    const creditCode = c.creditCode('creditCode', input.creditCode);
    const legalRepresentative = c.personName('legalRepresentative', input.legalRepresentative);
    const contactName = c.personName('contactName', input.contactName);
    const phone = c.phone('phone', input.phone);
    const smsCode = c.smsCode('smsCode', input.smsCode);
    const wanted = c.text('username', input.username, { max: 32 }).toLowerCase();
    // Usernames start with a letter, so they never collide with the phone numbers and ID numbers people sign in with.
    if (wanted && (!USERNAME.test(wanted) || validateCreditCode(wanted).ok)) c.add('username', 'identity.username.format');
    const username = wanted || creditCode.toLowerCase();
    const password = typeof input.password === 'string' ? input.password : '';
    if (!password) c.add('password', 'validation.required');
    else c.capture(() => checkPasswordPolicy(password, username, 'password'));
    if (!c.has('creditCode') && (await accountRepository.byCreditCode(db, creditCode))) c.add('creditCode', 'identity.creditCode.taken');
    if (wanted && !c.has('username') && (await accountRepository.byUsername(db, wanted))) c.add('username', 'identity.username.taken');
    const phoneHash = c.has('phone') ? '' : cipher.lookupHash(phone);
    if (phoneHash && (await accountRepository.byPhoneHash(db, 'enterprise', phoneHash))) c.add('phone', 'identity.phone.takenEnterprise');
    c.throwIfAny();
    await this.smsCodes.consume(phone, 'register', smsCode);
    const hash = await passwords.hash(password);
    try {
      return await db.tx(async (tx) => {
        const a = await accountRepository.insert(tx, {
          kind: 'enterprise', username, displayName: enterpriseName, passwordHash: hash, creditCode,
          phoneEnc: cipher.encrypt(phone), phoneHash,
          // Checked against the legal-entity registry only once the exchange centre exists; until then, not verified.
          realNameVerified: false, profile: { legalRepresentative, contactName },
        });
        const token = await sessions.create(tx, a.id, 'full', meta);
        await audit.record(tx, { action: 'identity.register', actorId: a.id, actorName: a.username, targetType: 'account', targetId: a.id, ip: meta.ip, details: { kind: 'enterprise', creditCode } });
        await this.kernel.notify.tell(tx, { event: 'identity.registered', to: { accountId: a.id }, params: { name: enterpriseName }, link: '/account' });
        return { token, stage: 'full' as const, account: { id: a.id, kind: a.kind, username: a.username, displayName: a.display_name } };
      });
    } catch (e) {
      throw this.duplicateError(e, 'username') ?? e;
    }
  }

  /** Two people registering the same number at the same moment: the loser gets the field error, not a 500. */
  private duplicateError(e: unknown, usernameField: 'phone' | 'username') {
    if (isUniqueViolation(e, 'accounts_id_number_unique')) return badRequest('error.validation', [{ field: 'idNumber', key: 'identity.idNumber.taken' }]);
    if (isUniqueViolation(e, 'accounts_phone_unique')) return badRequest('error.validation', [{ field: 'phone', key: 'identity.phone.taken' }]);
    if (isUniqueViolation(e, 'accounts_credit_code_unique')) return badRequest('error.validation', [{ field: 'creditCode', key: 'identity.creditCode.taken' }]);
    if (isUniqueViolation(e, 'accounts_username_key')) return badRequest('error.validation', [{ field: usernameField, key: usernameField === 'phone' ? 'identity.phone.taken' : 'identity.username.taken' }]);
    return null;
  }
}
