import type { Queryable } from '../db/db.js';

export interface InboundRow {
  id: string;
  gateway: string;
  provider_id: string | null;
  from_enc: string;
  from_hash: string;
  from_masked: string;
  text: string;
  to_ext: string | null;
  received_at: Date;
  created_at: Date;
  status: 'pending' | 'handled' | 'unhandled' | 'failed';
  route: string | null;
  error: string | null;
  handled_at: Date | null;
}

export const inboundRepository = {
  /** Stores an inbound SMS once per (gateway, provider id); undefined when the provider repeated a push. */
  async insert(q: Queryable, m: { gateway: string; providerId: string | null; fromEnc: string; fromHash: string; fromMasked: string; text: string; toExt: string | null; receivedAt: Date }) {
    return q.maybeOne<{ id: string }>(
      `INSERT INTO notify_inbound (gateway, provider_id, from_enc, from_hash, from_masked, text, to_ext, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (gateway, provider_id) WHERE provider_id IS NOT NULL DO NOTHING RETURNING id`,
      [m.gateway, m.providerId, m.fromEnc, m.fromHash, m.fromMasked, m.text, m.toExt, m.receivedAt.toISOString()],
    );
  },

  async idByProvider(q: Queryable, gateway: string, providerId: string) {
    return (await q.maybeOne<{ id: string }>('SELECT id FROM notify_inbound WHERE gateway = $1 AND provider_id = $2', [gateway, providerId]))?.id;
  },

  byId(q: Queryable, id: string) {
    return q.maybeOne<InboundRow>('SELECT * FROM notify_inbound WHERE id = $1', [id]);
  },

  async finish(q: Queryable, id: string, status: 'handled' | 'unhandled' | 'failed', route: string | null, error: string | null) {
    await q.query(
      `UPDATE notify_inbound SET status = $2, route = $3, error = $4, handled_at = now() WHERE id = $1 AND status = 'pending'`,
      [id, status, route, error?.slice(0, 2000) ?? null],
    );
  },
};
