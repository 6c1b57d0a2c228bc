-- Uploaded files. The bytes live in the blob store, addressed by their SM3 hash (several rows may share one
-- blob); a row says who uploaded what, for which use, and which record it belongs to (owner_ref, e.g.
-- 'letter:<id>'). A row without owner_ref is an upload no record points at yet; unreferenced_since says
-- since when, and the garbage collector removes such rows (and a blob no other row shares) after a day.
CREATE TABLE files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  detected_type text NOT NULL,
  original_name text NOT NULL,
  use text NOT NULL,
  owner_ref text,
  org_id uuid,
  uploaded_by uuid,
  personal boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  unreferenced_since timestamptz DEFAULT now(),
  CHECK ((owner_ref IS NULL) = (unreferenced_since IS NOT NULL))
);
CREATE INDEX files_hash ON files (hash);
CREATE INDEX files_owner_ref ON files (owner_ref) WHERE owner_ref IS NOT NULL;
CREATE INDEX files_unreferenced ON files (unreferenced_since) WHERE owner_ref IS NULL;
