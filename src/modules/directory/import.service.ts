import crypto from 'node:crypto';
import type { Actor } from '../../kernel/auth/actor.js';
import type { Db } from '../../kernel/db/db.js';
import type { AuditService } from '../../kernel/audit/audit.service.js';
import type { PersonalDataCipher } from '../../kernel/crypto/personal-data.js';
import type { PasswordHasher } from '../../kernel/auth/password.js';
import { accountRepository } from '../../kernel/auth/account.repository.js';
import { AppError } from '../../kernel/http/errors.js';
import { covers, hasRootScope, scopeFor } from './directory-scope.js';
import { mapColumns, readTable } from './import-file.js';
import { ORG_COLUMNS, STAFF_COLUMNS, planOrgImport, planStaffImport, type RowError } from './import-rows.js';
import { orgRepository, type OrgRow } from './org.repository.js';
import { childPath } from './org.service.js';
import { regionRepository } from './region.repository.js';
import { staffRepository } from './staff.repository.js';
import { normalisePhone, randomPassword } from './staff-fields.js';
import type { AuditWho } from './region.service.js';

export interface ImportResult {
  imported: number;
  errors: RowError[];
}

/** A database error (it carries a SQLSTATE), as opposed to a bug in our own code. */
const isDatabaseError = (err: unknown) => typeof (err as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);

export interface ImportDeps {
  db: Db;
  audit: AuditService;
  cipher: PersonalDataCipher;
  passwords: PasswordHasher;
}

/**
 * Imports of organisations and staff from CSV or Excel. Invalid rows are reported and skipped; all
 * valid rows go in one transaction, so an interrupted import leaves all of them or none.
 */
export class ImportService {
  constructor(private readonly k: ImportDeps) {}

  async importOrgs(actor: Actor, who: AuditWho, file: Buffer, fileName: string): Promise<ImportResult> {
    const scopes = scopeFor(actor, ['directory.org.manage']);
    const { rows, malformed } = mapColumns(await readTable(file), ORG_COLUMNS);
    const codes = [...new Set(rows.flatMap((r) => [r.values.code.normalize('NFKC'), r.values.parentCode.normalize('NFKC')]).filter(Boolean))];
    const regions = [...new Set(rows.map((r) => r.values.regionCode.normalize('NFKC')).filter(Boolean))];
    const existing = await orgRepository.byCodes(this.k.db, codes);
    const { plan, errors } = planOrgImport(rows, {
      existing: new Map([...existing].map(([code, o]) => [code, { id: o.id, path: o.path, writable: covers(scopes, o.path) }])),
      regions: await regionRepository.existing(this.k.db, regions),
      mayCreateRoot: hasRootScope(scopes),
    });
    const allErrors = [...malformedErrors(malformed), ...errors].sort((a, b) => a.row - b.row);
    if (plan.length === 0) return { imported: 0, errors: allErrors };
    await this.inOneTransaction(async (tx) => {
      const created = new Map<string, Pick<OrgRow, 'path' | 'id'>>();
      for (const o of plan) {
        const parent = !o.parent ? null : 'existingId' in o.parent ? { id: o.parent.existingId, path: o.parent.path } : created.get(o.parent.code)!;
        const id = crypto.randomUUID();
        await orgRepository.insert(tx, { id, parentId: parent?.id ?? null, path: childPath(parent, id), code: o.code, name: o.name, shortName: o.shortName, kind: o.kind, regionCode: o.regionCode });
        created.set(o.code, { id, path: childPath(parent, id) });
      }
      await this.k.audit.record(tx, { ...who, action: 'directory.import.orgs', targetType: 'org', details: { file: fileName, imported: plan.length, rejectedRows: allErrors.length, codes: plan.map((o) => o.code).slice(0, 200) } });
    });
    return { imported: plan.length, errors: allErrors };
  }

  async importStaff(actor: Actor, who: AuditWho, file: Buffer, fileName: string): Promise<ImportResult> {
    const scopes = scopeFor(actor, ['directory.staff.manage']);
    const { rows, malformed } = mapColumns(await readTable(file), STAFF_COLUMNS);
    const orgs = await orgRepository.byCodes(this.k.db, [...new Set(rows.map((r) => r.values.orgCode.normalize('NFKC')).filter(Boolean))]);
    const takenUsernames = await staffRepository.usernamesTaken(this.k.db, rows.map((r) => r.values.username.normalize('NFKC').toLowerCase()).filter(Boolean));
    const phones = rows.map((r) => normalisePhone(r.values.phone)).filter((p): p is string => !!p);
    const takenPhones = await staffRepository.phoneHashesTaken(this.k.db, phones.map((p) => this.k.cipher.lookupHash(p)));
    const { plan, errors } = planStaffImport(rows, {
      orgs: new Map([...orgs].map(([code, o]) => [code, { id: o.id, writable: covers(scopes, o.path) }])),
      takenUsernames,
      phoneTaken: (phone) => takenPhones.has(this.k.cipher.lookupHash(phone)),
    });
    const allErrors = [...malformedErrors(malformed), ...errors].sort((a, b) => a.row - b.row);
    if (plan.length === 0) return { imported: 0, errors: allErrors };
    // Each account gets its own random password that nobody sees; hashing happens before the transaction opens.
    const hashes: string[] = [];
    for (let i = 0; i < plan.length; i += 8) {
      hashes.push(...await Promise.all(plan.slice(i, i + 8).map(() => this.k.passwords.hash(randomPassword(crypto.randomBytes)))));
    }
    await this.inOneTransaction(async (tx) => {
      for (const [i, s] of plan.entries()) {
        await accountRepository.insert(tx, {
          kind: 'staff', username: s.username, displayName: s.displayName, passwordHash: hashes[i], orgId: s.orgId, position: s.position,
          phoneEnc: s.phone ? this.k.cipher.encrypt(s.phone) : null, phoneHash: s.phone ? this.k.cipher.lookupHash(s.phone) : null, email: s.email,
          profile: { passwordSetBy: 'import' },
        });
      }
      await this.k.audit.record(tx, { ...who, action: 'directory.import.staff', targetType: 'account', details: { file: fileName, imported: plan.length, rejectedRows: allErrors.length, usernames: plan.map((s) => s.username).slice(0, 200) } });
    });
    return { imported: plan.length, errors: allErrors };
  }

  /** Runs the writes of one import; a database refusal part-way rolls every row back and says so. */
  private async inOneTransaction(fn: Parameters<Db['tx']>[0]): Promise<void> {
    try {
      await this.k.db.tx(fn);
    } catch (err) {
      if (err instanceof AppError || !isDatabaseError(err)) throw err;
      throw new AppError(409, 'IMPORT_INTERRUPTED', 'directory.import.interrupted');
    }
  }
}

function malformedErrors(rows: { row: number; cells: number }[]): RowError[] {
  return rows.map((m) => ({ row: m.row, field: 'row', key: 'directory.import.malformedRow', params: { cells: m.cells } }));
}

