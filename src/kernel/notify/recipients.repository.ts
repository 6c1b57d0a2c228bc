import type { Queryable } from '../db/db.js';
import type { BulkAudience } from './audience.js';
import { regionPrefix } from './audience.js';

/** What the notification service needs of an account to decide channels and language. */
export interface RecipientAccount {
  id: string;
  display_name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  email: string | null;
  locale: string | null;
}

const COLUMNS = `a.id, a.display_name, a.phone_enc, a.phone_hash, a.email, a.profile->>'locale' AS locale`;
// Org region codes as the directory writes them ('99', '9901', '990102' or padded '990100'), as a prefix.
const orgRegion = `CASE WHEN length(o.region_code) = 6 THEN regexp_replace(o.region_code, '(00){1,2}$', '') ELSE o.region_code END`;
const profileRegion = `CASE WHEN length(a.profile->>'regionCode') = 6 THEN regexp_replace(a.profile->>'regionCode', '(00){1,2}$', '') ELSE a.profile->>'regionCode' END`;

export const recipientsRepository = {
  byIds(q: Queryable, ids: string[]) {
    return q.query<RecipientAccount>(`SELECT ${COLUMNS} FROM accounts a WHERE a.id = ANY($1::uuid[]) AND a.status = 'active'`, [ids]);
  },

  /** The next chunk of a bulk audience, in id order after `after` (the fan-out job's cursor). */
  chunk(q: Queryable, part: BulkAudience, after: string | null, limit: number) {
    const base = `SELECT ${COLUMNS} FROM accounts a WHERE a.status = 'active' AND ($1::uuid IS NULL OR a.id > $1::uuid)`;
    const tail = 'ORDER BY a.id LIMIT $2';
    if (part.type === 'role') {
      return q.query<RecipientAccount>(
        `${base} AND a.kind = 'staff' AND EXISTS (
           SELECT 1 FROM grants g JOIN roles r ON r.id = g.role_id JOIN orgs o ON o.id = g.org_id
            WHERE g.account_id = a.id AND r.code = $3 AND o.path LIKE (SELECT path FROM orgs WHERE id = $4) || '%') ${tail}`,
        [after, limit, part.role, part.orgId],
      );
    }
    if (part.type === 'org') {
      return q.query<RecipientAccount>(
        `${base} AND a.kind = 'staff' AND EXISTS (
           SELECT 1 FROM orgs o WHERE o.id = a.org_id AND o.path LIKE (SELECT path FROM orgs WHERE id = $3) || '%') ${tail}`,
        [after, limit, part.orgId],
      );
    }
    return q.query<RecipientAccount>(
      `${base} AND (
         (a.kind = 'staff' AND EXISTS (SELECT 1 FROM orgs o WHERE o.id = a.org_id AND o.region_code IS NOT NULL AND ${orgRegion} LIKE $3 || '%'))
         OR (a.kind <> 'staff' AND a.profile->>'regionCode' IS NOT NULL AND ${profileRegion} LIKE $3 || '%')) ${tail}`,
      [after, limit, regionPrefix(part.region)],
    );
  },

  /** Explicit choices of these accounts for one category: `${accountId}:${channel}` → on/off. */
  async choices(q: Queryable, accountIds: string[], category: string): Promise<Map<string, boolean>> {
    const rows = await q.query<{ account_id: string; channel: string; enabled: boolean }>(
      'SELECT account_id, channel, enabled FROM notify_preferences WHERE account_id = ANY($1::uuid[]) AND category = $2', [accountIds, category]);
    return new Map(rows.map((r) => [`${r.account_id}:${r.channel}`, r.enabled]));
  },

  /** Which of these numbers said TD. */
  async optedOut(q: Queryable, phoneHashes: string[]): Promise<Set<string>> {
    if (phoneHashes.length === 0) return new Set();
    const rows = await q.query<{ phone_hash: string }>('SELECT phone_hash FROM notify_sms_optouts WHERE phone_hash = ANY($1::text[])', [phoneHashes]);
    return new Set(rows.map((r) => r.phone_hash));
  },
};
