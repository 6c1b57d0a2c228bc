-- Notifications (issue 3): requests, delivery through the job queue, the in-app inbox, preferences,
-- rate limits, delivery receipts and inbound SMS. The outbox of 003 stays the one table of messages:
-- in-app rows are the inbox (delivered when written), SMS and email rows are delivered by 'notify.deliver' jobs.

-- One call to notify.tell: which event, to whom (described without personal data), and for audiences a job
-- expands in chunks (role, organisation, region) the parameters and how far the expansion has got.
CREATE TABLE notify_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event text NOT NULL,
  category text NOT NULL,
  audience jsonb NOT NULL,
  params jsonb,
  link text,
  urgent boolean NOT NULL DEFAULT false,
  locale text,
  bulk boolean NOT NULL DEFAULT false,
  expanded boolean NOT NULL DEFAULT true,
  expand_cursor jsonb,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expanded_at timestamptz
);
CREATE INDEX notify_requests_bulk ON notify_requests (created_at DESC) WHERE bulk;

ALTER TABLE notify_outbox
  ADD COLUMN request_id uuid,
  ADD COLUMN event text,
  ADD COLUMN category text,
  ADD COLUMN urgent boolean NOT NULL DEFAULT false,
  ADD COLUMN confidential boolean NOT NULL DEFAULT false,
  -- Email subject, or the title of an in-app message.
  ADD COLUMN subject text,
  ADD COLUMN link text,
  -- Template parameters for providers that render registered templates themselves (SMS).
  ADD COLUMN params jsonb,
  -- Keyed SM3 digest of the phone or address (the account id for in-app): dedupe, exact search, per-number limits.
  ADD COLUMN recipient_hash text,
  ADD COLUMN provider_id text,
  ADD COLUMN deferred_until timestamptz,
  -- While a worker is talking to the gateway about this row, nobody else may send it.
  ADD COLUMN claimed_until timestamptz,
  ADD COLUMN delivered_at timestamptz,
  ADD COLUMN receipt_at timestamptz,
  ADD COLUMN read_at timestamptz;
-- In-app rows carry the account, not a contact.
ALTER TABLE notify_outbox ALTER COLUMN recipient_enc DROP NOT NULL;
UPDATE notify_outbox SET event = template WHERE event IS NULL;

-- One message per person, channel and request, however the audiences overlap.
CREATE UNIQUE INDEX notify_outbox_dedupe ON notify_outbox (request_id, channel, recipient_hash);
CREATE INDEX notify_outbox_request ON notify_outbox (request_id, status);
CREATE INDEX notify_outbox_provider ON notify_outbox (gateway, provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX notify_outbox_recipient ON notify_outbox (recipient_hash, created_at DESC);
CREATE INDEX notify_inbox ON notify_outbox (account_id, created_at DESC) WHERE channel = 'inapp';
CREATE INDEX notify_inbox_unread ON notify_outbox (account_id) WHERE channel = 'inapp' AND read_at IS NULL;

-- Messages still queued by the synchronous outbox of 003 are handed to the job queue.
INSERT INTO jobs (type, payload, dedupe_key)
SELECT 'notify.deliver', jsonb_build_object('id', id), 'notify.deliver:' || id FROM notify_outbox WHERE status = 'queued' AND channel <> 'inapp';
UPDATE notify_outbox SET status = 'delivered' WHERE status = 'queued' AND channel = 'inapp';

-- Every attempt to hand a message to a gateway, and every receipt: what the office page shows as history.
CREATE TABLE notify_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  gateway text NOT NULL,
  outcome text NOT NULL,
  error text
);
CREATE INDEX notify_attempts_outbox ON notify_attempts (outbox_id, at);

-- Delivery receipts by (gateway, provider id). A receipt may arrive before the send result is recorded:
-- it waits here (outbox_id null) until the result names its provider id.
CREATE TABLE notify_receipts (
  gateway text NOT NULL,
  provider_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('delivered', 'failed')),
  error text,
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  outbox_id uuid,
  PRIMARY KEY (gateway, provider_id)
);
CREATE INDEX notify_receipts_outbox ON notify_receipts (outbox_id) WHERE outbox_id IS NOT NULL;

-- A person's choices per category and channel; no row means on (the default).
CREATE TABLE notify_preferences (
  account_id uuid NOT NULL REFERENCES accounts(id),
  category text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  enabled boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, category, channel)
);

-- Numbers whose owner replied TD / 退订: no non-urgent SMS, with or without an account.
CREATE TABLE notify_sms_optouts (
  phone_hash text PRIMARY KEY,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Shared per-window counters (channel budgets, per-number limits), so that every process counts the same.
CREATE TABLE notify_rate_counters (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

-- Text messages the public sent to the platform's number, before and after a module handled them.
CREATE TABLE notify_inbound (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  gateway text NOT NULL,
  provider_id text,
  from_enc text NOT NULL,
  from_hash text NOT NULL,
  from_masked text NOT NULL,
  text text NOT NULL,
  to_ext text,
  received_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'handled', 'unhandled', 'failed')),
  route text,
  error text,
  handled_at timestamptz
);
CREATE UNIQUE INDEX notify_inbound_provider ON notify_inbound (gateway, provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX notify_inbound_created ON notify_inbound (created_at DESC);
