import type { Queryable } from '../db/db.js';
import type { AccountKind } from './actor.js';

/** The columns of `accounts` most callers need (personal data stays sealed; callers decrypt what they show). */
export interface AccountRow {
  id: string;
  kind: AccountKind;
  username: string;
  display_name: string;
  password_hash: string;
  phone_enc: string | null;
  phone_hash: string | null;
  email: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  credit_code: string | null;
  org_id: string | null;
  position: string | null;
  profile: Record<string, unknown>;
  totp_secret_enc: string | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: Date | null;
  status: 'active' | 'disabled';
  real_name_verified: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface NewAccount {
  kind: AccountKind;
  username: string;
  displayName: string;
  passwordHash: string;
  phoneEnc?: string | null;
  phoneHash?: string | null;
  email?: string | null;
  idNumberEnc?: string | null;
  idNumberHash?: string | null;
  creditCode?: string | null;
  orgId?: string | null;
  position?: string | null;
  profile?: Record<string, unknown>;
  realNameVerified?: boolean;
}

/**
 * SQL on the kernel's `accounts` table shared by the identity and directory modules. Module-specific
 * queries belong in the module's own repository; what several modules need lives here.
 */
export const accountRepository = {
  async insert(q: Queryable, a: NewAccount): Promise<AccountRow> {
    return q.one<AccountRow>(
      `INSERT INTO accounts (kind, username, display_name, password_hash, phone_enc, phone_hash, email, id_number_enc, id_number_hash,
                             credit_code, org_id, position, profile, real_name_verified)
       VALUES ($1, lower($2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
      [a.kind, a.username, a.displayName, a.passwordHash, a.phoneEnc ?? null, a.phoneHash ?? null, a.email ?? null,
        a.idNumberEnc ?? null, a.idNumberHash ?? null, a.creditCode ?? null, a.orgId ?? null, a.position ?? null,
        JSON.stringify(a.profile ?? {}), a.realNameVerified ?? false],
    );
  },

  async byId(q: Queryable, id: string): Promise<AccountRow | undefined> {
    return q.maybeOne<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
  },

  async byUsername(q: Queryable, username: string): Promise<AccountRow | undefined> {
    return q.maybeOne<AccountRow>('SELECT * FROM accounts WHERE username = lower($1)', [username]);
  },

  async byPhoneHash(q: Queryable, kind: AccountKind, phoneHash: string): Promise<AccountRow | undefined> {
    return q.maybeOne<AccountRow>('SELECT * FROM accounts WHERE kind = $1 AND phone_hash = $2', [kind, phoneHash]);
  },

  async byIdNumberHash(q: Queryable, kind: AccountKind, idNumberHash: string): Promise<AccountRow | undefined> {
    return q.maybeOne<AccountRow>('SELECT * FROM accounts WHERE kind = $1 AND id_number_hash = $2', [kind, idNumberHash]);
  },

  async byCreditCode(q: Queryable, creditCode: string): Promise<AccountRow | undefined> {
    return q.maybeOne<AccountRow>('SELECT * FROM accounts WHERE credit_code = upper($1)', [creditCode]);
  },
};
