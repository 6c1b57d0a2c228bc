-- Official holiday schedules. region_code '' is the national schedule; a region code adds local
-- holidays (ethnic autonomous areas) for that region and every region under it.
CREATE TABLE calendar_years (
  year integer NOT NULL,
  region_code text NOT NULL DEFAULT '',
  source text NOT NULL,               -- 'package:chinese-days' or 'admin'
  note text NOT NULL DEFAULT '',
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, region_code)
);

CREATE TABLE calendar_days (
  day date NOT NULL,
  region_code text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('rest', 'work')),   -- a holiday rest day, or a make-up working day
  name text NOT NULL DEFAULT '',
  PRIMARY KEY (day, region_code)
);

-- Every outgoing message (SMS, email, in-app) is first written here in the same transaction as the
-- change that caused it; a gateway delivers it afterwards. The development gateway records it as delivered.
CREATE TABLE notify_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('sms', 'email', 'inapp')),
  account_id uuid,
  recipient_enc text NOT NULL,
  recipient_masked text NOT NULL,
  template text NOT NULL,
  locale text NOT NULL DEFAULT 'zh-CN',
  body text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'delivered', 'failed')),
  gateway text,
  attempts integer NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX notify_outbox_created ON notify_outbox (created_at DESC);
CREATE INDEX notify_outbox_status ON notify_outbox (status, created_at);
