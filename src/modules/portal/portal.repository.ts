import type { Queryable } from '../../kernel/db/db.js';

/** Public organisational facts only (names, kinds, hierarchy): never staff, never internal units. */
export type PublicOrgRow = {
  id: string;
  parent_id: string | null;
  name: string;
  short_name: string | null;
  kind: 'government' | 'department' | 'town';
};

/** Kinds of body the public directory shows; divisions and windows are internal, villages are self-governing. */
const PUBLIC_KINDS = ['government', 'department', 'town'];

export const portalRepository = {
  /** Departments directly under a top-level government (the city's own departments). */
  async cityDepartments(q: Queryable): Promise<PublicOrgRow[]> {
    return q.query<PublicOrgRow>(
      `SELECT d.id, d.parent_id, d.name, d.short_name, d.kind
         FROM orgs d JOIN orgs g ON g.id = d.parent_id
        WHERE g.parent_id IS NULL AND g.kind = 'government' AND g.active
          AND d.kind = 'department' AND d.active
        ORDER BY g.sort, g.code, d.sort, d.code`,
    );
  },

  /** The public bodies with when they were set up and last changed: the department directory as search documents. */
  async publicOrgsDated(q: Queryable): Promise<(PublicOrgRow & { created_at: Date; updated_at: Date })[]> {
    return q.query(
      `SELECT id, parent_id, name, short_name, kind, created_at, updated_at FROM orgs
        WHERE active AND kind = ANY($1::text[]) ORDER BY sort, code`,
      [PUBLIC_KINDS],
    );
  },

  /** Every active public body; ordered so that siblings come out in their published order. */
  async publicOrgs(q: Queryable): Promise<PublicOrgRow[]> {
    return q.query<PublicOrgRow>(
      `SELECT id, parent_id, name, short_name, kind
         FROM orgs
        WHERE active AND kind = ANY($1::text[])
        ORDER BY sort, code`,
      [PUBLIC_KINDS],
    );
  },
};
