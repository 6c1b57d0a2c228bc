import type { Queryable, Row } from '../db/db.js';

export interface FileRecord {
  id: string;
  hash: string;
  size: number;
  type: string;
  name: string;
  use: string;
  ownerRef: string | null;
  orgId: string | null;
  uploadedBy: string | null;
  personal: boolean;
  createdAt: string;
}

const COLUMNS = 'id, hash, size, detected_type, original_name, use, owner_ref, org_id, uploaded_by, personal, created_at';

function toRecord(r: Row): FileRecord {
  return {
    id: r.id, hash: r.hash, size: Number(r.size), type: r.detected_type, name: r.original_name, use: r.use,
    ownerRef: r.owner_ref ?? null, orgId: r.org_id ?? null, uploadedBy: r.uploaded_by ?? null, personal: r.personal,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const filesRepository = {
  async insert(q: Queryable, f: { hash: string; size: number; type: string; name: string; use: string; ownerRef: string | null; orgId: string | null; uploadedBy: string | null; personal: boolean }): Promise<FileRecord> {
    const row = await q.one(
      `INSERT INTO files (hash, size, detected_type, original_name, use, owner_ref, org_id, uploaded_by, personal, unreferenced_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $6::text IS NULL THEN now() END) RETURNING ${COLUMNS}`,
      [f.hash, f.size, f.type, f.name, f.use, f.ownerRef, f.orgId, f.uploadedBy, f.personal]);
    return toRecord(row);
  },

  async find(q: Queryable, id: string): Promise<FileRecord | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await q.maybeOne(`SELECT ${COLUMNS} FROM files WHERE id = $1`, [id]);
    return row && toRecord(row);
  },

  async byOwner(q: Queryable, ownerRef: string): Promise<FileRecord[]> {
    return (await q.query(`SELECT ${COLUMNS} FROM files WHERE owner_ref = $1 ORDER BY created_at, id`, [ownerRef])).map(toRecord);
  },

  async attach(q: Queryable, id: string, ownerRef: string, by: string | null, use: string | null): Promise<FileRecord | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await q.maybeOne(
      `UPDATE files SET owner_ref = $2, unreferenced_since = NULL
        WHERE id = $1 AND (owner_ref IS NULL OR owner_ref = $2)
          AND ($3::uuid IS NULL OR uploaded_by = $3::uuid) AND ($4::text IS NULL OR use = $4)
        RETURNING ${COLUMNS}`, [id, ownerRef, by, use]);
    return row && toRecord(row);
  },

  async detach(q: Queryable, id: string, ownerRef: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const rows = await q.query('UPDATE files SET owner_ref = NULL, unreferenced_since = now() WHERE id = $1 AND owner_ref = $2 RETURNING id', [id, ownerRef]);
    return rows.length > 0;
  },

  async detachAll(q: Queryable, ownerRef: string): Promise<number> {
    return (await q.query('UPDATE files SET owner_ref = NULL, unreferenced_since = now() WHERE owner_ref = $1 RETURNING id', [ownerRef])).length;
  },

  /** Deletes up to `limit` rows unreferenced for longer than `seconds`; returns their hashes. */
  async deleteUnreferenced(q: Queryable, seconds: number, limit: number): Promise<string[]> {
    const rows = await q.query<{ hash: string }>(
      `DELETE FROM files WHERE id IN (
         SELECT id FROM files WHERE owner_ref IS NULL AND unreferenced_since <= now() - ($1::bigint * interval '1 second')
          ORDER BY unreferenced_since LIMIT $2)
       RETURNING hash`, [seconds, limit]);
    return rows.map((r) => r.hash);
  },

  async hashInUse(q: Queryable, hash: string): Promise<boolean> {
    return !!(await q.maybeOne('SELECT 1 FROM files WHERE hash = $1 LIMIT 1', [hash]));
  },
};
