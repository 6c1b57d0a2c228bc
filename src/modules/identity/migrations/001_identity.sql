-- SMS verification codes. Only a keyed digest of the code is stored; the phone is found by its lookup hash.
CREATE TABLE identity_sms_codes (
  id uuid PRIMARY KEY,
  phone_hash text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('register', 'login', 'resetPassword', 'changePhone')),
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  ip text
);
CREATE INDEX identity_sms_codes_phone ON identity_sms_codes (phone_hash, created_at DESC);

-- A TOTP secret waiting for its first code; it replaces accounts.totp_secret_enc only once confirmed,
-- so a half-finished enrolment never locks anyone out.
CREATE TABLE identity_totp_pending (
  account_id uuid PRIMARY KEY REFERENCES accounts(id),
  secret_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- People an enterprise names to act for it (经办人). Matched to citizen accounts by the ID-number hash,
-- so a person who registers after being named still sees the enterprises they represent.
CREATE TABLE identity_agents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES accounts(id),
  name text NOT NULL,
  id_number_enc text NOT NULL,
  id_number_hash text NOT NULL,
  phone_enc text NOT NULL,
  phone_hash text NOT NULL,
  scope_note text NOT NULL DEFAULT '',
  citizen_id uuid REFERENCES accounts(id),
  created_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT identity_agents_unique UNIQUE (enterprise_id, id_number_hash)
);
CREATE INDEX identity_agents_person ON identity_agents (id_number_hash);
