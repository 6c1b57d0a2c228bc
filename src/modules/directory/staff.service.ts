import type { Actor } from '../../kernel/auth/actor.js';
import type { Db, Queryable } from '../../kernel/db/db.js';
import type { AuditService } from '../../kernel/audit/audit.service.js';
import type { PersonalDataCipher } from '../../kernel/crypto/personal-data.js';
import type { PasswordHasher } from '../../kernel/auth/password.js';
import type { SessionService } from '../../kernel/auth/session.service.js';
import { checkPasswordPolicy } from '../../kernel/auth/password.js';
import { accountRepository } from '../../kernel/auth/account.repository.js';
import { isUniqueViolation } from '../../kernel/db/db.js';
import { conflict, fieldError, forbidden, notFound } from '../../kernel/http/errors.js';
import { maskEmail, maskPhone } from '../../kernel/privacy/mask.js';
import { STAFF_VIEW } from './directory.permissions.js';
import { covers, likePatterns, requireScope, scopeFor } from './directory-scope.js';
import { grantRepository } from './grant.repository.js';
import { orgRepository } from './org.repository.js';
import { staffRepository, type StaffRow } from './staff.repository.js';
import { isEmail, normalisePhone } from './staff-fields.js';
import type { AuditWho } from './region.service.js';

export interface NewStaffInput {
  username: string;
  displayName: string;
  orgId: string;
  position?: string | null;
  phone?: string | null;
  email?: string | null;
  initialPassword: string;
}
export interface StaffPatch {
  version: number;
  displayName?: string;
  position?: string | null;
  orgId?: string;
  phone?: string | null;
  email?: string | null;
  status?: 'active' | 'disabled';
}

export interface StaffDeps {
  db: Db;
  audit: AuditService;
  cipher: PersonalDataCipher;
  passwords: PasswordHasher;
  sessions: SessionService;
}

/** Staff accounts, scoped by the organisation each belongs to. Lists mask personal data; a full read is audited. */
export class StaffService {
  constructor(private readonly k: StaffDeps) {}

  private summary(r: StaffRow, masked: boolean) {
    const phone = r.phone_enc ? this.k.cipher.decrypt(r.phone_enc) : null;
    return {
      id: r.id, username: r.username, displayName: r.display_name, orgId: r.org_id, orgName: r.org_name, position: r.position,
      phone: phone && masked ? maskPhone(phone) : phone,
      email: r.email && masked ? maskEmail(r.email) : r.email,
      status: r.status, locked: !!r.locked_until && r.locked_until.getTime() > Date.now(), totpEnrolled: !!r.totp_enrolled_at,
      version: r.version,
    };
  }

  async list(actor: Actor, f: { orgId?: string; q?: string; status?: string; page: number; pageSize: number }) {
    const scopes = requireScope(actor, STAFF_VIEW);
    const text = f.q?.trim() || undefined;
    const phone = text ? normalisePhone(text) : null;
    const r = await staffRepository.search(this.k.db, likePatterns(scopes), {
      orgId: f.orgId, text, phoneHash: phone ? this.k.cipher.lookupHash(phone) : undefined, status: f.status,
      limit: f.pageSize, offset: (f.page - 1) * f.pageSize,
    });
    return { items: r.items.map((s) => this.summary(s, true)), total: r.total, page: f.page, pageSize: f.pageSize };
  }

  /** The full record with contact details: a read of personal data, so it is audited. */
  async get(actor: Actor, who: AuditWho, id: string) {
    const scopes = requireScope(actor, STAFF_VIEW);
    const row = await staffRepository.byId(this.k.db, id);
    if (!row || !row.org_path || !covers(scopes, row.org_path)) throw notFound();
    const grants = await grantRepository.ofAccount(this.k.db, id);
    if (id !== actor.accountId) {
      await this.k.audit.recordNow({ ...who, action: 'directory.staff.read', targetType: 'account', targetId: id, details: { personalData: ['phone', 'email'] } });
    }
    return {
      ...this.summary(row, false),
      createdAt: row.created_at,
      grants: grants.map((g) => ({ id: g.id, roleId: g.role_id, roleCode: g.role_code, roleName: g.role_name, adminKind: g.admin_kind, orgId: g.org_id, orgName: g.org_name })),
    };
  }

  async create(actor: Actor, who: AuditWho, input: NewStaffInput) {
    const scopes = scopeFor(actor, ['directory.staff.manage']);
    const username = input.username.toLowerCase();
    checkPasswordPolicy(input.initialPassword, username, 'initialPassword');
    const contact = this.contact(input.phone, input.email);
    const passwordHash = await this.k.passwords.hash(input.initialPassword);
    return this.k.db.tx(async (tx) => {
      await this.writableOrg(tx, scopes, input.orgId, 'orgId');
      if (await accountRepository.byUsername(tx, username)) throw fieldError('username', 'directory.staff.usernameTaken');
      if (contact.phoneHash && (await staffRepository.phoneHashesTaken(tx, [contact.phoneHash])).size) throw fieldError('phone', 'directory.staff.phoneTaken');
      let id: string;
      try {
        id = (await accountRepository.insert(tx, {
          kind: 'staff', username, displayName: input.displayName.trim(), passwordHash, orgId: input.orgId,
          position: input.position?.trim() || null, ...contact,
        })).id;
      } catch (err) {
        if (isUniqueViolation(err, 'accounts_phone_unique')) throw fieldError('phone', 'directory.staff.phoneTaken');
        if (isUniqueViolation(err)) throw fieldError('username', 'directory.staff.usernameTaken');
        throw err;
      }
      await this.k.audit.record(tx, { ...who, action: 'directory.staff.create', targetType: 'account', targetId: id, details: { username, orgId: input.orgId } });
      return this.summary((await staffRepository.byId(tx, id))!, true);
    });
  }

  async update(actor: Actor, who: AuditWho, id: string, patch: StaffPatch) {
    const scopes = scopeFor(actor, ['directory.staff.manage']);
    return this.k.db.tx(async (tx) => {
      const row = await staffRepository.byId(tx, id);
      if (!row) throw notFound();
      if (!row.org_path || !covers(scopes, row.org_path)) throw forbidden();
      // The system administrator must not be able to silence the other two administrators (三员分立).
      const actorKinds = new Set(actor.grants.map((g) => g.adminKind).filter(Boolean));
      if ((await staffRepository.adminKinds(tx, id)).some((k) => !actorKinds.has(k as 'system'))) throw forbidden('directory.staff.otherAdmin');
      if (patch.status === 'disabled' && id === actor.accountId) throw fieldError('status', 'directory.staff.cannotDisableSelf');
      if (patch.orgId !== undefined && patch.orgId !== row.org_id) await this.writableOrg(tx, scopes, patch.orgId, 'orgId');
      const current = { phone: row.phone_enc ? this.k.cipher.decrypt(row.phone_enc) : null };
      const contact = this.contact(patch.phone !== undefined ? patch.phone : current.phone, patch.email !== undefined ? patch.email : row.email);
      if (patch.phone !== undefined && contact.phoneHash && contact.phoneHash !== (current.phone ? this.k.cipher.lookupHash(current.phone) : null)
        && (await staffRepository.phoneHashesTaken(tx, [contact.phoneHash])).size) throw fieldError('phone', 'directory.staff.phoneTaken');
      const status = patch.status ?? row.status;
      let updated;
      try {
        updated = await staffRepository.update(tx, id, patch.version, {
          displayName: patch.displayName?.trim() ?? row.display_name,
          position: patch.position !== undefined ? (patch.position?.trim() || null) : row.position,
          orgId: patch.orgId ?? row.org_id, status, ...contact,
        });
      } catch (err) {
        if (isUniqueViolation(err, 'accounts_phone_unique')) throw fieldError('phone', 'directory.staff.phoneTaken');
        throw err;
      }
      if (!updated) throw conflict();
      if (status === 'disabled' && row.status !== 'disabled') await this.k.sessions.endAllFor(tx, id);
      const changed = Object.keys(patch).filter((k) => k !== 'version');
      const action = status !== row.status ? (status === 'disabled' ? 'directory.staff.disable' : 'directory.staff.enable') : 'directory.staff.update';
      await this.k.audit.record(tx, { ...who, action, targetType: 'account', targetId: id, details: { fields: changed, orgId: patch.orgId } });
      return this.summary((await staffRepository.byId(tx, id))!, true);
    });
  }

  private contact(phone: string | null | undefined, email: string | null | undefined) {
    let phoneEnc: string | null = null;
    let phoneHash: string | null = null;
    if (phone) {
      const p = normalisePhone(phone);
      if (!p) throw fieldError('phone', 'directory.staff.phoneFormat');
      phoneEnc = this.k.cipher.encrypt(p);
      phoneHash = this.k.cipher.lookupHash(p);
    }
    const mail = email?.trim() || null;
    if (mail && !isEmail(mail)) throw fieldError('email', 'directory.staff.emailFormat');
    return { phoneEnc, phoneHash, email: mail };
  }

  private async writableOrg(q: Queryable, scopes: string[], orgId: string, field: string) {
    const org = await orgRepository.byId(q, orgId);
    if (!org) throw fieldError(field, 'directory.staff.orgUnknown');
    if (!covers(scopes, org.path)) throw forbidden();
    return org;
  }
}

