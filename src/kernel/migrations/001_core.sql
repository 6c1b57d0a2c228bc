-- The security core every module relies on: the organisation tree that scopes every permission,
-- accounts, roles and their grants within an organisation subtree, and sessions.

CREATE TABLE orgs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES orgs(id),
  -- Materialised path of ids ('/<root>/<child>/'): a subtree is one indexed prefix match.
  path text NOT NULL UNIQUE,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  short_name text,
  kind text NOT NULL CHECK (kind IN ('government', 'department', 'division', 'window', 'town', 'village', 'other')),
  region_code text,
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX orgs_path_prefix ON orgs (path text_pattern_ops);
CREATE INDEX orgs_parent ON orgs (parent_id);

CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('staff', 'citizen', 'enterprise')),
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  -- Personal data is stored SM4-encrypted; the *_hash columns are keyed SM3 digests for lookup and uniqueness.
  phone_enc text,
  phone_hash text,
  email text,
  id_number_enc text,
  id_number_hash text,
  credit_code text,
  org_id uuid REFERENCES orgs(id),
  position text,
  profile jsonb NOT NULL DEFAULT '{}'::jsonb,
  totp_secret_enc text,
  totp_enrolled_at timestamptz,
  totp_last_step bigint,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  real_name_verified boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX accounts_phone_unique ON accounts (kind, phone_hash) WHERE phone_hash IS NOT NULL;
CREATE UNIQUE INDEX accounts_id_number_unique ON accounts (kind, id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE UNIQUE INDEX accounts_credit_code_unique ON accounts (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX accounts_org ON accounts (org_id);

CREATE TABLE roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  permissions text[] NOT NULL DEFAULT '{}',
  -- One of the three separated administrators (三员), or null for business roles.
  admin_kind text CHECK (admin_kind IN ('system', 'security', 'audit')),
  builtin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

-- A role granted to an account within the subtree of one organisation (its scope).
CREATE TABLE grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id),
  role_id uuid NOT NULL REFERENCES roles(id),
  org_id uuid NOT NULL REFERENCES orgs(id),
  granted_by uuid REFERENCES accounts(id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, role_id, org_id)
);
CREATE INDEX grants_org ON grants (org_id);

CREATE TABLE sessions (
  id text PRIMARY KEY,                 -- SM3 digest of the token; the token itself is never stored
  account_id uuid NOT NULL REFERENCES accounts(id),
  stage text NOT NULL CHECK (stage IN ('full', 'mfa', 'enrol')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
