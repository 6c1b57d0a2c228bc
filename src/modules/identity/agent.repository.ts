import type { Queryable } from '../../kernel/db/db.js';

export interface AgentRow {
  id: string;
  enterprise_id: string;
  name: string;
  id_number_enc: string;
  phone_enc: string;
  scope_note: string;
  citizen_id: string | null;
  created_at: Date;
  has_account: boolean;
}

export const agentRepository = {
  /** An enterprise's agents; `has_account` says whether the person has a citizen account (now, not only when named). */
  async listFor(q: Queryable, enterpriseId: string): Promise<AgentRow[]> {
    return q.query<AgentRow>(
      `SELECT ag.*, EXISTS (SELECT 1 FROM accounts c WHERE c.kind = 'citizen' AND c.id_number_hash = ag.id_number_hash) AS has_account
         FROM identity_agents ag WHERE ag.enterprise_id = $1 ORDER BY ag.created_at`,
      [enterpriseId],
    );
  },

  async count(q: Queryable, enterpriseId: string): Promise<number> {
    return (await q.one<{ n: number }>('SELECT count(*)::int AS n FROM identity_agents WHERE enterprise_id = $1', [enterpriseId])).n;
  },

  async insert(q: Queryable, a: { enterpriseId: string; name: string; idNumberEnc: string; idNumberHash: string; phoneEnc: string; phoneHash: string; scopeNote: string; citizenId: string | null; createdBy: string }) {
    return q.one<{ id: string; created_at: Date }>(
      `INSERT INTO identity_agents (enterprise_id, name, id_number_enc, id_number_hash, phone_enc, phone_hash, scope_note, citizen_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, created_at`,
      [a.enterpriseId, a.name, a.idNumberEnc, a.idNumberHash, a.phoneEnc, a.phoneHash, a.scopeNote, a.citizenId, a.createdBy],
    );
  },

  /** Deletes only within the owning enterprise, so one enterprise can never remove another's agent. */
  async delete(q: Queryable, enterpriseId: string, id: string): Promise<{ id: string; name: string } | undefined> {
    return q.maybeOne('DELETE FROM identity_agents WHERE id = $1 AND enterprise_id = $2 RETURNING id, name', [id, enterpriseId]);
  },

  async enterprisesRepresentedBy(q: Queryable, idNumberHash: string) {
    return q.query<{ enterprise_id: string; enterprise_name: string; credit_code: string; scope_note: string; created_at: Date }>(
      `SELECT e.id AS enterprise_id, e.display_name AS enterprise_name, e.credit_code, ag.scope_note, ag.created_at
         FROM identity_agents ag JOIN accounts e ON e.id = ag.enterprise_id
        WHERE ag.id_number_hash = $1 AND e.status = 'active' ORDER BY e.display_name`,
      [idNumberHash],
    );
  },
};
