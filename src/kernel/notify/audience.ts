import { isMobilePhone, normalizePhone } from '../identifiers/phone.js';
import { maskEmail, maskPhone } from '../privacy/mask.js';

/**
 * Who a notification is for. Accounts and raw contacts are expanded in the caller's transaction; role,
 * organisation and region audiences can be thousands of people and are expanded by a job in chunks.
 */
export type Audience =
  | { accountId: string }
  | { accountIds: string[] }
  /** Staff holding the role (by code) through a grant in the organisation's subtree. */
  | { role: string; orgId: string }
  /** Staff of the organisation's subtree. */
  | { orgId: string }
  /** Staff of organisations in the region (GB/T 2260 prefix) and public accounts whose profile names a region in it. */
  | { region: string }
  /** A phone number or address with no account behind it (an SMS code before registration). */
  | { phone: string }
  | { email: string };

/** A bulk audience as stored for the fan-out job (no personal data). */
export type BulkAudience = { type: 'role'; role: string; orgId: string } | { type: 'org'; orgId: string } | { type: 'region'; region: string };
/** What a request row says about its audience: bulk parts as they are, explicit ones counted or masked. */
export type AudienceDescription = BulkAudience | { type: 'accounts'; count: number } | { type: 'phone'; masked: string } | { type: 'email'; masked: string } | { type: 'contacts'; count: number };

export interface SplitAudience {
  accountIds: string[];
  phones: string[];
  emails: string[];
  bulk: BulkAudience[];
  described: AudienceDescription[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION = /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isRegionCode = (v: unknown): v is string => typeof v === 'string' && REGION.test(v);

/**
 * The prefix every code inside a region starts with: a six-digit code drops its zero pairs (990100 is the
 * prefecture 9901, 990000 the province 99); codes below the county (9 and 12 digits) are prefixes already.
 */
export function regionPrefix(code: string): string {
  return code.length === 6 ? code.replace(/(00){1,2}$/, '') : code;
}

/**
 * Sorts an audience (or a list of them) into explicit recipients and bulk parts. A malformed audience is
 * a programming error in the calling module and throws; user input is validated before it gets here.
 */
export function splitAudience(to: Audience | Audience[]): SplitAudience {
  const out: SplitAudience = { accountIds: [], phones: [], emails: [], bulk: [], described: [] };
  const list = Array.isArray(to) ? to : [to];
  if (list.length === 0) throw new Error('notify.tell: the audience is empty');
  let accounts = 0;
  for (const a of list as Record<string, unknown>[]) {
    const keys = Object.keys(a ?? {}).sort().join(',');
    if (keys === 'accountId' || keys === 'accountIds') {
      const ids = keys === 'accountId' ? [a.accountId] : (a.accountIds as unknown[]);
      if (!Array.isArray(ids) || !ids.every(isUuid)) throw new Error(`notify.tell: account ids must be uuids: ${JSON.stringify(a)}`);
      out.accountIds.push(...(ids as string[]));
      accounts += ids.length;
    } else if (keys === 'orgId,role') {
      if (!isUuid(a.orgId) || typeof a.role !== 'string' || !a.role) throw new Error(`notify.tell: bad role audience ${JSON.stringify(a)}`);
      out.bulk.push({ type: 'role', role: a.role, orgId: a.orgId });
    } else if (keys === 'orgId') {
      if (!isUuid(a.orgId)) throw new Error(`notify.tell: bad organisation audience ${JSON.stringify(a)}`);
      out.bulk.push({ type: 'org', orgId: a.orgId });
    } else if (keys === 'region') {
      if (!isRegionCode(a.region)) throw new Error(`notify.tell: bad region code ${JSON.stringify(a.region)}`);
      out.bulk.push({ type: 'region', region: a.region });
    } else if (keys === 'phone') {
      const phone = normalizePhone(String(a.phone ?? ''));
      if (!isMobilePhone(phone)) throw new Error('notify.tell: not a mobile phone number');
      out.phones.push(phone);
      out.described.push({ type: 'phone', masked: maskPhone(phone) });
    } else if (keys === 'email') {
      const email = String(a.email ?? '').trim();
      if (!EMAIL.test(email)) throw new Error('notify.tell: not an email address');
      out.emails.push(email);
      out.described.push({ type: 'email', masked: maskEmail(email) });
    } else {
      throw new Error(`notify.tell: unknown audience ${JSON.stringify(Object.keys(a ?? {}))}`);
    }
  }
  // A mailing to thousands of addresses is described by its size, not by a list of masked addresses.
  if (out.described.length > 10) out.described = [{ type: 'contacts', count: out.described.length }];
  if (accounts > 0) out.described.unshift({ type: 'accounts', count: new Set(out.accountIds).size });
  out.described.push(...out.bulk);
  out.accountIds = [...new Set(out.accountIds)];
  return out;
}
