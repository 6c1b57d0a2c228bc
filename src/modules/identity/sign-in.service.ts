import crypto from 'node:crypto';
import type { Kernel } from '../../kernel/kernel.js';
import type { Queryable } from '../../kernel/db/db.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { accountRepository, type AccountRow } from '../../kernel/auth/account.repository.js';
import { checkPasswordPolicy } from '../../kernel/auth/password.js';
import { AppError, conflict, fieldError } from '../../kernel/http/errors.js';
import { validateIdNumber } from '../../kernel/identifiers/id-number.js';
import { validateCreditCode } from '../../kernel/identifiers/credit-code.js';
import { isMobilePhone, normalizePhone } from '../../kernel/identifiers/phone.js';
import { maskIdNumber, maskPhone } from '../../kernel/privacy/mask.js';
import type { AuditEntry } from '../../kernel/audit/audit.service.js';
import { identityRepository } from './identity.repository.js';
import { FieldChecks } from './field-checks.js';
import { newTotpSecret, totpEnrolment, totpStep } from './totp.js';

export type Stage = 'full' | 'mfa' | 'enrol';
export interface RequestMeta { ip: string; userAgent?: string }
type AuditWho = Pick<AuditEntry, 'actorId' | 'actorName' | 'orgId' | 'ip'>;

export interface SignInResult {
  token: string;
  stage: Stage;
  account: { id: string; kind: AccountRow['kind']; username: string; displayName: string };
}

const badCredentials = () => new AppError(401, 'BAD_CREDENTIALS', 'identity.login.badCredentials');

/** China Standard Time has no daylight saving: a fixed +8 h gives the wall-clock time people expect. */
export function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const lockedError = (until: Date) => new AppError(423, 'LOCKED', 'identity.login.locked', [], { until: chinaTime(until) });

/** What a sign-in name looks like, with personal numbers masked, for the audit trail of failed attempts. */
function maskedIdentifier(name: string): string {
  if (validateIdNumber(name).ok) return maskIdNumber(name);
  if (isMobilePhone(name)) return maskPhone(normalizePhone(name));
  return name.slice(0, 64);
}

/**
 * Sign-in with password and, for staff, a TOTP second factor; lock-out after repeated failures
 * (counted across the password, the second factor and a password change), sessions, password change.
 */
export class SignInService {
  private dummyHash?: Promise<string>;

  constructor(private readonly kernel: Kernel) {}

  /** A username, a citizen's phone or ID number, or an enterprise's credit code. */
  async findAccount(q: Queryable, name: string): Promise<AccountRow | undefined> {
    const { cipher } = this.kernel;
    const byName = await accountRepository.byUsername(q, name);
    if (byName) return byName;
    const id = validateIdNumber(name);
    if (id.ok) return accountRepository.byIdNumberHash(q, 'citizen', cipher.lookupHash(id.value));
    const code = validateCreditCode(name);
    if (code.ok) return accountRepository.byCreditCode(q, code.value);
    if (isMobilePhone(name)) return accountRepository.byPhoneHash(q, 'citizen', cipher.lookupHash(normalizePhone(name)));
    return undefined;
  }

  async login(input: { username: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
    const { db, audit, passwords, config, sessions } = this.kernel;
    const name = input.username.trim();
    const c = new FieldChecks();
    c.text('username', name, { required: true, max: 100 });
    if (!input.password) c.add('password', 'validation.required');
    c.throwIfAny();
    const account = await this.findAccount(db, name);
    const fail = (reason: string, a?: AccountRow, details: Record<string, unknown> = {}) => audit.recordNow({
      action: 'identity.login', outcome: 'failure', actorId: a?.id ?? null, actorName: a?.username ?? maskedIdentifier(name),
      orgId: a?.org_id ?? null, targetType: 'account', targetId: a?.id ?? null, ip: meta.ip, details: { reason, ...details },
    });
    if (!account) {
      // Spend the same time as a real check, so response times do not tell which accounts exist.
      this.dummyHash ??= passwords.hash(crypto.randomBytes(16).toString('hex'));
      await passwords.verify(await this.dummyHash, input.password);
      await fail('unknownAccount');
      throw badCredentials();
    }
    if (account.locked_until && account.locked_until.getTime() > Date.now()) {
      await fail('locked', account);
      throw lockedError(account.locked_until);
    }
    if (!(await passwords.verify(account.password_hash, input.password))) {
      await this.countFailure(account, 'badPassword', meta);
      throw badCredentials();
    }
    if (account.status !== 'active') {
      await fail('disabled', account);
      throw new AppError(403, 'ACCOUNT_DISABLED', 'identity.login.disabled');
    }
    const stage: Stage = account.kind !== 'staff' ? 'full'
      : account.totp_enrolled_at ? 'mfa'
      : config.staffRequireTotp ? 'enrol' : 'full';
    const token = await db.tx(async (tx) => {
      // A correct password alone does not reset the count while the second factor is still to come.
      if (stage !== 'mfa') await identityRepository.clearFailures(tx, account.id);
      const t = await sessions.create(tx, account.id, stage, meta);
      await audit.record(tx, {
        action: 'identity.login', outcome: 'success', actorId: account.id, actorName: account.username, orgId: account.org_id,
        targetType: 'account', targetId: account.id, ip: meta.ip, details: { stage, factor: 'password' },
      });
      return t;
    });
    return { token, stage, account: { id: account.id, kind: account.kind, username: account.username, displayName: account.display_name } };
  }

  /**
   * Counts a failed attempt in its own transaction (the request itself fails) and audits it; when the
   * count reaches the threshold the account is locked, its sessions end, and the caller gets LOCKED.
   */
  private async countFailure(account: AccountRow, reason: string, meta: RequestMeta, action = 'identity.login'): Promise<void> {
    const { db, audit, config, sessions } = this.kernel;
    const lockedUntil = await db.tx(async (tx) => {
      const r = await identityRepository.countFailure(tx, account.id, config.lockoutThreshold, config.lockoutMinutes);
      const who = { actorId: account.id, actorName: account.username, orgId: account.org_id, targetType: 'account', targetId: account.id, ip: meta.ip };
      await audit.record(tx, { ...who, action, outcome: 'failure', details: { reason, failedLogins: r.failed_logins } });
      const justLocked = r.locked_until !== null && r.failed_logins === config.lockoutThreshold;
      if (justLocked) {
        await sessions.endAllFor(tx, account.id);
        await audit.record(tx, { ...who, action: 'identity.account.lock', details: { until: r.locked_until!.toISOString(), failedLogins: r.failed_logins } });
      }
      return r.locked_until && r.locked_until.getTime() > Date.now() ? r.locked_until : null;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
  }

  private async accountOf(actor: Actor): Promise<AccountRow> {
    const account = await accountRepository.byId(this.kernel.db, actor.accountId);
    if (!account) throw new AppError(401, 'UNAUTHENTICATED', 'error.unauthenticated');
    if (account.locked_until && account.locked_until.getTime() > Date.now()) throw lockedError(account.locked_until);
    return account;
  }

  /** The second factor of a staff sign-in. A code is good once: its time step is remembered. */
  async verifyTotp(actor: Actor, stage: Stage, code: string, meta: RequestMeta): Promise<void> {
    const { db, audit, cipher, sessions } = this.kernel;
    // Only a sign-in waiting for its second factor presents one; anyone else would just be counting failures against themselves.
    if (stage !== 'mfa') throw fieldError('code', 'identity.totp.notExpected');
    const account = await this.accountOf(actor);
    const step = account.totp_secret_enc ? totpStep(cipher.decrypt(account.totp_secret_enc), code.trim()) : null;
    if (step === null) {
      await this.countFailure(account, 'badTotp', meta, 'identity.totp.verify');
      throw fieldError('code', 'identity.totp.wrong');
    }
    const fresh = await db.tx(async (tx) => {
      if (!(await identityRepository.useTotpStep(tx, account.id, step))) return false;
      await identityRepository.clearFailures(tx, account.id);
      await sessions.setStage(tx, actor.sessionId, 'full');
      await audit.record(tx, {
        action: 'identity.login', actorId: account.id, actorName: account.username, orgId: account.org_id,
        targetType: 'account', targetId: account.id, ip: meta.ip, details: { stage: 'full', factor: 'totp' },
      });
      return true;
    });
    if (!fresh) {
      await this.countFailure(account, 'replayedTotp', meta, 'identity.totp.verify');
      throw fieldError('code', 'identity.totp.replayed');
    }
  }

  /** A new secret, kept aside until the first code from it is confirmed. */
  async beginTotpEnrolment(actor: Actor, who: AuditWho) {
    const { db, audit, cipher } = this.kernel;
    await this.refuseRebinding(actor, who);
    const secret = newTotpSecret();
    await db.tx(async (tx) => {
      await identityRepository.savePendingTotp(tx, actor.accountId, cipher.encrypt(secret));
      await audit.record(tx, { ...who, action: 'identity.totp.enrolStart', targetType: 'account', targetId: actor.accountId });
    });
    return totpEnrolment(secret, actor.username);
  }

  async confirmTotpEnrolment(actor: Actor, stage: Stage, code: string, who: AuditWho): Promise<void> {
    const { db, audit, cipher, sessions } = this.kernel;
    await this.refuseRebinding(actor, who);
    const pending = await identityRepository.pendingTotp(db, actor.accountId);
    if (!pending) throw fieldError('code', 'identity.totp.noPending');
    const secret = cipher.decrypt(pending.secret_enc);
    const step = totpStep(secret, code.trim());
    if (step === null) {
      await audit.recordNow({ ...who, action: 'identity.totp.enrol', outcome: 'failure', targetType: 'account', targetId: actor.accountId, details: { reason: 'badTotp' } });
      throw fieldError('code', 'identity.totp.wrong');
    }
    await db.tx(async (tx) => {
      await identityRepository.setTotp(tx, actor.accountId, cipher.encrypt(secret), step);
      await identityRepository.deletePendingTotp(tx, actor.accountId);
      if (stage !== 'full') await sessions.setStage(tx, actor.sessionId, 'full');
      await audit.record(tx, { ...who, action: 'identity.totp.enrol', targetType: 'account', targetId: actor.accountId, details: { completesSignIn: stage !== 'full' } });
    });
  }

  /**
   * A second factor, once bound, is not replaced from a session: whoever holds a stolen session could
   * otherwise bind their own authenticator. Replacing it goes through the security administrator.
   */
  private async refuseRebinding(actor: Actor, who: AuditWho) {
    const account = await accountRepository.byId(this.kernel.db, actor.accountId);
    if (account?.totp_enrolled_at) {
      await this.kernel.audit.recordNow({ ...who, action: 'identity.totp.enrol', outcome: 'denied', targetType: 'account', targetId: actor.accountId, details: { reason: 'alreadyEnrolled' } });
      throw conflict('identity.totp.alreadyEnrolled');
    }
  }

  async logout(actor: Actor, who: AuditWho): Promise<void> {
    const { db, audit, sessions } = this.kernel;
    await db.tx(async (tx) => {
      await sessions.end(tx, actor.sessionId);
      await audit.record(tx, { ...who, action: 'identity.logout', targetType: 'account', targetId: actor.accountId });
    });
  }

  /** Changes the password and ends every other session of the account (a thief's session among them). */
  async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, meta: RequestMeta, who: AuditWho): Promise<void> {
    const { db, audit, passwords } = this.kernel;
    const account = await this.accountOf(actor);
    if (!(await passwords.verify(account.password_hash, input.currentPassword))) {
      await this.countFailure(account, 'badCurrentPassword', meta, 'identity.password.change');
      throw fieldError('currentPassword', 'identity.password.currentWrong');
    }
    if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'identity.password.same');
    checkPasswordPolicy(input.newPassword, account.username, 'newPassword');
    const hash = await passwords.hash(input.newPassword);
    await db.tx(async (tx) => {
      await identityRepository.setPassword(tx, account.id, hash);
      await identityRepository.clearFailures(tx, account.id);
      await identityRepository.endOtherSessions(tx, account.id, actor.sessionId);
      await audit.record(tx, { ...who, action: 'identity.password.change', targetType: 'account', targetId: account.id });
      await this.kernel.notify.tell(tx, { event: 'identity.passwordChanged', to: { accountId: account.id }, params: { time: chinaTime(new Date()) } });
    });
  }

  /** Who is signed in, with the roles held and where (the office app builds its menus from this). */
  async session(actor: Actor, stage: Stage) {
    const { db } = this.kernel;
    const account = await accountRepository.byId(db, actor.accountId);
    if (!account) throw new AppError(401, 'UNAUTHENTICATED', 'error.unauthenticated');
    const grants = stage === 'full' ? await identityRepository.grantsWithNames(db, account.id) : [];
    return {
      stage,
      account: {
        id: account.id, kind: account.kind, username: account.username, displayName: account.display_name,
        orgId: account.org_id, orgName: await identityRepository.orgName(db, account.org_id), totpEnrolled: !!account.totp_enrolled_at,
      },
      permissions: [...new Set(grants.flatMap((g) => g.permissions))].sort(),
      // Platform-wide operations (the national calendar, the outbox, the audit log, role definitions) need a grant at a tree root.
      permissionsAtRoot: [...new Set(grants.filter((g) => g.at_root).flatMap((g) => g.permissions))].sort(),
      grants: grants.map((g) => ({ roleCode: g.role_code, roleName: g.role_name, adminKind: g.admin_kind, orgId: g.org_id, orgName: g.org_name, atRoot: g.at_root })),
    };
  }
}
